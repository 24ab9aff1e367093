package dev.confiture.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL server that tests run against, chosen once per JVM in the order the house
 * rules give: {@code CONFITURE_TEST_JDBC_URL} if set, Testcontainers if a Docker engine answers,
 * else an embedded server (zonky). Each test asks for its own fresh database.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "CONFITURE_TEST_JDBC_URL";

    private static TestServer server;

    private TestPostgres() {
    }

    /** The one server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized TestServer server() {
        if (server == null) {
            server = startServer();
        }
        return server;
    }

    /** A new, empty database on the shared server; close it to drop it. */
    public static TestDatabase newDatabase() {
        return newDatabase("t");
    }

    /** A new, empty database whose name starts with the given prefix (letters, digits, underscores). */
    public static TestDatabase newDatabase(String prefix) {
        TestServer s = server();
        String name = ("confiture_" + prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT);
        try (Connection c = s.connect(s.adminDatabase()); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " on " + s.describe() + ": " + e.getMessage(), e);
        }
        return new TestDatabase(s, name);
    }

    private static TestServer startServer() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            url = System.getProperty("confiture.test.jdbcUrl");
        }
        if (url != null && !url.isBlank()) {
            return TestServer.fromJdbcUrl(url.trim());
        }
        if (dockerMayAnswer()) {
            TestServer containerServer = ContainerServer.tryStart();
            if (containerServer != null) {
                return containerServer;
            }
        }
        return EmbeddedServer.start();
    }

    /** Asking Testcontainers costs an ERROR log line when there is no engine; skip it when nothing suggests one. */
    private static boolean dockerMayAnswer() {
        return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
    }

    static Connection open(String jdbcUrl, String user, String password) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, props);
    }
}
