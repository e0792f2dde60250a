// The suite ran the two scenarios through the step library (not zero tests, which would also "pass").
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('BUILD SUCCESS')

// ...and this project is what features/README.md tells a Java team to write: its xml and java snippets,
// blanks aside, appear verbatim in this pom and suite class.
def readme = new File(basedir, '../../../../features/README.md').text
def squash = { String s -> s.replaceAll(/\s+/, ' ').trim() }
def pom = squash(new File(basedir, 'pom.xml').text)
def suite = squash(new File(basedir, 'src/test/java/com/example/network/NetworkSpecsTest.java').text)
def blocks = { String lang -> (readme =~ /(?s)```${lang}\n(.*?)```/).collect { it[1] } }
assert !blocks('xml').isEmpty()
blocks('xml').each { block ->
    (block =~ /(?s)<dependency>.*?<\/dependency>/).each { dep ->
        assert pom.contains(squash(dep)) : "README dependency not in the sample pom: ${dep}"
    }
}
blocks('java').each { assert suite.contains(squash(it)) : "README suite differs from the sample's: ${it}" }
true
