package dev.confiture.runner.acceptance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.confiture.testing.TestDatabase;

/**
 * One of the acceptance loop's two databases and the one session the loop keeps on it. A new
 * connection per step started a new backend, whose catalog caches are cold: every catalog read then
 * loaded them again, and that was most of the suite's time. The session is handed back as a new
 * connection would find it ({@link #release}), and dropped after any failure ({@link #discard}), so
 * no case sees what an earlier one left behind.
 */
final class CaseDatabase implements AutoCloseable {

    /** What a new session starts with: the session user, every setting at its default, no temporary objects. */
    private static final String RESET = "SET SESSION AUTHORIZATION DEFAULT; RESET ALL; DISCARD TEMP";

    private final TestDatabase db;
    private Connection session;

    CaseDatabase(TestDatabase db) {
        this.db = db;
    }

    String name() {
        return db.name();
    }

    /** The session, opened on first use or after a {@link #discard}; give it back with {@link #release}. */
    Connection session() throws SQLException {
        if (session == null) {
            session = db.connect();
        }
        return session;
    }

    /** Runs a script (several statements are fine) in autocommit mode, then resets the session. */
    void execute(String sql) throws SQLException {
        try (Statement st = session().createStatement()) {
            st.execute(sql);
        }
        release();
    }

    /**
     * Ends what a step left open (a transaction is rolled back, auto-commit restored) and resets the
     * session's settings, as closing the connection and opening a new one would.
     */
    void release() throws SQLException {
        Connection c = session();
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
        try (Statement st = c.createStatement()) {
            st.execute(RESET);
        }
    }

    /** Closes the session after a failure, whatever state it is in; the next use opens a new one. */
    void discard() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // a broken session is what is being thrown away
            }
            session = null;
        }
    }

    @Override
    public void close() {
        discard();
        db.close();
    }
}
