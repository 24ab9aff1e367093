package dev.confiture.runner.shadow;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.postgresql.PGConnection;

import dev.confiture.model.ConfitureException;
import dev.confiture.sql.SqlSplitter;
import dev.confiture.sql.SqlStatements;
import dev.confiture.sql.SqlStatement;
import dev.confiture.runner.db.ScriptInOneRoundTrip;

/**
 * Runs SQL scripts on a connection in autocommit mode. Each script goes first as one text in one
 * round trip and one transaction ({@link ScriptInOneRoundTrip}); when PostgreSQL refuses it, that
 * transaction is rolled back and the script runs again statement by statement as
 * {@link SqlSplitter} cuts them (as psql would), so that a failure names the file, the line and
 * PostgreSQL's message. Statement by statement is still one transaction, as under {@code psql -1 -f}
 * (transaction-scoped settings last the whole file, a failure applies nothing), unless the file has
 * its own BEGIN/COMMIT or a statement that cannot run in a transaction block. {@code COPY ... FROM stdin} data in a script goes through the COPY protocol.
 */
public final class ScriptApplier {

    private final Connection connection;

    public ScriptApplier(Connection connection) {
        this.connection = connection;
    }

    public void apply(List<SqlScript> scripts) {
        for (SqlScript script : scripts) {
            apply(script);
        }
    }

    public void apply(SqlScript script) {
        List<SqlStatement> statements = SqlSplitter.split(script.sql(), script.file());
        // as psql -1 -f: one transaction, so that SET LOCAL and set_config(..., true) last the whole file,
        // unless the file controls its transactions or holds a statement that cannot run in one
        boolean oneTransaction = statements.stream().noneMatch(s -> SqlStatements.transactionControl(s.sql()).isPresent()
                || SqlStatements.requiresNoTransaction(s.sql()));
        try {
            if (ScriptInOneRoundTrip.possible(statements) && ScriptInOneRoundTrip.inOwnTransaction(connection, statements, true)) {
                return;
            }
            try (Statement st = connection.createStatement()) {
                connection.setAutoCommit(!oneTransaction);
                try {
                    for (SqlStatement s : statements) {
                        run(st, s, script, oneTransaction);
                    }
                    if (oneTransaction) {
                        connection.commit();
                    }
                } finally {
                    if (!connection.isClosed()) { // a lost connection's error is the one to report
                        connection.setAutoCommit(true);
                    }
                }
            }
        } catch (SQLException e) {
            throw new ConfitureException("SQL_FAILED", "Could not run " + script.source() + ": " + e.getMessage(),
                    script.file(), 0, false, e);
        }
    }

    private void run(Statement st, SqlStatement s, SqlScript script, boolean oneTransaction) throws SQLException {
        try {
            if (s.hasCopyData()) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(s.sql(), new StringReader(s.copyData()));
            } else {
                st.execute(s.sql());
            }
        } catch (SQLException | IOException e) {
            ConfitureException failure = new ConfitureException("SQL_FAILED", "PostgreSQL refused the statement at line "
                    + s.line() + " of " + script.source() + ": " + e.getMessage() + "\n  " + excerpt(s.sql()),
                    script.file(), s.line(), false, e);
            if (oneTransaction && !connection.isClosed()) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    failure.addSuppressed(rollbackFailure);
                }
            }
            throw failure;
        }
    }

    private static String excerpt(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + " ..." : oneLine;
    }
}
