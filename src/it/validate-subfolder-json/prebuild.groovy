import dev.confiture.maven.it.GitFixture

// The repository root is this folder; the Maven project that validates is service/.
def git = GitFixture.init(basedir).commitAll('Initial schema')
git.run('checkout', '-q', '-b', 'feature')
git.write('other/db/schema/unrelated.sql', 'CREATE TABLE unrelated (id int);\n')
git.append('service/db/schema/orders.sql', 'ALTER TABLE orders ADD COLUMN total numeric(12,2);\n')
git.write('service/db/migrations/002_total.up.sql', 'ALTER TABLE orders ADD COLUMN total numeric(10,2);\n')
git.commitAll('total, with a migration that disagrees')
return true
