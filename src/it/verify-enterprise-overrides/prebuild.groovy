import dev.confiture.maven.it.EnterpriseFixture

// Billing gets an irreversible migration (no down) and, in its own POM, requireReversible=true.
EnterpriseFixture.copy(basedir)
        .write('billing-service/db/migrations/003_backfill_order_refs.up.sql',
               "UPDATE invoices SET order_ref = upper(order_ref);\n")
        .replace('billing-service/pom.xml', '  <name>billing-service</name>',
                 '  <name>billing-service</name>\n  <properties>\n    <confiture.requireReversible>true</confiture.requireReversible>\n  </properties>')
        .commit('Platform services').tag('base')

context.userProperties.put('confiture.baseRef', 'base')
def shadow = System.getenv('CONFITURE_TEST_JDBC_URL')
if (shadow) {
    context.userProperties.put('confiture.shadowUrl', shadow)
}
return true
