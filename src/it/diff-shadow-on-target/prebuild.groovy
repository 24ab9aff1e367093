// The environment's database on the test server (it need not exist for diff); verify.groovy drops it.
def db = dev.confiture.testing.TestPostgres.newDatabase('it_diff_target')
context.put('db', db)
context.userProperties.put('confiture.url', db.jdbcUrlWithCredentials())
return true
