import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')
// step 1, text: every migration pending, nothing busy
assert log.contains('Linted 4 migration(s): 0 finding(s), 0 ignored.')
// step 2, -q with JSON: the document alone, then Maven's errors
def lines = log.readLines()
def start = lines.findIndexOf { it == '{' }
def end = lines.findIndexOf(start) { it.startsWith('[ERROR]') }
def json = lines.subList(start, end).join('\n')
def report = new JsonSlurper().parseText(json)
assert report.migrations == ['002_events.up.sql', '003_orders_customer.up.sql', '004_orders_trim.up.sql']
assert report.findings.size() == 2
def f = report.findings[0]
assert f.rule_id == 'require-concurrent-index-creation'
assert f.severity == 'error'
assert f.migration == '003_orders_customer.up.sql'
assert f.file == 'db/migrations/003_orders_customer.up.sql'
assert f.line == 3 && f.column == 1
assert f.lock == 'SHARE' && f.blocks == 'writes' && f.rewrites_table == false
assert f.safe_alternative == 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer);'
assert report.ignored.isEmpty()  // the widening is no rewrite: nothing to silence
def data = report.findings[1]
assert data.rule_id == 'update-or-delete-without-where'
assert data.migration == '004_orders_trim.up.sql' && data.line == 1
assert data.lock == 'ROW EXCLUSIVE' && data.rewrites_table == true
assert data.safe_alternative.contains('UPDATE orders SET customer = trim(customer) WHERE id IN (SELECT id FROM public.orders')
assert log.contains('require-concurrent-index-creation')

def sarif = new JsonSlurper().parse(new File(basedir, 'target/confiture/lint.sarif'))
assert sarif.version == '2.1.0'
def run = sarif.runs[0]
assert run.tool.driver.name == 'confiture-lint'
assert run.results.size() == 2
assert run.results[1].ruleId == 'update-or-delete-without-where'
assert run.results[0].ruleId == 'require-concurrent-index-creation'
assert run.results[0].level == 'error'
assert run.results[0].locations[0].physicalLocation.artifactLocation.uri == 'db/migrations/003_orders_customer.up.sql'
assert run.results[0].locations[0].physicalLocation.region.startLine == 3

return true
