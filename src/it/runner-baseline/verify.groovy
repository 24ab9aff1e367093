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

    // 1. the starting point: 001 applied, as runner-goals leaves it
    assert log =~ /Applying 001_create_users_table \.\.\. ok \(\d+ ms\)/

    // 2. protected
    assert log.contains("Environment 'production' is protected")
    assert log.contains('rollback refuses to run on it')

    // 3. / 4. generate
    assert new File(basedir, 'db/migrations/004_add_user_phone.up.sql').isFile()
    assert new File(basedir, 'db/migrations/004_add_user_phone.down.sql').isFile()
    assert log.contains("'Add-Phone' is not a usable migration name")

    // 5. baseline
    def b = json('baseline-5.json')
    assert b.recorded*.version == ['002', '003']
    assert b.already_applied == 1

    // 6. the generated 004 applies; final state
    assert log =~ /Applying 004_add_user_phone \.\.\. ok \(\d+ ms\)/
    assert q("SELECT version || ':' || kind FROM confiture_migrations ORDER BY version") ==
            ['001:sql', '002:baseline', '003:baseline', '004:sql']
    // baseline did not run 002/003: no bio column, no admin row
    assert q("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'bio'") == ['0']
    assert q("SELECT count(*) FROM users") == ['0']
    // no session of the runner is left on this database (the server may be shared with other builds)
    assert q("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'confiture (%'").isEmpty()
    return true
} finally {
    db.close()
}
