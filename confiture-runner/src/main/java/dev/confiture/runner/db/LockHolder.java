package dev.confiture.runner.db;

import dev.confiture.model.config.QueryTextMasker;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * A session that holds a lock someone waits for (the migration lock, or a lock a running migration
 * needs), from {@code pg_locks} and {@code pg_stat_activity}.
 */
public record LockHolder(int pid, String applicationName, String user, String clientAddress,
                         OffsetDateTime backendStart, String state, OffsetDateTime stateChange, String query) {

    /** The columns a query selects, in this order, for {@link #read}. */
    public static final String COLUMNS = "a.pid, a.application_name, a.usename, host(a.client_addr), a.backend_start,"
            + " a.state, a.state_change, a.query";

    private static final int QUERY_EXCERPT = 120;

    /** The current row of a query that selected {@link #COLUMNS}. */
    public static LockHolder read(ResultSet rs) throws SQLException {
        return new LockHolder(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                rs.getString(8));
    }

    /** {@link #describe()} and the session's current (or, when idle, last) query, shortened to one line. */
    public String describeWithQuery() {
        if (query == null || query.isBlank()) {
            return describe();
        }
        String flat = QueryTextMasker.mask(query).replaceAll("\\s+", " ").trim();
        return describe() + ", " + ("active".equals(state) ? "query: " : "last query: ")
                + (flat.length() <= QUERY_EXCERPT ? flat : flat.substring(0, QUERY_EXCERPT) + " ...");
    }

    /** {@code pid 4242 (confiture (ci@runner-7), user deploy from 10.0.0.5), connected since ..., idle in transaction since ...}. */
    public String describe() {
        StringBuilder s = new StringBuilder("pid ").append(pid).append(" (application '")
                .append(applicationName == null || applicationName.isEmpty() ? "?" : applicationName).append("'");
        if (user != null) {
            s.append(", user ").append(user);
        }
        if (clientAddress != null) {
            s.append(" from ").append(clientAddress);
        }
        s.append(")");
        if (backendStart != null) {
            s.append(", connected since ").append(backendStart);
        }
        if (state != null) {
            s.append(", ").append(state);
            if (stateChange != null) {
                s.append(" since ").append(stateChange);
            }
        }
        return s.toString();
    }
}
