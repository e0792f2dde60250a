def log = new File(basedir, 'build.log').text
assert log.contains('backend.yaml:100: warning [unknown-dependency]')
assert log.contains('netspec: findings at or above the gate (warning)')
