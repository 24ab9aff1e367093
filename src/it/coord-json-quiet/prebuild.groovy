import dev.confiture.coordination.CoordinationService
import dev.confiture.coordination.RegisterRequest
import dev.confiture.model.config.DatabaseSettings
import dev.confiture.testing.TestPostgres

// A store where alice already registered; the build only runs bob's check.
def db = TestPostgres.newDatabase('coordit')
new File(basedir, 'store-db.txt').text = db.name()
CoordinationService.open(new DatabaseSettings(db.jdbcUrl(), db.user(), db.password())).withCloseable { s ->
    s.init()
    def alice = s.register(new RegisterRequest('alice', 'user_profiles', 'users,profiles',
            'ALTER TABLE users ADD COLUMN bio TEXT', 'medium', '3'))
    new File(basedir, 'alice-id.txt').text = alice.intentId()
}
// the postgresql:// form of the URL, as a user would write it
def u = db.user() + ':' + (db.password() == null ? 'Quiet-Pw-Ignored-By-Trust' : db.password())
context.userProperties.put('confiture.coordinationUrl', "postgresql://${u}@${TestPostgres.server().host()}:${TestPostgres.server().port()}/${db.name()}".toString())
return true
