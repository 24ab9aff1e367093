package dev.confiture.runner;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs a piece of work on a session either in one transaction (committed at the end, rolled back on
 * any failure) or in autocommit, and leaves the session in autocommit afterwards, as the runner's
 * other steps expect. The failure of the work is the one reported: a rollback or an autocommit restore
 * that fails after it (the session is usually gone by then) is added to it as suppressed, never put in
 * its place.
 */
final class Transactions {

    /** The work: statements, callbacks, a tracking row; what it returns is handed back after the commit. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws SQLException;
    }

    /** How the transaction ends when the work succeeded, for a caller that reads COMMIT's own failure. */
    @FunctionalInterface
    interface Commit {
        void run() throws SQLException;
    }

    private Transactions() {
    }

    /** {@link #run(Connection, boolean, Body, Commit)} with a plain COMMIT. */
    static <T> T run(Connection c, boolean transactional, Body<T> body) throws SQLException {
        return run(c, transactional, body, c::commit);
    }

    /**
     * Runs {@code body} in a transaction ended by {@code commit} when {@code transactional}, else in
     * autocommit (for statements PostgreSQL refuses inside a transaction); restores autocommit in
     * both cases.
     */
    static <T> T run(Connection c, boolean transactional, Body<T> body, Commit commit) throws SQLException {
        c.setAutoCommit(!transactional);
        Throwable failure = null;
        try {
            T result = body.run();
            if (transactional) {
                commit.run();
            }
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            failure = e;
            // An Error too: restoring autocommit on a transaction still open would commit it.
            if (transactional) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        } finally {
            restoreAutoCommit(c, failure);
        }
    }

    /** As a try-with-resources closes: a failure here is thrown only when the work itself did not fail. */
    private static void restoreAutoCommit(Connection c, Throwable failure) throws SQLException {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }
}
