import dev.confiture.testing.TestPostgres

// A fresh store database for this IT; its name is kept so verify.groovy can drop it.
def db = TestPostgres.newDatabase('coordit')
context.userProperties.put('confiture.coordinationUrl', db.jdbcUrlWithCredentials())
new File(basedir, 'store-db.txt').text = db.name()
return true
