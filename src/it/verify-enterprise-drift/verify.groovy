import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains('confiture-maven-plugin:0.1.0-SNAPSHOT:verify (confiture-verify) on project billing-service')
// the words validate uses for the same difference (Difference.describe)
assert log.contains('[drift] column public.invoices.issued_at: the schema files: issued_at timestamp with time zone;'
        + ' the migrations: issued_at timestamp without time zone (to match the schema files: alter column')
assert log.contains('schema files: issued_at timestamp with time zone | migrations: issued_at timestamp without time zone')
// orders-service, built before billing, passed.
assert new JsonSlurper().parse(new File(basedir, 'enterprise/orders-service/target/confiture/verify.json')).status == 'passed'
def report = new JsonSlurper().parse(new File(basedir, 'enterprise/billing-service/target/confiture/verify.json'))
assert report.status == 'failed'
def drift = report.checks.find { it.name == 'drift' }
assert drift.status == 'failed'
assert drift.findings*.object == ['column public.invoices.issued_at']
return true
