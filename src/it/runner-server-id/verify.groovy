def db = context.get('db')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('[DEBUG]')
    assert log =~ /Applying 001_things \.\.\. ok \(\d+ ms\)/
    // the server's user did the work
    db.connect().withCloseable { c ->
        def rs = c.createStatement().executeQuery("SELECT applied_by FROM confiture_migrations")
        assert rs.next() && rs.getString(1) == 'confiture_it_server'
    }
    assert log.contains('confiture.serverId=no-such-server: settings.xml has no <server> with that id (known: it-db)')
    // diff connected to the live database as the server's user too
    def diff = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/diff-3.json'))
    assert diff.from == 'database' && diff.to == 'migrations'
    // neither the decrypted password nor the encrypted one shows
    assert !log.contains('Srv-Secret-Do-Not-Print'): 'the server password leaked into the build output'
    return true
} finally {
    db.close()
    db.server().connect(db.server().adminDatabase()).withCloseable { c ->
        c.createStatement().execute("DROP ROLE IF EXISTS confiture_it_server")
    }
}
