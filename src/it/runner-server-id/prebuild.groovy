// A fresh database owned by the role named in settings-server.xml; verify.groovy drops both.
def db = dev.confiture.testing.TestPostgres.newDatabase('it_runner_server_id')
db.connect().withCloseable { c ->
    def st = c.createStatement()
    def rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = 'confiture_it_server'")
    if (!rs.next()) {
        st.execute("CREATE ROLE confiture_it_server LOGIN PASSWORD 'Srv-Secret-Do-Not-Print'")
    }
    st.execute("ALTER DATABASE ${db.name()} OWNER TO confiture_it_server")
}
context.put('db', db)
// the URL names a role that does not exist: every goal must take the user from the server entry instead
context.userProperties.put('confiture.url', db.jdbcUrl() + '?user=confiture_it_not_a_role')
return true
