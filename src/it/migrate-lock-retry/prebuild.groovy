// A fresh database with two tables, each locked by a session of its own (application it-blocker).
// users is let go only once a session has waited for it and stopped waiting, that is once
// migrate's first attempt has failed on lock_timeout, so step 1 needs exactly one retry however
// slow the machine is; orders stays locked until verify.groovy (or two minutes) lets it go.
def db = dev.confiture.testing.TestPostgres.newDatabase('it_lock_retry')
db.execute('CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE orders (id int PRIMARY KEY)')

def lockHolder = { String table ->
    def c = db.connect()
    c.autoCommit = false
    def st = c.createStatement()
    st.execute("SET application_name = 'it-blocker'")
    st.execute("LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE")
    def rs = st.executeQuery('SELECT pg_backend_pid()'); rs.next()
    [connection: c, pid: rs.getInt(1)]
}
def users = lockHolder('users')
def orders = lockHolder('orders')
def released = new java.util.concurrent.CountDownLatch(1)
def watcher = db.connect()
Thread.startDaemon('it-blocker') {
    try {
        long deadline = System.currentTimeMillis() + 120_000
        boolean waitedFor = false
        while (System.currentTimeMillis() < deadline) {
            def rs = watcher.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE ${users.pid} = ANY (pg_blocking_pids(pid))")
            rs.next()
            if (rs.getInt(1) > 0) {
                waitedFor = true
            } else if (waitedFor) {
                break
            }
            Thread.sleep(20)
        }
        users.connection.rollback()
        users.connection.close()
        released.await(Math.max(1, deadline - System.currentTimeMillis()), java.util.concurrent.TimeUnit.MILLISECONDS)
    } finally {
        orders.connection.close()
        watcher.close()
    }
}
context.put('db', db)
context.put('releaseOrders', released)
context.userProperties.put('confiture.url', db.jdbcUrlWithCredentials())
return true
