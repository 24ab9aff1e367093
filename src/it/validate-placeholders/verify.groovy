import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')

// 1. validate replaced ${users_table} as migrate would: no drift
// (target/confiture/validate.json is step 4's by now)
assert log.contains('migrations added or modified: 003_add_phone.up.sql')
assert log.contains('[ok]     checkDrift')
assert log.contains('Validation passed')

// 2. diff: migrations (with the placeholder) and schema files agree
assert log.contains('No differences between migrations and schema.')

// 3. without the placeholder: migrate's own error, file and line
assert log.contains('Unknown placeholder, nothing was run:')
assert log.contains('db/migrations/003_add_phone.up.sql:2: ${users_table}')
def bare = new JsonSlurper().parse(new File(basedir, 'target/bare.json'))
assert bare.status == 'error'
assert bare.error.code == 'PLACEHOLDER_UNKNOWN'
assert bare.error.file == 'db/migrations/003_add_phone.up.sql'
assert bare.error.line == 2

// 4. -Dconfiture.placeholders.users_table=users gives bare the value: validate passes (steps 1 and 4)
assert log.count('Validation passed') == 2
def last = new JsonSlurper().parse(new File(basedir, 'target/confiture/validate.json'))
assert last.status == 'passed'
assert last.checks.every { it.status == 'passed' && it.findings.isEmpty() }
return true
