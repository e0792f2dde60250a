def log = new File(basedir, 'build.log').text
assert log =~ /\d+ scenarios: \d+ passed, 0 failed/
def junit = new File(basedir, 'target/netspec-junit.xml')
assert junit.isFile()
assert junit.text.contains('<testsuite')
