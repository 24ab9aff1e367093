import groovy.json.JsonSlurper

def db = context.get('db')
try {
    def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')

    // 1. the first attempt failed on lock_timeout, naming the blocker; the retry applied it
    assert log =~ /001_users_note: attempt 1 of 4 failed on a lock timeout \(.*\), blocked by .*it-blocker.*; nothing of it was applied\. Retrying in 1000 ms \(confiture\.lockRetries=3\)/
    def m1 = new JsonSlurper().parse(new File(basedir, 'target/migrate-1.json'))
    assert m1.migrations.collect { it.version + ':' + it.status } == ['001:applied']
    assert m1.lock_retries.size() == 1
    assert m1.lock_retries[0].migration == '001_users_note'
    assert m1.lock_retries[0].attempt == 1
    assert m1.lock_retries[0].blocked_by.any { it.contains('it-blocker') }
    db.connect().withCloseable { c ->
        def rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'note'")
        rs.next()
        assert rs.getInt(1) == 1
    }

    // 2. orders never let go: one retry, then the goal fails naming the blocker; 002 is not recorded
    assert log.contains('002_orders_note: attempt 1 of 2 failed on a lock timeout')
    assert log =~ /Gave up after 2 attempts, each failed on a lock timeout \(confiture\.lockRetries=1\); blocked by .*it-blocker/
    db.connect().withCloseable { c ->
        def rs = c.createStatement().executeQuery("SELECT string_agg(version, ',' ORDER BY version) FROM confiture_migrations")
        rs.next()
        assert rs.getString(1) == '001'
    }
    return true
} finally {
    context.get('releaseOrders').countDown()
    Thread.sleep(200)
    db.close()
}
