import groovy.json.JsonSlurper

def db = context.get('db')
try {
    def log = new File(basedir, 'build.log').text
    def json = { name -> new JsonSlurper().parse(new File(basedir, "target/${name}")) }
    def q = { sql ->
        db.connect().withCloseable { c ->
            def rs = c.createStatement().executeQuery(sql); def out = []; while (rs.next()) out << rs.getString(1); out
        }
    }

    // 1. init: the layout, without touching the files already there
    ['db/environments/local.yaml', 'db/environments/test.yaml', 'db/environments/production.yaml',
     'db/seeds/common', 'db/seeds/development', 'db/seeds/test'].each {
        assert new File(basedir, it).exists(): "init did not create ${it}"
    }
    // db/schema already holds the project's own users.sql: init adds no example schema files to it
    ['db/schema/00_common/extensions.sql', 'db/schema/10_tables/example.sql'].each {
        assert !new File(basedir, it).exists(): "init wrote the example ${it} into a project with schema files"
    }
    assert new File(basedir, 'db/schema/10_tables/users.sql').text.contains('CREATE TABLE users')

    // 5. status: both pending
    def status2 = new File(basedir, 'target/status-2.txt').text
    assert status2 =~ /001\s+\| create_users_table\s+\| sql\s+\| pending/
    assert status2 =~ /002\s+\| add_user_bio\s+\| sql\s+\| pending/
    assert status2.contains('Total: 2 migrations (0 applied, 2 pending)')

    // 6. migrate to 001
    assert log =~ /Applying 001_create_users_table \.\.\. ok \(\d+ ms\)/
    def s4 = json('status-4.json')
    assert s4.applied == 1 && s4.pending == 1
    assert s4.migrations*.status == ['applied', 'pending']

    // 10. / 11. 002 applied, then rolled back
    assert log =~ /Applying 002_add_user_bio \.\.\. ok \(\d+ ms\)/
    assert log =~ /Rolling back 002_add_user_bio \.\.\. ok \(\d+ ms\)/
    def s7 = json('status-7.json')
    assert s7.migrations*.status == ['applied', 'pending']

    // 7. the database: users and the tracking table, as psql \dt shows in the guide; no bio any more
    assert q("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1") == ['confiture_migrations', 'users']
    assert q("SELECT indexname FROM pg_indexes WHERE tablename = 'users' ORDER BY 1") ==
            ['idx_users_email', 'idx_users_username', 'users_email_key', 'users_pkey', 'users_username_key']
    assert q("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'bio'") == ['0']
    assert q("SELECT version || ':' || kind FROM confiture_migrations ORDER BY version") == ['001:sql']
    return true
} finally {
    db.close()
}
