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
 * Sends a whole transactional SQL migration, or several in a row ({@link #runAll}), to PostgreSQL in one round trip: {@code BEGIN}, its
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
 *
 * <p>A batch of several migrations commits as a group: every transaction but the last runs with
 * {@code SET LOCAL synchronous_commit = off}, so its COMMIT does not wait for the disk, and the last
 * one's COMMIT, under the session's own setting, waits for all of them, because PostgreSQL writes and
 * flushes its WAL in order. When a batch fails, its caller flushes what committed before the failure
 * ({@code TrackingTable.flushThrough}). So a run reports nothing as applied that is not as durable
 * as if each COMMIT had waited, and a crash in between can only lose a run's last migrations
 * together with their tracking rows: the tracking table still tells what the database holds. 500
 * small migrations now wait for about ten flushes instead of 500 (docs/migrations.md).
 */
final class PipelinedMigration {

    /** Sent after BEGIN in every transaction of a batch but its last. */
    static final String COMMIT_WITHOUT_WAITING = "SET LOCAL synchronous_commit = off";

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

    /** One migration's transaction in a batch: its statements, then the runner's bookkeeping statements. */
    record Transaction(List<SqlStatement> statements, List<String> bookkeeping) {
    }

    /**
     * How a batch of several transactions failed: {@link Failure} for the transaction at index
     * {@code transaction}, those before it having committed; -1 with {@link Failure.Part#UNKNOWN}
     * when the driver did not say which entry failed.
     */
    record BatchFailure(int transaction, Failure failure) {
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
        BatchFailure f = runAll(c, List.of(new Transaction(statements, bookkeeping)));
        return f == null ? null : f.failure();
    }

    /**
     * Runs several transactions, each {@code BEGIN}, its statements, its bookkeeping and {@code
     * COMMIT}, as one batch. PostgreSQL runs them in order and, after an error, skips every message up
     * to the batch's end, so nothing after a failed transaction runs: those before it stay committed.
     *
     * @return null when all committed; otherwise which failed and how, the failed one rolled back and
     *         the connection left idle in autocommit
     * @throws SQLException as {@link #run}
     */
    static BatchFailure runAll(Connection c, List<Transaction> transactions) throws SQLException {
        List<String> batch = new ArrayList<>();
        // for each entry of the batch: its transaction, and its place in it (0 for BEGIN)
        List<int[]> places = new ArrayList<>();
        for (int t = 0; t < transactions.size(); t++) {
            Transaction tx = transactions.get(t);
            int local = 0;
            batch.add("BEGIN");
            places.add(new int[] {t, local++});
            if (t < transactions.size() - 1) {
                batch.add(COMMIT_WITHOUT_WAITING);
                places.add(new int[] {t, 0}); // as its BEGIN: nothing of the migration has run yet
            }
            for (SqlStatement s : tx.statements()) {
                batch.add(s.sql());
                places.add(new int[] {t, local++});
            }
            for (String sql : tx.bookkeeping()) {
                batch.add(sql);
                places.add(new int[] {t, local++});
            }
            batch.add("COMMIT");
            places.add(new int[] {t, local});
        }
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
            if (entry < 0) {
                return new BatchFailure(-1, new Failure(cause, Failure.Part.UNKNOWN, -1));
            }
            int t = places.get(entry)[0];
            int local = places.get(entry)[1];
            int statements = transactions.get(t).statements().size();
            int bookkeeping = transactions.get(t).bookkeeping().size();
            if (local >= 1 && local <= statements) {
                return new BatchFailure(t, new Failure(cause, Failure.Part.STATEMENT, local - 1));
            }
            if (local > statements && local <= statements + bookkeeping) {
                return new BatchFailure(t, new Failure(cause, Failure.Part.TRACKING, -1));
            }
            if (local == statements + bookkeeping + 1) {
                return new BatchFailure(t, new Failure(cause, Failure.Part.COMMIT, -1));
            }
            // a BEGIN: nothing of the transaction ran, but the driver's word is all there is
            return new BatchFailure(-1, new Failure(cause, Failure.Part.UNKNOWN, -1));
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
