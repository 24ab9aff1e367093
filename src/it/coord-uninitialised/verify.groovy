import dev.confiture.testing.TestDatabase
import dev.confiture.testing.TestPostgres

def log = new File(basedir, 'build.log').text
def dbName = new File(basedir, 'store-db.txt').text.trim()
try {
    def hint = "is not initialised (no schema confiture_coordination). Run: mvn confiture:coordinate-init -Dconfiture.coordinationUrl="
    def count = log.count(hint)
    assert count >= 2 : "expected the init hint from both goals, found it ${count} times"
    // the goals touched nothing: no schema was created behind the user's back
    TestPostgres.server().connect(dbName).withCloseable { c ->
        def rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'confiture_coordination'")
        rs.next()
        assert rs.getInt(1) == 0
    }
    return true
} finally {
    new TestDatabase(TestPostgres.server(), dbName).close()
}
