package dev.confiture.runner.embedded;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Sessions on an embedded server's {@code postgres} database, kept open after use for the JVM's next
 * piece of admin work (a scratch database claimed, then dropped; the spares counted). Opening one costs
 * 20 to 60 ms on a busy two-core machine (a backend forked and set up, the driver's start-up round
 * trips), and a diff's two scratch databases each needed two. A kept session is checked with a round
 * trip before it is handed out again: one whose server went away is closed and replaced. The JVM's
 * exit closes those still kept; PostgreSQL ends their backends without a word in its log.
 */
final class AdminSessions {

    /** More than a diff's or a verify's admin work uses at once; the rest are closed. */
    private static final int KEPT = 4;
    /** How long the check of a kept session may take before it is given up for a new one. */
    private static final int CHECK_SECONDS = 2;

    /** Opens a new session. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** One session, handed back to be kept (or closed) by {@link #close()}. */
    final class Session implements AutoCloseable {

        private final Connection connection;

        private Session(Connection connection) {
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        /** Keeps the session for the next user unless enough are kept or it cannot be reused as it is. */
        @Override
        public void close() throws SQLException {
            if (!connection.isClosed() && connection.getAutoCommit() && idle.size() < KEPT) {
                idle.push(connection);
            } else {
                connection.close();
            }
        }
    }

    private final Opener opener;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    AdminSessions(Opener opener) {
        this.opener = opener;
    }

    /** A kept session that still answers, else a new one. */
    Session open() throws SQLException {
        Connection kept;
        while ((kept = idle.poll()) != null) {
            if (kept.isValid(CHECK_SECONDS)) {
                return new Session(kept);
            }
            closeQuietly(kept);
        }
        return new Session(opener.open());
    }

    /** How many sessions are kept, for tests. */
    int kept() {
        return idle.size();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // already unusable: that is why it is being closed
        }
    }
}
