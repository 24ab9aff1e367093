def log = new File(basedir, 'build.log').text

// 1. the main job: both migrations applied on the embedded PostgreSQL, then the status table
assert log =~ /Embedded PostgreSQL \d+\.\d+ on port \d+ \(data: target\/confiture\/postgres/
assert log =~ /Applying 001_create_users_table \.\.\. ok \(\d+ ms\)/
assert log =~ /Applying 002_add_user_bio \.\.\. ok \(\d+ ms\)/
assert log.contains('Total: 2 migrations (2 applied, 0 pending)')
assert new File(basedir, 'target/confiture/postgres/PG_VERSION').isFile()

// 2. the second mvn run found the first one's state
assert log =~ /Rolling back 002_add_user_bio \.\.\. ok \(\d+ ms\)/
def s2 = new File(basedir, 'target/status-2.txt').text
assert s2.contains('Total: 2 migrations (1 applied, 1 pending)')

// 3. build: schema + common and development seeds, migrations recorded as baseline
def script = new File(basedir, 'target/confiture/schema_local.sql').text
assert script.contains('-- File: db/schema/10_tables/users.sql')
assert script.contains('-- File: db/seeds/common/00_users.sql')
assert script.contains('-- File: db/seeds/development/10_bios.sql')
assert !script.contains('db/seeds/test')
assert log.contains('Recorded 2 migration(s) as applied (baseline): 001, 002')
def s3 = new File(basedir, 'target/status-3.txt').text
assert s3.contains('Total: 2 migrations (2 applied, 0 pending)')
return true
