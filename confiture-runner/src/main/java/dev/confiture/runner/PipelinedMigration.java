package dev.confiture.runner;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.confiture.model.sql.SqlStatement;
import dev.confiture.runner.db.Connections;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Sends a whole transactional SQL migration to PostgreSQL in one round trip: {@code BEGIN}, its
 * statements, the tracking row's INSERT (or DELETE) and {@code COMMIT} as one JDBC batch, which the
 * driver writes in one go and PostgreSQL runs in order. Sent one at a time, the four round trips of
 * a small migration (statements, INSERT, COMMIT) cost about a sixth of its time on a local server
 * (bench/migrate-bench.sh).
 *
 * <p>What a batch cannot say is which statement failed: the driver marks every entry of a failed
 * transaction as failed. So on failure the transaction is rolled back here and the caller runs the
 * migration again statement by statement, which names the statement, its line and PostgreSQL's
 * position when the failure is a property of the SQL (nearly always).
 */
final class PipelinedMigration {

    private PipelinedMigration() {
    }

    /** COPY with inline data goes through the driver's CopyManager, which a batch cannot carry. */
    static boolean canPipeline(List<SqlStatement> statements) {
        return statements.stream().noneMatch(SqlStatement::hasCopyData);
    }

    /**
     * Runs the migration and its tracking statement in one transaction on a connection in autocommit.
     *
     * @return null when it committed; otherwise PostgreSQL's (or the driver's) error, the transaction
     *         having been rolled back and the connection left idle in autocommit
     * @throws SQLException when the connection is lost or cannot be rolled back: whether the COMMIT
     *         arrived is then unknown, so it must not be run again
     */
    static SQLException run(Connection c, List<SqlStatement> statements, String trackingSql) throws SQLException {
        try (Statement st = c.createStatement()) {
            // Statements go to PostgreSQL as written: no JDBC {fn ...} escape rewriting.
            st.setEscapeProcessing(false);
            st.addBatch("BEGIN");
            for (SqlStatement s : statements) {
                st.addBatch(s.sql());
            }
            st.addBatch(trackingSql);
            st.addBatch("COMMIT");
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
            return cause;
        }
    }

    /** The driver wraps the server's error (with its position and detail) in a BatchUpdateException. */
    private static SQLException serverError(SQLException e) {
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            return e.getNextException();
        }
        return e;
    }
}
