import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('confiture-maven-plugin:0.1.0-SNAPSHOT:verify (confiture-verify) on project billing-service')
assert log.contains('[down] index public.invoices_open_idx: the down of 002_add_issued_at does not undo its up')
def report = new JsonSlurper().parse(new File(basedir, 'enterprise/billing-service/target/confiture/verify.json'))
def down = report.checks.find { it.name == 'down' }
assert down.status == 'failed'
assert down.findings*.migration == ['002_add_issued_at']
assert down.findings[0].file.endsWith('002_add_issued_at.down.sql')
// The drift check is unaffected: the schema files and the ups agree.
assert report.checks.find { it.name == 'drift' }.status == 'passed'
return true
