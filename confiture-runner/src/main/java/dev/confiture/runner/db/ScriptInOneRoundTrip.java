package dev.confiture.runner.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.confiture.sql.SqlStatement;
import dev.confiture.sql.SqlStatements;

/**
 * Sends the statements of a script to PostgreSQL as one text in one {@code Statement.execute}: the
 * driver writes all of them at once and reads the answers after, so a schema of thousands of
 * statements costs a handful of round trips instead of one per statement (as {@code psql -1 -f}
 * does; see docs/diff.md and bench/diff-bench.sh). The driver cuts the text at the same semicolons
 * {@code SqlSplitter} does (it knows quotes, dollar quotes and comments); should it cut
 * differently, PostgreSQL refuses the text and the caller's statement-by-statement path runs.
 *
 * <p>This is the fast path only. A failure here says nothing a user can act on (the driver does
 * not say which statement of the text failed): callers roll back and run the script again
 * statement by statement, which names the file and line exactly as before.
 */
public final class ScriptInOneRoundTrip {

    private ScriptInOneRoundTrip() {
    }

    /**
     * True when the statements can go as one text: no {@code COPY ... FROM stdin} data (the COPY
     * protocol carries it, statement by statement) and no transaction control, which would end the
     * transaction the text runs in and make a rollback of the whole impossible.
     */
    public static boolean possible(List<SqlStatement> statements) {
        return statements.size() > 1 && statements.stream()
                .noneMatch(s -> s.hasCopyData() || SqlStatements.transactionControl(s.sql()).isPresent());
    }

    /**
     * Runs the statements as one text on {@code c}, inside the transaction the caller holds
     * (autocommit off); an error leaves that transaction aborted for the caller to roll back.
     *
     * @param escapeProcessing what the caller's statement-by-statement path uses, so that both send the same text
     */
    public static void execute(Connection c, List<SqlStatement> statements, boolean escapeProcessing) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(escapeProcessing);
            st.execute(text(statements));
        }
    }

    /**
     * Runs the statements as one text in a transaction of its own on {@code c}, which is in
     * autocommit: committed when all of them pass, rolled back (nothing applied, the session's
     * settings as before) when one fails.
     *
     * @return true when the statements were applied; false when the caller must run them one by one
     */
    public static boolean inOwnTransaction(Connection c, List<SqlStatement> statements, boolean escapeProcessing) {
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            return false;
        }
        try {
            execute(c, statements, escapeProcessing);
            c.commit();
            return true;
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the statement-by-statement run that follows reports what is wrong with the connection
            }
            return false;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // as above
            }
        }
    }

    /**
     * The statements joined into one text. Each ends on a line of its own: a statement whose last
     * line is a {@code --} comment would otherwise swallow the semicolon that ends it.
     */
    static String text(List<SqlStatement> statements) {
        StringBuilder text = new StringBuilder();
        for (SqlStatement s : statements) {
            text.append(s.sql()).append("\n;\n");
        }
        return text.toString();
    }
}
