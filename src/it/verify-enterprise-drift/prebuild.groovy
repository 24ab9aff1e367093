import dev.confiture.maven.it.EnterpriseFixture

EnterpriseFixture.copy(basedir)
        .replace('billing-service/db/migrations/002_add_issued_at.up.sql', 'issued_at timestamptz', 'issued_at timestamp')
        .commit('Platform services').tag('base')

context.userProperties.put('confiture.baseRef', 'base')
def shadow = System.getenv('CONFITURE_TEST_JDBC_URL')
if (shadow) {
    context.userProperties.put('confiture.shadowUrl', shadow)
}
return true
