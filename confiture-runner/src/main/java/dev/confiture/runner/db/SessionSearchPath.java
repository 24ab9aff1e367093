package dev.confiture.runner.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.Utils;

/**
 * The {@code search_path} the runner's session had before the first migration ran. A migration
 * may change it for the rest of the session (pg_dump's {@code set_config('search_path', '', false)},
 * a {@code SET search_path}); the runner puts it back after each migration, so every migration starts
 * from the same path whatever ran before it in the run, as it would alone.
 */
public record SessionSearchPath(String initial) {

    public static SessionSearchPath capture(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('search_path')")) {
            rs.next();
            return new SessionSearchPath(rs.getString(1));
        }
    }

    /**
     * The statement that puts the path back, as text for a batch. Session-level ({@code false}):
     * inside the migration's transaction it takes effect when that commits, and goes with it on a rollback.
     */
    public String restoreSql(Connection c) throws SQLException {
        boolean standardStrings = c.unwrap(BaseConnection.class).getStandardConformingStrings();
        return "SELECT pg_catalog.set_config('search_path', '" + Utils.escapeLiteral(null, initial, standardStrings)
                + "', false)";
    }

    public void restore(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(restoreSql(c));
        }
    }
}
