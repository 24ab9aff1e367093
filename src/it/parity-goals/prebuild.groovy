// A fresh database for this IT on the test server; verify.groovy drops it.
def db = dev.confiture.testing.TestPostgres.newDatabase('it_parity_goals')
context.put('db', db)
context.userProperties.put('confiture.url', db.jdbcUrlWithCredentials())
def shadow = System.getenv('CONFITURE_TEST_JDBC_URL')
if (shadow) {
    context.userProperties.put('confiture.shadowUrl', shadow) // verify's scratch databases on the test server
}
return true
