import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// First run: the module's property beats the parent's (false): billing fails on the irreversible migration.
assert log.contains('BUILD FAILURE')
assert log.contains('[down] migration 003_backfill_order_refs is irreversible')
assert log.contains('(confiture.requireReversible=true)')
// Second run: -Dconfiture.requireReversible=false beats the module: it is only a warning.
assert log.contains('BUILD SUCCESS')
assert log.contains('warning: migration 003_backfill_order_refs is irreversible')
def report = new JsonSlurper().parse(new File(basedir, 'enterprise/billing-service/target/confiture/verify.json'))
assert report.status == 'passed'
assert report.checks.find { it.name == 'down' }.findings*.severity == ['warning']
return true
