package dev.confiture.runner.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Named queries sent to PostgreSQL as one text, in one round trip, their rows handed to their
 * handlers in order; between them, work that needs the rows of the queries before it ({@link #then}).
 * A catalog read is about twenty-five set-based queries, each a few milliseconds of server time: on a
 * busy machine, each round trip also waits for the backend and then this thread to be scheduled, which
 * cost more than the queries. When PostgreSQL refuses the text, the queries run again one by one, so
 * that the error names the query that fails ({@code [in: <name>.sql]}).
 *
 * <p>The text goes as a prepared statement that the server keeps from its first run
 * ({@code prepareThreshold} 1): a session that reads the catalog again with the same text (verify reads
 * it before every up and after every down of a scratch database) then skips parsing and planning
 * the queries, which was about half of a read's server time on catalog queries (planning them is
 * costlier than running them on a small catalog). Plans of queries on system catalogs stay valid
 * across DDL on user objects; the setup's {@code search_path} is the same at every run. A connection
 * whose URL says {@code prepareThreshold=0} keeps unnamed statements.
 */
final class QueryBatch {

    /** Hands one row to the code that reads it. */
    @FunctionalInterface
    interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    /** Work between the queries, on what the rows before it filled in. */
    @FunctionalInterface
    interface Action {
        void run() throws SQLException;
    }

    private record Step(String name, String sql, RowHandler handler, Action action) {
    }

    private final String setup;
    private final List<Step> steps = new ArrayList<>();

    /**
     * @param setup a statement run first, in the same round trip (its result is not read), and again
     *              before a query that runs alone to be named; null for none
     */
    QueryBatch(String setup) {
        this.setup = setup;
    }

    /** Adds the query {@code name} (named in errors as {@code <name>.sql}), whose rows go to {@code handler}. */
    QueryBatch query(String name, String sql, RowHandler handler) {
        steps.add(new Step(name, sql, handler, null));
        return this;
    }

    /** Adds work that runs once the rows of every query added before it were handled. */
    QueryBatch then(Action action) {
        steps.add(new Step(null, null, null, action));
        return this;
    }

    /** Sends every query in one round trip and hands out the rows in order. */
    void run(Connection c) throws SQLException {
        List<String> texts = new ArrayList<>();
        if (setup != null) {
            texts.add(setup);
        }
        steps.stream().filter(s -> s.sql() != null).forEach(s -> texts.add(s.sql()));
        try (PreparedStatement st = c.prepareStatement(String.join(";\n", texts))) {
            serverPreparedAtOnce(c, st);
            boolean hasResult;
            try {
                hasResult = texts.isEmpty() || st.execute();
            } catch (SQLException e) {
                throw named(c, e);
            }
            boolean skipSetup = setup != null;
            for (Step step : steps) {
                if (step.action() != null) {
                    step.action().run();
                    continue;
                }
                if (skipSetup) {
                    hasResult = st.getMoreResults();
                    skipSetup = false;
                }
                if (!hasResult) {
                    throw new SQLException("No rows came back for " + step.name() + ".sql");
                }
                try (ResultSet rs = st.getResultSet()) {
                    while (rs.next()) {
                        step.handler().handle(rs);
                    }
                } catch (SQLException e) {
                    throw new SQLException(e.getMessage() + " [in: " + step.name() + ".sql]", e.getSQLState(), e);
                }
                hasResult = st.getMoreResults();
            }
        }
    }

    /**
     * From the first run, PgJDBC names the statements on the server, which keeps them and their plans
     * for the next run of the same text on this connection (PgJDBC caches prepared texts per connection).
     * Not on a connection whose URL turned server-side statements off ({@code prepareThreshold=0}, as
     * behind PgBouncer in transaction mode, where the next run could reach a server connection that
     * never saw them): there each run parses and plans again, as before. Another driver (a pool's
     * wrapper that does not unwrap) runs it as any prepared statement.
     */
    private static void serverPreparedAtOnce(Connection c, PreparedStatement st) throws SQLException {
        if (st.isWrapperFor(org.postgresql.PGStatement.class) && c.isWrapperFor(org.postgresql.PGConnection.class)
                && c.unwrap(org.postgresql.PGConnection.class).getPrepareThreshold() > 0) {
            st.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
        }
    }

    /**
     * The batch's failure, naming the query that fails when run alone (after the setup); the
     * transaction of a connection without auto-commit is rolled back first, since the failure aborted it.
     */
    private SQLException named(Connection c, SQLException failure) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
            }
            for (Step step : steps) {
                if (step.sql() == null) {
                    continue;
                }
                try (Statement st = c.createStatement()) {
                    st.execute(setup == null ? step.sql() : setup + ";\n" + step.sql());
                } catch (SQLException e) {
                    return new SQLException(e.getMessage() + " [in: " + step.name() + ".sql]", e.getSQLState(), failure);
                }
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }
}
