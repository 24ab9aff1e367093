def db = context.get('db')
try {
    def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')
    def q = { sql ->
        db.connect().withCloseable { c ->
            def rs = c.createStatement().executeQuery(sql); def out = []; while (rs.next()) out << rs.getString(1); out
        }
    }

    // 1. the script: session settings, lock, tracking table, placeholders replaced, callbacks in place
    def script = new File(basedir, 'target/confiture/migrate.sql').text
    ["SET lock_timeout TO '5s';", "SET statement_timeout TO '15min';", 'SELECT pg_advisory_lock(',
     'CREATE TABLE IF NOT EXISTS', 'CREATE SCHEMA shop;', "DEFAULT 'cli'", 'CREATE INDEX CONCURRENTLY orders_id ON shop.orders (id);',
     "'afterEach', current_setting('lock_timeout'), 'local'", '-- Callback afterMigrate__log.sql (afterMigrate)',
     'INSERT INTO', 'SELECT pg_advisory_unlock('].each { assert script.contains(it): "script lacks ${it}:\n${script}" }
    assert script.indexOf('CREATE SCHEMA shop') < script.indexOf('CREATE INDEX CONCURRENTLY')
    assert log.contains('Wrote the psql script for 2 migration(s) to ')

    // 2. the refused setting, quoting PostgreSQL
    assert log.contains('Session setting statement_timeout: fifteen (-Dconfiture.sessionSettings) was refused by PostgreSQL')
    assert log.contains('invalid value for parameter "statement_timeout": "fifteen"')

    // 3. the unknown placeholder, with file and line; the one in the comment is no error
    assert log =~ /001_create_orders\.up\.sql:2: \$\{note\}/
    assert log.contains('Known placeholders: app_schema, confiture:database, confiture:env, confiture:user')

    // 4. applied once, with callbacks under the session settings
    assert q("SELECT version FROM confiture_migrations ORDER BY version") == ['001', '002']
    assert q("SELECT what || ' ' || setting || ' ' || env FROM cb_log ORDER BY seq") ==
            ['afterEach 5s local', 'afterEach 5s local', 'afterMigrate 15min local']
    assert q("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'shop.orders'::regclass") == ["'cli'::text"]

    // 5. the rollback script changed nothing; run by psql it undoes both, tracking rows included
    assert q("SELECT count(*) FROM confiture_migrations") == ['2']
    def rollback = new File(basedir, 'target/confiture/rollback.sql')
    assert rollback.text.contains('DROP SCHEMA shop CASCADE;') && rollback.text.contains('DELETE FROM')
    def psql = ['/usr/bin/psql', '/usr/local/bin/psql'].find { new File(it).canExecute() }
    if (psql != null) {
        def uri = new URI(db.jdbcUrl().substring('jdbc:'.length()))
        def pb = new ProcessBuilder(psql, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', uri.host, '-p',
                String.valueOf(uri.port < 0 ? 5432 : uri.port), '-U', db.user(), '-d', uri.path.substring(1),
                '-f', rollback.path).redirectErrorStream(true)
        if (db.password() != null) pb.environment().put('PGPASSWORD', db.password())
        def p = pb.start()
        def out = p.inputStream.text
        assert p.waitFor() == 0: out
        assert q("SELECT count(*) FROM confiture_migrations") == ['0']
        assert q("SELECT count(*) FROM pg_namespace WHERE nspname = 'shop'") == ['0']
    }
    return true
} finally {
    db.close()
}
