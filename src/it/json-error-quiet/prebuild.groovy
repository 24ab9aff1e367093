// A fresh database for this IT on the test server; verify.groovy drops it.
def db = dev.confiture.testing.TestPostgres.newDatabase('it_json_error')
context.put('db', db)
context.userProperties.put('confiture.url', db.jdbcUrlWithCredentials())
// a shadow server that does not answer, for verify (goal 2)
context.userProperties.put('confiture.shadowUrl', 'postgresql://127.0.0.1:1/nowhere')
return true
