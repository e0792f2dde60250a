def log = new File(basedir, 'build.log').text
assert log.contains('backend.yaml:100: warning [unknown-dependency]')
assert log.contains('0 errors, 1 warning')
assert log.contains('BUILD SUCCESS')
