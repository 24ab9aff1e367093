package dev.confiture.runner;

import java.nio.file.Path;
import java.sql.SQLException;

import dev.confiture.sql.SqlStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns a statement PostgreSQL refused into an error a user can act on: the file, the statement's
 * line in it, an excerpt of the statement, PostgreSQL's message and SQLState, and the error
 * position mapped from "character N of the statement" to a line and column of the file.
 */
final class StatementFailure {

    private static final int EXCERPT = 200;

    private StatementFailure() {
    }

    static MigrationFailure of(String migration, Path file, SqlStatement statement, int index, int count,
                                 SQLException e, String aftermath) {
        String sql = statement.sql();
        int line = statement.line();
        String where = "";
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String message = server != null && server.getMessage() != null
                ? server.getSeverity() + ": " + server.getMessage() : String.valueOf(e.getMessage());
        if (server != null && server.getPosition() > 0 && server.getPosition() <= sql.length() + 1) {
            int pos = server.getPosition() - 1; // 1-based character index into the statement
            int lineWithin = 0;
            int lastNewline = -1;
            for (int i = 0; i < pos && i < sql.length(); i++) {
                if (sql.charAt(i) == '\n') {
                    lineWithin++;
                    lastNewline = i;
                }
            }
            int column = pos - lastNewline;
            line = statement.line() + lineWithin;
            if (lineWithin == 0) {
                column += statement.column() - 1;
            }
            where = " at line " + line + ", column " + column;
        }
        StringBuilder text = new StringBuilder();
        text.append(migration.startsWith("callback ") ? "C" + migration.substring(1) : "Migration " + migration).append(" failed in statement ").append(index).append(" of ").append(count)
                .append(" (starting at line ").append(statement.line()).append(")").append(where).append(": ").append(message)
                .append(" [SQLState ").append(e.getSQLState()).append("]");
        if (server != null && server.getDetail() != null) {
            text.append("\n  Detail: ").append(server.getDetail());
        }
        if (server != null && server.getHint() != null) {
            text.append("\n  Hint: ").append(server.getHint());
        }
        if (server != null && server.getWhere() != null) {
            text.append("\n  Where: ").append(server.getWhere());
        }
        text.append("\n  Statement: ").append(excerpt(sql));
        return new MigrationFailure(text.toString(), aftermath, file, line, e);
    }

    static String excerpt(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + " ...";
    }
}
