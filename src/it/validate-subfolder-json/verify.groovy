import groovy.json.JsonSlurper

// With -q, standard output held the report alone: between the invoker's hook lines and Maven's
// error lines, the log is exactly one JSON document (ANSI colour resets aside).
def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')
def lines = log.readLines().findAll { !it.startsWith('Running ') && !it.startsWith('Finished ') }
def end = lines.findIndexOf { it.startsWith('[ERROR]') }
def json = lines.subList(0, end < 0 ? lines.size() : end).join('\n')
assert json.startsWith('{') && json.endsWith('}')
def printed = new JsonSlurper().parseText(json)
assert printed.status == 'failed'

def report = new JsonSlurper().parse(new File(basedir, 'service/target/confiture/validate.json'))
assert report == printed
assert new JsonSlurper().parse(new File(basedir, 'service/target/report.json')) == printed
assert report.checks.find { it.name == 'migration' }.status == 'passed'
def drift = report.checks.find { it.name == 'drift' }
assert drift.status == 'failed'
assert drift.findings.size() == 1
assert drift.findings[0].object == 'column public.orders.total'
assert drift.findings[0].message.contains('numeric(12,2)')
assert drift.findings[0].message.contains('numeric(10,2)')
assert drift.findings[0].file == 'service/db/migrations/002_total.up.sql'
return true
