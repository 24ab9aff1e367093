// A fresh database for this IT on the test server; verify.groovy drops it.
def db = dev.confiture.testing.TestPostgres.newDatabase('it_driver_override')
context.put('db', db)
context.userProperties.put('confiture.url', db.jdbcUrlWithCredentials())
return true
