import dev.confiture.maven.it.GitFixture

// A checkout on main with the project committed, then exactly the guide's step 4.
def git = GitFixture.init(basedir).commitAll('Initial schema')
git.append('db/schema/10_tables/users.sql', 'ALTER TABLE users ADD COLUMN phone TEXT;\n')
git.run('add', 'db/schema/10_tables/users.sql')
return true
