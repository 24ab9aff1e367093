import dev.confiture.testing.TestPostgres

// A fresh database owned by a role of its own whose password is the POM's <password>; verify.groovy drops both.
def role = 'confiture_it_secret_' + UUID.randomUUID().toString().replace('-', '').take(10)
def db = TestPostgres.newDatabase('it_secrets')
db.connect().withCloseable { c ->
    def st = c.createStatement()
    st.execute("CREATE ROLE ${role} LOGIN PASSWORD 'PomPw-Do-Not-Print'")
    st.execute("ALTER DATABASE ${db.name()} OWNER TO ${role}")
}
new File(basedir, 'it-db.txt').text = db.name() + '\n' + role + '\n'
// The POM's url carries a wrong password (the POM's <password> wins over it) and an sslpassword.
def server = TestPostgres.server()
def url = "jdbc:postgresql://${server.host()}:${server.port()}/${db.name()}" +
        '?password=UrlPw-Do-Not-Print&amp;sslpassword=SslPw-Do-Not-Print&amp;ApplicationName=secrets_it'
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('__URL__', url).replace('__USER__', role)
context.userProperties.put('confiture.shadowUrl',
        'postgresql://postgres:ShadowPw-Do-Not-Print@127.0.0.1:1/nowhere?sslpassword=ShadowSsl-Do-Not-Print')
context.userProperties.put('confiture.coordinationUrl',
        'jdbc:postgresql://127.0.0.1:1/coord?user=agent&PASSWORD=CoordPw-Do-Not-Print&sslPassword=CoordSsl-Do-Not-Print')
return true
