import dev.confiture.maven.it.EnterpriseFixture

// Base: billing without its second migration; then the change that adds it, schema and migration together.
def fixture = EnterpriseFixture.copy(basedir)
def migration = new File(basedir, 'enterprise/billing-service/db/migrations')
def up = new File(migration, '002_add_issued_at.up.sql').text
def down = new File(migration, '002_add_issued_at.down.sql').text
def schema = new File(basedir, 'enterprise/billing-service/db/schema/10_tables/invoices.sql').text
fixture.delete('billing-service/db/migrations/002_add_issued_at.up.sql')
       .delete('billing-service/db/migrations/002_add_issued_at.down.sql')
       .replace('billing-service/db/schema/10_tables/invoices.sql', ',\n    issued_at    timestamptz', '')
       .replace('billing-service/db/schema/10_tables/invoices.sql',
                "\nCREATE INDEX invoices_open_idx ON invoices (status) WHERE status <> 'paid';\n", '')
       .commit('Billing without issued_at').tag('base')
fixture.write('billing-service/db/migrations/002_add_issued_at.up.sql', up)
       .write('billing-service/db/migrations/002_add_issued_at.down.sql', down)
       .write('billing-service/db/schema/10_tables/invoices.sql', schema)
       .commit('Billing: issued_at, with its migration')

context.userProperties.put('confiture.baseRef', 'base')
def shadow = System.getenv('CONFITURE_TEST_JDBC_URL')
if (shadow) {
    context.userProperties.put('confiture.shadowUrl', shadow) // the external server, as confiture.shadowUrl
}
return true
