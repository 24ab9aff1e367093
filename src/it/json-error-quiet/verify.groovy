import groovy.json.JsonSlurper

def db = context.get('db')
try {
    // build.log is the build's standard output plus the invoker's own hook lines: drop those
    def lines = new File(basedir, 'build.log').readLines()
            .findAll { !it.startsWith('Running pre-build script') && !it.startsWith('Finished pre-build script') && !it.startsWith('Running post-build script') }
    assert lines[0] == '{': 'standard output does not start with the JSON document: ' + lines.take(5)
    // the document ends at the first line that closes it; Maven's own [ERROR] lines follow
    int end = lines.indexOf('}')
    assert end > 0
    assert lines.drop(end + 1).any { it.startsWith('[ERROR]') }
    def report = new JsonSlurper().parseText(lines.take(end + 1).join('\n'))
    assert report.goal == 'migrate'
    assert report.status == 'error'
    assert report.error.code == 'MIGRATION_FAILED'
    assert report.error.file == 'db/migrations/002_broken.up.sql'
    assert report.error.line == 3
    assert report.error.message.contains('no_such_table')
    // the same document, in the file CI reads
    def file = new JsonSlurper().parse(new File(basedir, 'target/confiture/migrate.json'))
    assert file == report
    // verify, which always writes target/confiture/verify.json, writes the error document there
    def verify = new JsonSlurper().parse(new File(basedir, 'target/confiture/verify.json'))
    assert verify.goal == 'verify'
    assert verify.status == 'error'
    assert verify.error.code == 'SHADOW_DATABASE_FAILED'
    assert verify.error.message.contains('127.0.0.1:1/nowhere')
    // 001 stays applied, 002 is not
    db.connect().withCloseable { c ->
        def rs = c.createStatement().executeQuery('SELECT version FROM confiture_migrations ORDER BY version')
        assert rs.next() && rs.getString(1) == '001'
        assert !rs.next()
    }
    return true
} finally {
    db.close()
}
