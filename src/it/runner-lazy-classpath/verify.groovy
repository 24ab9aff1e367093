def db = context.get('db')
try {
    def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')
    // 1. applied and listed, the unresolvable dependency never looked for
    assert log =~ /Applying 001_things \.\.\. ok/
    assert log.contains('Total: 1 migrations (1 applied, 0 pending)')
    // 2. and 3. each names what needs the class path, the project and the dependency
    def project = 'dev.confiture.it:runner-lazy-classpath:jar:1.0'
    assert log.contains("Could not resolve the dependencies of ${project} that the Java migrations of com.example.migrations need")
    assert log.contains("Could not resolve the dependencies of ${project} that the classpath: locations need")
    assert log.contains('dev.confiture.it:no-such-library:jar:1.0')
    assert !log.contains('before.. Check')
    // nothing more than 001 ran or was recorded
    db.connect().withCloseable { c ->
        def rs = c.createStatement().executeQuery("SELECT string_agg(version, ',' ORDER BY version) FROM confiture_migrations")
        assert rs.next() && rs.getString(1) == '001'
    }
    return true
} finally {
    db.close()
}
