package dev.confiture.runner.verify;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.files.Utf8Text;
import dev.confiture.sql.SqlSplitter;
import dev.confiture.sql.SqlStatement;
import dev.confiture.runner.db.Connections;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Builds a database from schema files: every statement of every file, in order, in one transaction. */
final class SchemaFiles {

    private SchemaFiles() {
    }

    /** Applies the files to the (empty) database; a refused statement is a finding naming its file and line. */
    static void apply(DatabaseSettings database, List<Path> files) {
        try (Connection c = Connections.open(database)) {
            c.setAutoCommit(false);
            for (Path file : files) {
                for (SqlStatement s : SqlSplitter.split(read(file))) {
                    execute(c, file, s);
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new ConfitureException("VERIFY_SCHEMA_FAILED", "Could not build the schema files in "
                    + database.describe() + ": " + e.getMessage(), e);
        }
    }

    private static void execute(Connection c, Path file, SqlStatement s) {
        try {
            if (s.hasCopyData()) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(s.sql(), new StringReader(s.copyData()));
            } else {
                try (Statement st = c.createStatement()) {
                    st.setEscapeProcessing(false);
                    st.execute(s.sql());
                }
            }
        } catch (SQLException | IOException e) {
            ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
            String message = server != null && server.getMessage() != null
                    ? server.getSeverity() + ": " + server.getMessage() : String.valueOf(e.getMessage());
            String sql = s.sql().length() > 200 ? s.sql().substring(0, 200) + " ..." : s.sql();
            throw new ConfitureException("VERIFY_SCHEMA_FAILED", "PostgreSQL refused the statement starting at line "
                    + s.line() + ": " + message + (e instanceof SQLException q ? " [SQLState " + q.getSQLState() + "]" : "")
                    + "\n  Statement: " + sql, file, s.line(), true, e);
        }
    }

    private static String read(Path file) {
        return Utf8Text.read(file, "VERIFY_SCHEMA_UNREADABLE");
    }
}
