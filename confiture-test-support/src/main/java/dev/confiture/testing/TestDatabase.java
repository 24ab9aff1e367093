package dev.confiture.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh database of its own for one test; {@link #close()} drops it. */
public record TestDatabase(TestServer server, String name) implements AutoCloseable {

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String jdbcUrlWithCredentials() {
        return server.jdbcUrlWithCredentials(name);
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** Runs a script (several statements are fine) in autocommit mode. */
    public void execute(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test SQL failed on " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Connection c = server.connect(server.adminDatabase()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + name + ": " + e.getMessage(), e);
        }
    }
}
