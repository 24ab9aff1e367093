def pg = context.get('pg')
try {
    def log = new File(basedir, 'build.log').text
    // the password itself appears nowhere, not even in -X debug output
    assert !log.contains('Wr0ng-Pa55word-4471'): 'the wrong password leaked into the build log'
    assert !log.contains('Right-Pa55word-7731')
    assert log.contains('[DEBUG]'): 'invocation 1 should have run with -X'
    // a clear error, twice (with and without -X): who, where, what to check
    def failures = log.readLines().findAll { it.contains('password authentication failed for user "alice"') && it.startsWith('[ERROR]') }
    assert failures.size() >= 2: 'expected the authentication error in both invocations'
    assert log.contains('Could not connect to jdbc:postgresql://127.0.0.1:')
    assert log.contains('Check the user and password')
    // and nothing was built
    def props = new Properties()
    props.setProperty('user', 'alice')
    props.setProperty('password', 'Right-Pa55word-7731')
    // the driver directly: DriverManager does not see drivers of the script's class loader
    new org.postgresql.Driver().connect(context.get('url'), props).withCloseable { c ->
        def rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        rs.next()
        assert rs.getInt(1) == 0
    }
    return true
} finally {
    pg.close()
}
