package dev.confiture.runner;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.sql.SqlStatement;
import dev.confiture.jdbc.Connections;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Sends a whole transactional SQL migration to PostgreSQL in one round trip: {@code BEGIN}, its
 * statements, the runner's bookkeeping (the tracking row's INSERT or DELETE, the session's
 * search_path put back) and {@code COMMIT} as one JDBC batch, which the
 * driver writes in one go and PostgreSQL runs in order. Sent one at a time, the four round trips of
 * a small migration (statements, INSERT, COMMIT) cost about a sixth of its time on a local server
 * (bench/migrate-bench.sh).
 *
 * <p>On failure the transaction is rolled back here and the failing entry is read from the
 * driver's message, so the caller can name the statement, its line and PostgreSQL's position as if
 * it had sent them one by one. When the message does not say, the caller runs the migration again
 * statement by statement to find out.
 */
final class PipelinedMigration {

    private PipelinedMigration() {
    }

    /** COPY with inline data goes through the driver's CopyManager, which a batch cannot carry. */
    static boolean canPipeline(List<SqlStatement> statements) {
        return statements.stream().noneMatch(SqlStatement::hasCopyData);
    }

    /**
     * How a batch failed: PostgreSQL's (or the driver's) error, and what failed: a statement (its
     * index in the migration), the tracking statement, the COMMIT, or {@link Part#UNKNOWN} when the
     * driver did not say.
     */
    record Failure(SQLException error, Part part, int statement) {

        enum Part { STATEMENT, TRACKING, COMMIT, UNKNOWN }
    }

    /**
     * Runs the migration and its bookkeeping statements in one transaction on a connection in
     * autocommit; a failing bookkeeping statement is reported as {@link Failure.Part#TRACKING}.
     *
     * @return null when it committed; otherwise how it failed, the transaction having been rolled
     *         back and the connection left idle in autocommit
     * @throws SQLException when the connection is lost or cannot be rolled back: whether the COMMIT
     *         arrived is then unknown, so it must not be run again
     */
    static Failure run(Connection c, List<SqlStatement> statements, List<String> bookkeeping) throws SQLException {
        List<String> batch = new ArrayList<>(statements.size() + bookkeeping.size() + 2);
        batch.add("BEGIN");
        statements.forEach(s -> batch.add(s.sql()));
        batch.addAll(bookkeeping);
        batch.add("COMMIT");
        try (Statement st = c.createStatement()) {
            // Statements go to PostgreSQL as written: no JDBC {fn ...} escape rewriting.
            st.setEscapeProcessing(false);
            for (String sql : batch) {
                st.addBatch(sql);
            }
            st.executeBatch();
            return null;
        } catch (SQLException e) {
            SQLException cause = serverError(e);
            if (Connections.isLost(c, cause)) {
                throw cause;
            }
            // A failed statement leaves the transaction aborted until ROLLBACK; a failed COMMIT (a
            // deferred constraint) has already rolled it back.
            if (c.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
                try (Statement rollback = c.createStatement()) {
                    rollback.execute("ROLLBACK");
                }
            }
            int entry = failedEntry(e, batch);
            if (entry >= 1 && entry <= statements.size()) {
                return new Failure(cause, Failure.Part.STATEMENT, entry - 1);
            }
            if (entry > statements.size() && entry <= statements.size() + bookkeeping.size()) {
                return new Failure(cause, Failure.Part.TRACKING, -1);
            }
            if (entry == statements.size() + bookkeeping.size() + 1) {
                return new Failure(cause, Failure.Part.COMMIT, -1);
            }
            return new Failure(cause, Failure.Part.UNKNOWN, -1);
        }
    }

    /**
     * The batch entry that failed, read from the driver's message ("Batch entry 3 INSERT ... was
     * aborted: ..."), or -1. The update counts cannot say: within a transaction pgjdbc marks every
     * entry as failed. An entry counts only when its number, a space and its whole SQL appear in the
     * message, after a non-digit and before a space, and no other entry does: a translated message,
     * or one without the SQL ({@code logServerErrorDetail=false}), gives -1.
     */
    static int failedEntry(SQLException e, List<String> batch) {
        String message = e instanceof BatchUpdateException ? e.getMessage() : null;
        if (message == null) {
            return -1;
        }
        int found = -1;
        for (int i = 0; i < batch.size(); i++) {
            String needle = i + " " + batch.get(i);
            for (int at = message.indexOf(needle); at >= 0; at = message.indexOf(needle, at + 1)) {
                int after = at + needle.length();
                if ((at == 0 || !Character.isDigit(message.charAt(at - 1)))
                        && after < message.length() && message.charAt(after) == ' ') {
                    if (found >= 0 && found != i) {
                        return -1;
                    }
                    found = i;
                }
            }
        }
        return found;
    }

    /** The driver wraps the server's error (with its position and detail) in a BatchUpdateException. */
    private static SQLException serverError(SQLException e) {
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            return e.getNextException();
        }
        return e;
    }
}
