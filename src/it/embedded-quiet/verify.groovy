def log = new File(basedir, 'build.log').text
def lines = log.readLines()

// One line about the server per mvn run (two runs), none of its own output on the console
def serverLines = lines.findAll { it.contains('Embedded PostgreSQL ') }
assert serverLines.size() == 2: serverLines
assert serverLines.every { it ==~ /\[INFO\] Embedded PostgreSQL \d+\.\d+ on port \d+ \(data: target\/confiture\/postgres\)/ }: serverLines
['initdb', 'LOG:', 'pg_ctl', 'database system', 'Did not clean up', 'postmaster', 'owned by user'].each { noise ->
    assert !log.contains(noise): "server output on the console: ${lines.findAll { it.contains(noise) }}"
}

// A machine's first goal says what it sets up, once, each step as it starts (seconds of work a goal
// otherwise never does): unpacking the binaries, making the cluster template. The second run, none.
def setupLines = lines.findAll { it.contains('(once per machine and ') }
assert setupLines.size() == 2: setupLines
assert setupLines[0] ==~ /\[INFO\] Unpacking the embedded PostgreSQL \d+\.\d+\.\d+ into \S+machine-cache \(once per machine and version\) \.\.\./: setupLines
assert setupLines[1] ==~ /\[INFO\] Making the PostgreSQL \d+ cluster template in \S+machine-cache \(once per machine and major version\) \.\.\./: setupLines

// The first run unpacked the binaries into the new cache (the plugin carries no archive reader: it
// loaded commons-compress and XZ for that), and made the cluster template there; the second reused both
def cache = new File(basedir, 'target/machine-cache')
def unpacked = cache.listFiles().findAll { it.name.startsWith('postgres-binaries-') && !it.name.contains('.partial-') }
assert unpacked.size() == 1: "one unpacked version in ${cache}: ${cache.list()}"
assert new File(unpacked[0], 'confiture-version.txt').text.trim() ==~ /\d+\.\d+/
assert new File(unpacked[0], 'bin/postgres').canExecute()
assert cache.list().any { it ==~ /postgres-\d+-template/ }: cache.list()

// The goals really ran on it; diff compared the live database (same server) with the files
assert log =~ /Applying 001_create_items \.\.\. ok/
assert log =~ /Total: 1 migrations? \(1 applied, 0 pending\)/
assert log.contains('No differences between database and schema.')

// Nothing printed after BUILD SUCCESS but Maven's own summary
lines.findIndexValues { it.contains('BUILD SUCCESS') }.each { i ->
    def after = lines.subList((int) i + 1, Math.min(lines.size(), (int) i + 5))
    after.each { assert it ==~ /\[INFO\] (-+|Total time: .*|Finished at: .*)/ || it.isEmpty(): "after BUILD SUCCESS: ${it}" }
}

// The server's output went to its log; idle timeout 0 stopped it when each run ended
def pgLog = new File(basedir, 'target/confiture/postgres.log').text
assert pgLog.count('database system is ready to accept connections') == 2: 'one server start per mvn run, scratch databases included'
assert !new File(basedir, 'target/confiture/postgres/postmaster.pid').exists(): 'the server was left running'

// confiture:db: a psql command line and a JDBC URL for the environment's database
assert log =~ /psql: +psql -h localhost -p \d+ -U postgres confiture_local/
assert log =~ /JDBC URL: jdbc:postgresql:\/\/localhost:\d+\/confiture_local\?user=postgres/
return true
