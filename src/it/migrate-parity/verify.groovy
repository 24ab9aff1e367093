import groovy.json.JsonSlurper

def db = context.get('db')
try {
    def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')
    def json = { name -> new JsonSlurper().parse(new File(basedir, "target/${name}")) }
    def q = { sql ->
        db.connect().withCloseable { c ->
            def rs = c.createStatement().executeQuery(sql); def out = []; while (rs.next()) out << rs.getString(1); out
        }
    }

    // 1. baseline on migrate: 001 recorded (the table was there), 003 applied
    def m1 = json('migrate-1.json')
    assert m1.migrations.collect { it.version + ':' + it.status } == ['001:baselined', '003:applied']
    assert log.contains('confiture.baselineOnMigrate=true records 1 migration(s) up to version 001 as applied without running them')
    assert log.contains('Baselined 001_users')

    // 2. out of order: refused, naming both versions and the property
    assert log.contains('older than the newest applied migration 003_bio (version 003)')
    assert log.contains('- 002_orders (version 002 < 003)')
    assert log.contains('-Dconfiture.outOfOrder=true')

    // 3. status
    def status = new File(basedir, 'target/status-3.txt').text
    assert status.readLines().any { it.contains('002') && it.contains('orders') && it.contains('out-of-order') }: status

    // 4. applied when asked
    assert log.contains('002_orders is older than the newest applied migration (003): applying it out of order')
    assert log =~ /Applying 002_orders \.\.\. ok \(\d+ ms\)/

    // 5. the edited 003 and the deleted 002 refuse migrate, naming repair
    assert log.contains('migration 003_bio was changed after it was applied')
    assert log.contains('record the new checksum with confiture:repair')

    // 6. repair: 003 realigned, the missing 002 kept and listed
    def r6 = json('repair-6.json')
    assert r6.changes.collect { it.version + ':' + it.action } == ['002:missing_kept', '003:realigned']
    assert log.contains('Kept 002_orders: its files are gone: record kept (remove it with -Dconfiture.removeMissing=true)')
    assert log =~ /Realigned 003_bio: up file \S+003_bio\.up\.sql edited: checksum [0-9a-f]{12} -> [0-9a-f]{12}/

    // 7. removeMissing; then nothing to migrate
    assert log.contains('Removed 002_orders: its files are gone: record removed')
    assert log.contains('Database is up to date: no pending migrations (2 applied)')

    // 8. protected
    assert log.contains("Environment 'production' is protected")
    assert log.contains('-Dconfiture.force=true')

    // 9. the repeatable
    assert log =~ /Applying R__user_bios \.\.\. ok \(\d+ ms\)/
    def status9 = new File(basedir, 'target/status-9.txt').text
    assert status9.readLines().any { it.contains('R__user_bios') && it.contains('repeatable') && it.contains('applied') }: status9

    assert q("SELECT version || ':' || kind FROM confiture_migrations ORDER BY version") ==
            ['001:baseline', '003:sql', 'R__user_bios:repeatable']
    assert q("SELECT count(*) FROM pg_views WHERE viewname = 'user_bios'") == ['1']
    // repair ran nothing against the schema: the orders table 002 made is still there
    assert q("SELECT count(*) FROM pg_class WHERE relname = 'orders'") == ['1']
    return true
} finally {
    db.close()
}
