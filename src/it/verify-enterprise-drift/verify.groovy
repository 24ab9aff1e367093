import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('confiture-maven-plugin:0.1.0-SNAPSHOT:verify (confiture-verify) on project billing-service')
assert log.contains('[drift] column public.invoices.issued_at: the schema files and the migrations differ')
assert log.contains('schema files: timestamp with time zone | migrations: timestamp without time zone')
// orders-service, built before billing, passed.
assert new JsonSlurper().parse(new File(basedir, 'enterprise/orders-service/target/confiture/verify.json')).status == 'passed'
def report = new JsonSlurper().parse(new File(basedir, 'enterprise/billing-service/target/confiture/verify.json'))
assert report.status == 'failed'
def drift = report.checks.find { it.name == 'drift' }
assert drift.status == 'failed'
assert drift.findings*.object == ['column public.invoices.issued_at']
return true
