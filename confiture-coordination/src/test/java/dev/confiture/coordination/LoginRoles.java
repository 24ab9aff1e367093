package dev.confiture.coordination;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.testing.TestDatabase;

/**
 * Login roles for one test. Roles are cluster-wide and tests run in parallel on one server, so
 * each gets a random name; {@link #close()} drops them (after the test database is dropped).
 */
final class LoginRoles implements AutoCloseable {

    private static final String PASSWORD = "coord-test-pw";

    private final TestDatabase db;
    private final List<String> created = new ArrayList<>();

    LoginRoles(TestDatabase db) {
        this.db = db;
    }

    /** A new login role named {@code prefix_<random>}, member of the given group roles. */
    String create(String prefix, String options, String... groups) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        db.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + PASSWORD + "' " + options);
        created.add(name);
        for (String group : groups) {
            db.execute("GRANT " + group + " TO " + name);
        }
        return name;
    }

    DatabaseSettings settings(String role) {
        return new DatabaseSettings(db.jdbcUrl(), role, PASSWORD);
    }

    CoordinationService service(String role) {
        return CoordinationService.open(settings(role));
    }

    /** A plain JDBC connection as {@code role}, for what the service would never do. */
    Connection connect(String role) throws SQLException {
        return java.sql.DriverManager.getConnection(db.jdbcUrl(), role, PASSWORD);
    }

    @Override
    public void close() {
        try (Connection c = db.server().connect(db.server().adminDatabase()); Statement st = c.createStatement()) {
            for (String role : created) {
                st.execute("DROP ROLE IF EXISTS " + role);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test roles " + created + ": " + e.getMessage(), e);
        }
    }
}
