// A fresh database on the test server; verify.groovy drops it.
def db = dev.confiture.testing.TestPostgres.newDatabase('it_setup_class_archive')
context.put('db', db)
context.userProperties.put('confiture.url', db.jdbcUrlWithCredentials())
return true
