package dev.confiture.runner.build;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.jdbc.Connections;
import dev.confiture.runner.db.ScriptInOneRoundTrip;
import dev.confiture.sql.SqlStatement;
import dev.confiture.sql.SqlStatements;
import dev.confiture.sql.TransactionControl;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Runs the statements of a schema script on a connection that is inside a transaction. A failing
 * statement becomes an error naming the input file and line (the exact line of PostgreSQL's
 * error position where it gives one), the statement and PostgreSQL's message; the caller rolls back.
 */
final class ScriptApplier {

    private static final int STATEMENT_PREVIEW_LINES = 12;

    private ScriptApplier() {
    }

    /**
     * Refuses, before anything runs, statements that would commit or roll back the build's transaction
     * (BEGIN, COMMIT and friends); savepoints act inside it and are fine.
     */
    static void refuseTransactionControl(List<MappedStatement> statements) {
        for (MappedStatement statement : statements) {
            if (SqlStatements.transactionControl(statement.sql()).filter(TransactionControl::opensOrEndsTransaction).isPresent()) {
                throw new ConfitureException("BUILD_TRANSACTION_CONTROL", "'" + firstLine(statement.sql())
                        + "' would end the transaction confiture:build applies everything in. Remove it: the whole"
                        + " build is one transaction already. Nothing was applied.",
                        Path.of(statement.relativePath()), statement.line(), false, null);
            }
        }
    }

    static void apply(Connection connection, List<MappedStatement> statements, String scriptName) {
        if (inOneRoundTrip(connection, statements)) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.setEscapeProcessing(false);
            CopyManager copy = null;
            for (MappedStatement statement : statements) {
                try {
                    if (statement.copyData() != null) {
                        copy = copy != null ? copy : new CopyManager(connection.unwrap(BaseConnection.class));
                        copy.copyIn(statement.sql(), new StringReader(statement.copyData()));
                    } else {
                        st.execute(statement.sql());
                    }
                } catch (SQLException e) {
                    throw failure(statement, e, scriptName);
                } catch (IOException e) {
                    throw new ConfitureException("BUILD_APPLY_FAILED", "Could not send the COPY data: " + e.getMessage(),
                            Path.of(statement.relativePath()), statement.line(), false, e);
                }
            }
        } catch (SQLException e) {
            throw new ConfitureException("BUILD_APPLY_FAILED", "Could not apply the schema: " + e.getMessage(), e);
        }
    }

    /**
     * The fast path: the whole script as one text ({@link ScriptInOneRoundTrip}), inside a savepoint
     * of the build's transaction. Sent one by one, musicbrainz's 4,000 statements cost 4,000 round
     * trips, as {@code psql -1 -f} pays. When PostgreSQL refuses the text, the transaction goes back
     * to the savepoint and the caller runs the statements one by one, which names the failing file
     * and line exactly as before.
     *
     * @return true when every statement ran; false when they must run one by one
     */
    private static boolean inOneRoundTrip(Connection connection, List<MappedStatement> statements) {
        List<SqlStatement> plain = statements.stream()
                .map(s -> new SqlStatement(s.sql(), s.line(), 0, s.copyData())).toList();
        if (!ScriptInOneRoundTrip.possible(plain)) {
            return false;
        }
        Savepoint before;
        try {
            before = connection.setSavepoint();
        } catch (SQLException e) {
            return false; // the statement-by-statement run reports what is wrong with the connection
        }
        try {
            ScriptInOneRoundTrip.execute(connection, plain, false);
            connection.releaseSavepoint(before);
            return true;
        } catch (SQLException e) {
            try {
                if (Connections.isLost(connection, e)) {
                    throw lost(e);
                }
                connection.rollback(before);
            } catch (SQLException rollbackFailed) {
                throw lost(e);
            }
            return false;
        }
    }

    /** The connection went away during the fast path: PostgreSQL rolled the whole transaction back. */
    private static ConfitureException lost(SQLException e) {
        return new ConfitureException("BUILD_APPLY_FAILED", "Lost the connection while applying the schema: "
                + e.getMessage() + " [SQLState " + e.getSQLState() + "]. The build ran in one transaction, which"
                + " PostgreSQL rolled back: nothing was applied.", null, 0, false, e);
    }

    private static String firstLine(String sql) {
        int nl = sql.indexOf('\n');
        return nl < 0 ? sql : sql.substring(0, nl) + " ...";
    }

    static ConfitureException failure(MappedStatement statement, SQLException e, String scriptName) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        int line = statement.line();
        StringBuilder message = new StringBuilder();
        if (server != null) {
            message.append(server.getSeverity() == null ? "ERROR" : server.getSeverity()).append(": ").append(server.getMessage());
            if (server.getPosition() > 0) {
                line = statement.lineOfPosition(server.getPosition());
                message.append(" (position ").append(server.getPosition()).append(" of the statement, line ")
                        .append(line).append(" of the file)");
            }
            if (server.getDetail() != null) {
                message.append("\n  Detail: ").append(server.getDetail());
            }
            if (server.getHint() != null) {
                message.append("\n  Hint: ").append(server.getHint());
            }
        } else {
            message.append(e.getMessage());
        }
        if ("25001".equals(e.getSQLState())) {
            message.append("\n  confiture:build applies the whole schema in one transaction; move this statement"
                    + " to a migration, which may run outside a transaction.");
        }
        message.append("\n  Statement (from line ").append(statement.line()).append(" of ").append(statement.relativePath())
                .append(", line ").append(statement.scriptLine()).append(" of ").append(scriptName).append("):\n");
        String[] lines = statement.sql().split("\n", -1);
        for (int i = 0; i < Math.min(lines.length, STATEMENT_PREVIEW_LINES); i++) {
            message.append("    ").append(lines[i]).append('\n');
        }
        if (lines.length > STATEMENT_PREVIEW_LINES) {
            message.append("    ... (").append(lines.length - STATEMENT_PREVIEW_LINES).append(" more lines)\n");
        }
        message.append("  The build ran in one transaction and was rolled back: nothing was applied.");
        return new ConfitureException("BUILD_STATEMENT_FAILED", message.toString(), Path.of(statement.relativePath()),
                line, false, null);
    }
}
