// `netspec rules init`'s project (committed copy, kept equal by RulesInitTest) builds: PackTest ran the
// fixtures, checked the docs and the versions, and the jar is the pack with its fixtures.
import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('BUILD SUCCESS')
def jar = new ZipFile(new File(basedir, 'target/acme-network-1.0.0.jar'))
['pack.yaml', 'rules/no-host-network.drl', 'tests/no-host-network/fail-host-network.yaml'].each {
    assert jar.getEntry(it) != null : "the pack jar lacks ${it}"
}
jar.close()
true
