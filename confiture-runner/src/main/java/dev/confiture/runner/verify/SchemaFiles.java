package dev.confiture.runner.verify;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.files.Utf8Text;
import dev.confiture.sql.SqlSplitter;
import dev.confiture.sql.SqlStatement;
import dev.confiture.sql.SqlStatements;
import dev.confiture.jdbc.Connections;
import dev.confiture.runner.db.ScriptInOneRoundTrip;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Builds a database from schema files: every statement of every file, in order, in one transaction.
 * Each file goes as one text in one round trip ({@link ScriptInOneRoundTrip}); when PostgreSQL
 * refuses one, the transaction is rolled back and every file runs again statement by statement, so
 * that the finding names the file and line of the refused statement.
 */
final class SchemaFiles {

    private SchemaFiles() {
    }

    /** Applies the files to the (empty) database; a refused statement is a finding naming its file and line. */
    static void apply(DatabaseSettings database, List<Path> files) {
        try (Connection c = Connections.open(database)) {
            c.setAutoCommit(false);
            Map<Path, List<SqlStatement>> statements = new LinkedHashMap<>();
            for (Path file : files) {
                statements.put(file, SqlSplitter.split(read(file)));
            }
            if (inOneRoundTripPerFile(c, statements)) {
                return;
            }
            for (Map.Entry<Path, List<SqlStatement>> file : statements.entrySet()) {
                for (SqlStatement s : file.getValue()) {
                    execute(c, file.getKey(), s);
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new ConfitureException("VERIFY_SCHEMA_FAILED", "Could not build the schema files in "
                    + database.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The fast path: true when every file applied and the transaction committed; else it is rolled
     * back. Not taken when a file ends or opens a transaction itself (the rollback would not undo
     * what that committed).
     */
    private static boolean inOneRoundTripPerFile(Connection c, Map<Path, List<SqlStatement>> statements) {
        if (statements.values().stream().flatMap(List::stream)
                .anyMatch(s -> SqlStatements.transactionControl(s.sql()).isPresent())) {
            return false;
        }
        try {
            for (List<SqlStatement> file : statements.values()) {
                if (ScriptInOneRoundTrip.possible(file)) {
                    ScriptInOneRoundTrip.execute(c, file, false);
                } else {
                    for (SqlStatement s : file) {
                        if (s.hasCopyData()) {
                            c.unwrap(PGConnection.class).getCopyAPI().copyIn(s.sql(), new StringReader(s.copyData()));
                        } else {
                            try (Statement st = c.createStatement()) {
                                st.setEscapeProcessing(false);
                                st.execute(s.sql());
                            }
                        }
                    }
                }
            }
            c.commit();
            return true;
        } catch (SQLException | IOException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the statement-by-statement run that follows reports what is wrong with the connection
            }
            return false;
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
