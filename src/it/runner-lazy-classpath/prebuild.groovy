// A fresh database for this IT on the test server; verify.groovy drops it.
def db = dev.confiture.testing.TestPostgres.newDatabase('it_runner_lazy_classpath')
context.put('db', db)
context.userProperties.put('confiture.url', db.jdbcUrlWithCredentials())
return true
