import groovy.json.JsonSlurper

def db = context.get('db')
try {
    def log = new File(basedir, 'build.log').text
    def json = { n -> new JsonSlurper().parse(new File(basedir, "target/build-${n}.json")) }

    // 1. apply=false: the file only, schema and seeds, hash in the header
    def r1 = json(1)
    assert r1.applied == false
    assert r1.files == 4 && r1.seed_files == 2
    assert r1.file == 'target/confiture/schema_local.sql'

    // 2. schemaOnly: no seed files, applied
    def r2 = json(2)
    assert r2.applied == true && r2.seed_files == 0 && r2.files == 2
    assert r2.sha256 != r1.sha256

    // 3. refused: the database holds the schema of step 2
    assert log.contains('is not empty'): 'step 3 should have been refused'
    assert log.contains('table public.users')
    assert log.contains('-Dconfiture.recreate=true')

    // 4. recreate: same inputs as step 1, so the same hash and byte-identical file
    def r4 = json(4)
    assert r4.applied == true && r4.recreated == true
    assert r4.sha256 == r1.sha256
    def script = new File(basedir, 'target/confiture/schema_local.sql').text
    assert script.contains("-- SHA-256 of the inputs: ${r4.sha256}\n")
    assert script.contains('-- File: db/schema/10_tables/10_users.sql\n')
    assert script.indexOf('-- File: db/schema/10_tables/10_users.sql') < script.indexOf('-- File: db/schema/10_tables/20_posts.sql')
    assert script.indexOf('-- File: db/schema/10_tables/20_posts.sql') < script.indexOf('-- File: db/seeds/common/00_users.sql')
    assert !script.contains('db/seeds/test')
    assert r4.baselined == ['001', '002']

    // 5. production is protected
    assert log.contains("Environment 'production' is protected")

    db.connect().withCloseable { c ->
        def q = { sql -> def rs = c.createStatement().executeQuery(sql); def out = []; while (rs.next()) out << rs.getString(1); out }
        assert q("SELECT username FROM users ORDER BY id") == ['admin', 'editor', 'reader']
        assert q("SELECT title FROM posts ORDER BY id") == ['Welcome Post', 'Getting Started']
        assert q("SELECT version || ':' || kind FROM confiture_migrations ORDER BY version") == ['001:baseline', '002:baseline']
    }
    return true
} finally {
    db.close()
}
