import dev.confiture.maven.it.GitFixture

// The guide's steps 4 and 5: the schema change, then its migration, both staged.
def git = GitFixture.init(basedir).commitAll('Initial schema')
git.append('db/schema/10_tables/users.sql', 'ALTER TABLE users ADD COLUMN phone TEXT;\n')
git.run('add', 'db/schema/10_tables/users.sql')
git.write('db/migrations/003_add_phone.up.sql', 'ALTER TABLE users ADD COLUMN phone TEXT;\n')
git.run('add', 'db/migrations/003_add_phone.up.sql')
return true
