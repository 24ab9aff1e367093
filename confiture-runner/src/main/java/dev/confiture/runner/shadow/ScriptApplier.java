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
import dev.confiture.sql.SqlStatement;
import dev.confiture.runner.db.ScriptInOneRoundTrip;

/**
 * Runs SQL scripts on a connection in autocommit mode. Each script goes first as one text in one
 * round trip and one transaction ({@link ScriptInOneRoundTrip}); when PostgreSQL refuses it, that
 * transaction is rolled back and the script runs again statement by statement as
 * {@link SqlSplitter} cuts them (as psql would), so that a failure names the file, the line and
 * PostgreSQL's message. {@code COPY ... FROM stdin} data in a script goes through the COPY protocol.
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
        if (ScriptInOneRoundTrip.possible(statements) && ScriptInOneRoundTrip.inOwnTransaction(connection, statements, true)) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            for (SqlStatement s : statements) {
                try {
                    if (s.hasCopyData()) {
                        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(s.sql(), new StringReader(s.copyData()));
                    } else {
                        st.execute(s.sql());
                    }
                } catch (SQLException | IOException e) {
                    throw new ConfitureException("SQL_FAILED", "PostgreSQL refused the statement at line " + s.line()
                            + " of " + script.source() + ": " + e.getMessage() + "\n  " + excerpt(s.sql()),
                            script.file(), s.line(), false, e);
                }
            }
        } catch (SQLException e) {
            throw new ConfitureException("SQL_FAILED", "Could not run " + script.source() + ": " + e.getMessage(),
                    script.file(), 0, false, e);
        }
    }

    private static String excerpt(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + " ..." : oneLine;
    }
}
