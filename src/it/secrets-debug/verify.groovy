import groovy.json.JsonSlurper
import dev.confiture.testing.TestDatabase
import dev.confiture.testing.TestPostgres

def (dbName, role) = new File(basedir, 'it-db.txt').readLines()
def db = new TestDatabase(TestPostgres.server(), dbName)
try {
    def log = new File(basedir, 'build.log').text
    def reports = new File(basedir, 'target/confiture').listFiles().findAll { it.name.endsWith('.json') }
    def secrets = ['PomPw-Do-Not-Print', 'UrlPw-Do-Not-Print', 'SslPw-Do-Not-Print', 'ShadowPw-Do-Not-Print',
                   'ShadowSsl-Do-Not-Print', 'CoordPw-Do-Not-Print', 'CoordSsl-Do-Not-Print']
    secrets.each { secret ->
        assert !log.contains(secret): "${secret} leaked into build.log: " + log.readLines().findAll { it.contains(secret) }.take(5)
        reports.each { f -> assert !f.text.contains(secret): "${secret} leaked into ${f.name}" }
    }
    // the goals really ran, in debug mode, with the POM's settings
    assert log.contains('[DEBUG]')
    assert log =~ /Applying 001_things \.\.\. ok \(\d+ ms\)/
    db.connect().withCloseable { c ->
        def rs = c.createStatement().executeQuery('SELECT applied_by FROM confiture_migrations')
        assert rs.next() && rs.getString(1) == role
    }
    // the reports name the database, with the secret parameters masked, not dropped
    def migrate = new JsonSlurper().parse(new File(basedir, 'target/confiture/migrate.json'))
    assert migrate.database.contains('sslpassword=***')
    // each failure names the server it could not reach
    assert log.count('127.0.0.1:1/nowhere') >= 2: 'verify and diff name the shadow server'
    def coord = new JsonSlurper().parse(new File(basedir, 'target/confiture/coordinate-status.json'))
    assert coord.error.code == 'COORDINATION_CONNECT_FAILED'
    assert coord.error.message.contains('PASSWORD=***')
    return true
} finally {
    db.close()
    TestPostgres.server().connect(TestPostgres.server().adminDatabase()).withCloseable { c ->
        c.createStatement().execute("DROP ROLE IF EXISTS ${role}")
    }
}
