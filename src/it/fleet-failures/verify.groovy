import groovy.json.JsonSlurper

def eu = context.get('eu')
def us = context.get('us')
try {
    def log = new File(basedir, 'build.log').text
    // 1. fail fast: the failed target with its migration and statement, the targets not started
    assert log.contains('Fleet migrate: 4 target(s): 1 applied, 0 up to date, 1 failed, 2 not started')
    assert log =~ /(?s)Fleet migrate failed on 1 target\(s\):\s+eu\/tenant_b: .*001_items.*CREATE TABLE items/
    assert log.contains('2 target(s) not started; run again to continue.')
    // 2. lint of each target's pending migrations: only eu/tenant_a has 002 pending on a busy items
    assert log =~ /eu\/tenant_a\s+failed\s.*002_items_idx/
    assert log.contains('Fleet lint: 4 target(s): 3 passed, 1 failed, 0 not started')
    assert log.contains('Linted 2 migration(s): 1 finding(s), 0 ignored.')
    def sarif = new JsonSlurper().parse(new File(basedir, 'target/confiture/lint.sarif'))
    assert sarif.runs[0].results.size() == 1
    // 3. not fail fast: all others up to date, the run fails all the same
    assert log.contains('Fleet migrate: 4 target(s): 3 applied, 0 up to date, 1 failed, 0 not started')
    eu.connect().withCloseable { c ->
        assert count(c, 'tenant_a.confiture_migrations') == 2
        assert count(c, 'tenant_b.confiture_migrations') == 0
    }
    us.connect().withCloseable { c ->
        assert count(c, 'tenant_a.confiture_migrations') == 2
        assert count(c, 'tenant_b.confiture_migrations') == 2
    }
    // 4. selection by glob; the JSON lists every target with its migrations, snake_case
    def us_ = new JsonSlurper().parse(new File(basedir, 'target/status-us.json'))
    assert us_.outcomes.collect { it.target } == ['us/tenant_a', 'us/tenant_b']
    assert us_.outcomes.every { o -> o.current_version == '002' && o.migrations.collect { it.status } == ['applied', 'applied'] }
    assert us_.outcomes[0].migrations[0].containsKey('applied_at')
    // 5, 6. the shards cover every target once
    def s1 = new JsonSlurper().parse(new File(basedir, 'target/shard-1.json')).outcomes.collect { it.target }
    def s2 = new JsonSlurper().parse(new File(basedir, 'target/shard-2.json')).outcomes.collect { it.target }
    assert !s1.isEmpty() && !s2.isEmpty()
    assert s1.intersect(s2).isEmpty()
    assert (s1 + s2).sort() == ['eu/tenant_a', 'eu/tenant_b', 'us/tenant_a', 'us/tenant_b']
    // 7. the canary failed: nothing else started; fleet.json says so
    assert log.contains('Fleet migrate: 4 target(s): 0 applied, 0 up to date, 1 failed, 3 not started')
    def fleet = new JsonSlurper().parse(new File(basedir, 'target/confiture/fleet.json'))
    assert fleet.goal == 'migrate'
    assert fleet.outcomes.collect { it.state } == ['NOT_STARTED', 'FAILED', 'NOT_STARTED', 'NOT_STARTED']
    return true
} finally {
    eu.close()
    us.close()
}

static int count(java.sql.Connection c, String table) {
    def rs = c.createStatement().executeQuery("SELECT count(*) FROM ${table}")
    rs.next()
    return rs.getInt(1)
}
