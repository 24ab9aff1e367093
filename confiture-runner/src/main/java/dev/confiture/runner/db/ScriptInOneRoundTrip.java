package dev.confiture.runner.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.confiture.sql.SqlStatement;
import dev.confiture.sql.SqlStatements;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.QueryExecutor;
import org.postgresql.jdbc.PreferQueryMode;

/**
 * Sends the statements of a script to PostgreSQL as one text in one {@code Statement.execute}, one
 * simple-protocol Query message, as {@code psql -1 -f} does: a schema of thousands of statements
 * costs one round trip instead of one per statement (see docs/diff.md and bench/diff-bench.sh).
 * PostgreSQL cuts the text itself, at the semicolons {@code SqlSplitter} found (should it cut
 * differently, it refuses the text and the caller's statement-by-statement path runs), and stops at
 * the first error.
 *
 * <p>The simple protocol, for this one statement only ({@link #extendedExecutor}): in the extended
 * protocol the driver parses the text itself to cut it into statements, and on a schema of thousands
 * of lines that parse became hot enough for the JIT to compile the driver's parser, about half a
 * second of a compiler thread's CPU in a cold verify or diff on two cores.
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
        QueryExecutor extended = extendedExecutor(c);
        PreferQueryMode before = extended == null ? null : extended.getPreferQueryMode();
        if (extended != null) {
            extended.setPreferQueryMode(PreferQueryMode.EXTENDED_FOR_PREPARED);
        }
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(escapeProcessing);
            st.execute(text(statements));
        } finally {
            if (extended != null) {
                extended.setPreferQueryMode(before);
            }
        }
    }

    /**
     * The driver's query executor when {@code c} sends plain statements with the extended protocol,
     * which {@link #execute} switches to {@code extendedForPrepared} (plain statements as
     * simple-protocol queries, as written; prepared statements keep the extended protocol) for its one
     * {@code Statement.execute}, never a batch: in the simple protocol PostgreSQL runs each message of
     * a batch even after one failed. Null for a connection already in a simple mode, or not the
     * PostgreSQL driver's: it is left as it is.
     */
    private static QueryExecutor extendedExecutor(Connection c) throws SQLException {
        if (!c.isWrapperFor(BaseConnection.class)) {
            return null;
        }
        QueryExecutor executor = c.unwrap(BaseConnection.class).getQueryExecutor();
        return executor.getPreferQueryMode().compareTo(PreferQueryMode.EXTENDED) >= 0 ? executor : null;
    }

    /**
     * Runs the statements as one text in a transaction of its own on {@code c}, which is in
     * autocommit: committed when all of them pass, rolled back (nothing applied, the session's
     * settings as before) when one fails.
     *
     * @return true when the statements were applied; false when the caller must run them one by one
     * @throws SQLException what ended the connection, when the run lost it
     */
    public static boolean inOwnTransaction(Connection c, List<SqlStatement> statements, boolean escapeProcessing)
            throws SQLException {
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
            if (c.isClosed()) {
                // The connection is gone (the server crashed, ran out of disk, or was stopped): this is
                // the error to report; one by one, the statements would only say "connection closed".
                throw e;
            }
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
