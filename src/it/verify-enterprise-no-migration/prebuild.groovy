import dev.confiture.maven.it.EnterpriseFixture

EnterpriseFixture.copy(basedir).commit('Platform services').tag('base')
        .append('orders-service/db/schema/10_tables/orders.sql', 'ALTER TABLE orders ADD COLUMN shipped_at timestamptz;\n')
        .commit('Orders: shipped_at (forgot the migration)')

context.userProperties.put('confiture.baseRef', 'base')
def shadow = System.getenv('CONFITURE_TEST_JDBC_URL')
if (shadow) {
    context.userProperties.put('confiture.shadowUrl', shadow)
}
return true
