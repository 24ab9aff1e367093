import dev.confiture.testing.TestDatabase
import dev.confiture.testing.TestPostgres

def log = new File(basedir, 'build.log').text
// A missing line names itself instead of dumping the whole log.
def has = { s -> if (!log.contains(s.toString())) throw new AssertionError('build.log lacks: ' + s); true }
def matches = { re -> if (!(log =~ re.toString())) throw new AssertionError('build.log matches no: ' + re); true }
def dbName = new File(basedir, 'store-db.txt').text.trim()
try {
    // 2-3: carol registers and abandons
    has('Branch allocated: feature/audit_log_001')
    matches(/marked as ABANDONED, was REGISTERED/)
    matches(/By carol \(role ${TestPostgres.server().user()}\): requirements_changed/)

    // 4: a feature name git cannot take is refused, saying why
    has("featureName 'bad/name' cannot be used in a branch name: '/' at position 4 is not allowed in a git branch name (the feature name is one path component of feature/<name>_<NNN>)")

    // 5: status=all lists the abandoned intent; debug output shows the store without its password
    matches(/\| int_[0-9a-f]{12} \| carol\s+\| audit_log \| feature\/audit_log_001 \| ABANDONED\s+\|/)
    has('Coordination store: jdbc:postgresql://')
    assert !log.contains('CoordPw-Do-Not-Print') : 'the URL password leaked into build.log'
    // no password in any output
    def server = TestPostgres.server()
    if (server.password() != null) {
        assert !log.contains(server.password()) : 'the password leaked into build.log'
    }

    // 6-7: unreadable SQL and a path that is not a .sql file are errors naming what could not be read
    matches(/typo\.sql:3: schemaChanges: cannot read 'ALTR TABLE users ADD COLUMN bio text/)
    has('Nothing was checked or stored')
    has('schemaChanges names notes.txt, which is not a .sql file')
    return true
} finally {
    new TestDatabase(TestPostgres.server(), dbName).close()
}
