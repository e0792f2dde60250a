def log = new File(basedir, 'build.log').text
assert log.contains('netspec: connectivity specs failed')
assert new File(basedir, 'target/netspec-junit.xml').text.contains('<failure')
