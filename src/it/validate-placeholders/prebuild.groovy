import dev.confiture.maven.it.GitFixture

// The guide's steps 4 and 5, the migration written with a placeholder of the environment's.
def git = GitFixture.init(basedir).commitAll('Initial schema')
git.append('db/schema/10_tables/users.sql', 'ALTER TABLE users ADD COLUMN phone TEXT;\n')
git.run('add', 'db/schema/10_tables/users.sql')
git.write('db/migrations/003_add_phone.up.sql', '-- on ${confiture:env}: comments are not read for placeholders\n'
        + 'ALTER TABLE ${users_table} ADD COLUMN phone TEXT;\n')
git.run('add', 'db/migrations/003_add_phone.up.sql')
return true
