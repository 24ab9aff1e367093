package dev.confiture.runner;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Another session, as a nightly report or a long transaction would be: it holds an ACCESS
 * EXCLUSIVE lock on a table in an open transaction until {@link #release()} or {@link #close()}.
 */
final class TableLocker implements AutoCloseable {

    final int pid;
    private final Connection connection;

    private TableLocker(Connection connection, int pid) {
        this.connection = connection;
        this.pid = pid;
    }

    /** Connects to the fixture's database as {@code applicationName} and locks {@code table}. */
    static TableLocker lock(RunnerFixture f, String applicationName, String table) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", f.db.user());
        if (f.db.password() != null) {
            p.setProperty("password", f.db.password());
        }
        p.setProperty("ApplicationName", applicationName);
        Connection c = DriverManager.getConnection(f.db.jdbcUrl(), p);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            int pid = rs.getInt(1);
            c.setAutoCommit(false);
            st.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            return new TableLocker(c, pid);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** Ends the transaction: the lock is free. */
    void release() throws SQLException {
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
