import groovy.json.JsonSlurper

def db = context.get('db')
try {
    def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')
    def q = { sql ->
        db.connect().withCloseable { c ->
            def rs = c.createStatement().executeQuery(sql); def out = []; while (rs.next()) out << rs.getString(1); out
        }
    }

    // 1. one version order across the folder and the jar (SQL under db/shared, a Java migration)
    assert log =~ /Applying 001_users \.\.\. ok/
    assert log =~ /Applying 002_audit_log \.\.\. ok/
    assert log =~ /Applying 003_orders \.\.\. ok/
    assert log.indexOf('Applying 002_audit_log') < log.indexOf('Applying 003_orders')
    // the jar's Java migration, found on the app's runtime class path (resolved for javaMigrationsPackage alone)
    assert log =~ /Applying 004_seed_audit_log \.\.\. ok/
    assert log.contains('Database is up to date: no pending migrations (4 applied)')
    def status = new JsonSlurper().parse(new File(basedir, 'app/target/status.json'))
    assert status.migrations*.version == ['001', '002', '003', '004']
    assert status.migrations*.status == ['applied', 'applied', 'applied', 'applied']
    assert status.migrations[1].source == 'shared-migrations-1.0.jar!/db/shared/002_audit_log.up.sql'
    assert status.migrations[3].source == 'com.example.shared.migrations.V004__SeedAuditLog'
    assert status.migrations[3].kind == 'java'
    assert status.current_version == '004'
    // verify replayed the jar's migration too (without it, audit_log of the schema files would be drift)
    assert log.contains('  002_audit_log up')
    assert log.contains('  002_audit_log down')
    assert log.contains('  004_seed_audit_log up')
    assert log.contains('  004_seed_audit_log down')
    def verifyReport = new JsonSlurper().parse(new File(basedir, 'app/target/confiture/verify.json'))
    assert verifyReport.status == 'passed'
    assert verifyReport.migrations == 4

    // 2. refused: nothing dropped
    assert log.contains("clean is disabled for environment 'ci'")
    assert log.contains('set cleanDisabled: false in db/environments/ci.yaml')

    // 3. clean names the database and what it dropped; public is empty and still there
    assert log =~ /Cleaning public on jdbc:postgresql:\S+/
    assert log =~ /Cleaned schema public: dropped 1 sequence, 4 tables/
    assert log.contains('the tracking table confiture_migrations was dropped')
    assert q("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace") == ['0']
    assert q("SELECT count(*) FROM pg_namespace WHERE nspname = 'public'") == ['1']

    // 4. help
    ['confiture:clean', 'confiture:migrate', 'confiture:status', 'confiture:help'].each { assert log.contains(it) }
    return true
} finally {
    db.close()
}
