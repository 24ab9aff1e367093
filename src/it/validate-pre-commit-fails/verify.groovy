import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('column public.users.phone')
assert log.contains('no migration')
assert log.contains('Validation failed')
assert !log.contains('BUILD SUCCESS')

def report = new JsonSlurper().parse(new File(basedir, 'target/confiture/validate.json'))
assert report.status == 'failed'
assert report.target == 'index'
def migration = report.checks.find { it.name == 'migration' }
assert migration.status == 'failed'
assert migration.findings*.object == ['column public.users.phone']
assert migration.findings[0].file == 'db/schema/10_tables/users.sql'
assert report.checks.find { it.name == 'drift' }.status == 'failed'
return true
