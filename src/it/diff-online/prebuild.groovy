// A fresh database for this IT on the test server (verify.groovy drops it); the scratch databases of the
// shadow diff go to the same server when there is one, else to the plugin's embedded PostgreSQL.
def db = dev.confiture.testing.TestPostgres.newDatabase('it_diff_online')
context.put('db', db)
context.userProperties.put('confiture.url', db.jdbcUrlWithCredentials())
def shadow = System.getenv('CONFITURE_TEST_JDBC_URL')
if (shadow) {
    context.userProperties.put('confiture.shadowUrl', shadow)
}
return true
