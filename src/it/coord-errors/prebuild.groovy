import dev.confiture.testing.TestPostgres

// A fresh store database for this IT; its name is kept so verify.groovy can drop it.
def db = TestPostgres.newDatabase('coordit')
// The test servers trust local connections, so a password in the URL is accepted and ignored:
// verify.groovy checks it never reaches the log, also under -X.
def url = db.jdbcUrlWithCredentials() + (db.password() == null ? '&password=CoordPw-Do-Not-Print' : '')
context.userProperties.put('confiture.coordinationUrl', url)
new File(basedir, 'store-db.txt').text = db.name()
return true
