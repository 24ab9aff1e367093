// A fresh database for this IT on the test server, holding what 001 creates but no tracking
// table (made before Confiture, say by Flyway); verify.groovy drops it.
def db = dev.confiture.testing.TestPostgres.newDatabase('it_migrate_parity')
db.execute('CREATE TABLE users (id int PRIMARY KEY)')
context.put('db', db)
context.userProperties.put('confiture.url', db.jdbcUrlWithCredentials())
return true
