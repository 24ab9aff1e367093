package dev.confiture.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.confiture.api.MigrationContext;
import dev.confiture.sql.MigrationScript;

/**
 * What a Java migration or a Java callback works with: the runner's session, and {@code execute},
 * which holds SQL to the same rule as SQL files (the runner owns the transaction, and the tracking
 * row that goes with it) and names the statement when PostgreSQL refuses it.
 */
final class JavaContext implements MigrationContext {

    private final Connection connection;

    JavaContext(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void execute(String sql) {
        // The same rule as for SQL files: the runner owns the transaction (and its tracking row).
        List<MigrationScript.Refusal> refused = MigrationScript.refusals(sql, null);
        if (!refused.isEmpty()) {
            throw refused.get(0).toException();
        }
        try (Statement st = connection.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(sql);
        } catch (SQLException e) {
            throw new StatementException(sql, e);
        }
    }

    @Override
    public Connection connection() {
        return connection;
    }

    /**
     * A statement given to {@code execute} that PostgreSQL refused: its message is PostgreSQL's, the
     * SQLState and the statement, as the runner's failure reports it; the cause is the driver's error.
     */
    static final class StatementException extends IllegalStateException {

        StatementException(String sql, SQLException cause) {
            super(cause.getMessage() + " [SQLState " + cause.getSQLState() + "]\n  Statement: "
                    + StatementFailure.excerpt(sql), cause);
        }
    }
}
