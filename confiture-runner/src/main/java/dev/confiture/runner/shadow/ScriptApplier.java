package dev.confiture.runner.shadow;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.confiture.model.ConfitureException;

/**
 * Runs SQL scripts on a connection in autocommit mode, statement by statement, so that a failure
 * names the file, the line and PostgreSQL's message.
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
        if (script.sql().isBlank()) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute(script.sql());
        } catch (SQLException e) {
            throw new ConfitureException("SQL_FAILED", "PostgreSQL refused " + script.source() + ": "
                    + e.getMessage(), script.file(), 0, false, e);
        }
    }
}
