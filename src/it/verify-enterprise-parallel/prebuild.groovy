import dev.confiture.maven.it.EnterpriseFixture

EnterpriseFixture.copy(basedir).commit('Platform services').tag('base')

context.userProperties.put('confiture.baseRef', 'base')
def shadow = System.getenv('CONFITURE_TEST_JDBC_URL')
if (shadow) {
    context.userProperties.put('confiture.shadowUrl', shadow)
}
return true
