def log = new File(basedir, 'build.log').text
assert log.contains('netspec: rule pack io.netspec.it:acme-pack:1.0')
// The acme pack's rule fires on the shop's CoreDNS (an error, so the gate fails).
def report = new File(basedir, 'target/netspec.json').text
assert report.contains('exposed-deployment-egress')
assert log.contains('netspec: findings at or above the gate')
