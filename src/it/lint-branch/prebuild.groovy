import dev.confiture.maven.it.GitFixture

def git = GitFixture.init(basedir).commitAll('Initial schema')
git.run('checkout', '-q', '-b', 'feature')
// A table created and indexed in the branch is nobody's yet: no finding.
git.write('db/migrations/002_events.up.sql', 'CREATE TABLE events (id bigint, at timestamptz);\nCREATE INDEX events_at_idx ON events (at);\n')
// orders is on main: its index locks writes.
git.write('db/migrations/003_orders_customer.up.sql', '-- confiture:lint-ignore changing-column-type widening only\n'
        + 'ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);\nCREATE INDEX orders_customer_idx ON orders (customer);\n')
// A data change read by JSqlParser in the plugin's own class path: every row of orders locked.
git.write('db/migrations/004_orders_trim.up.sql', 'UPDATE orders SET customer = trim(customer);\n')
git.commitAll('events, an index on orders, and a trim of every order')
return true
