// PostgreSQL answers a wrong password only when it checks passwords: the test servers trust local
// connections, so this IT runs a server of its own whose pg_hba.conf asks every user but postgres
// for a SCRAM password. verify.groovy stops it.
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres

def dir = new File(basedir, 'target/pg-auth')
dir.mkdirs()
def hba = new File(dir, 'pg_hba.conf')
hba.text = '''local all all trust
host all postgres 127.0.0.1/32 trust
host all postgres ::1/128 trust
host all all 127.0.0.1/32 scram-sha-256
host all all ::1/128 scram-sha-256
'''
def pg = EmbeddedPostgres.builder()
        .setServerConfig('hba_file', hba.absolutePath)
        .setServerConfig('password_encryption', 'scram-sha-256')
        .start()
context.put('pg', pg)
pg.getPostgresDatabase().connection.withCloseable { c ->
    c.createStatement().execute("CREATE ROLE alice LOGIN PASSWORD 'Right-Pa55word-7731'")
    c.createStatement().execute("CREATE DATABASE alice_db OWNER alice")
}
context.put('url', "jdbc:postgresql://127.0.0.1:${pg.port}/alice_db".toString())
context.userProperties.put('confiture.url', context.get('url'))
context.userProperties.put('confiture.user', 'alice')
context.userProperties.put('confiture.password', 'Wr0ng-Pa55word-4471')
return true
