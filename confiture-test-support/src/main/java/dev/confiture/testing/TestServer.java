package dev.confiture.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import org.postgresql.Driver;

/** Where the test server listens and how to log in; {@code kind} says which of the three paths chose it. */
public record TestServer(String kind, String host, int port, String user, String password, String adminDatabase) {

    static TestServer fromJdbcUrl(String url) {
        String jdbc = url.startsWith("jdbc:") ? url : "jdbc:" + url.replaceFirst("^postgres(ql)?://", "postgresql://");
        Properties p = Driver.parseURL(jdbc, new Properties());
        if (p == null) {
            throw new IllegalStateException(TestPostgres.URL_VARIABLE + " is not a PostgreSQL JDBC URL: " + url.replaceAll(":[^:@/]*@", ":***@"));
        }
        String host = p.getProperty("PGHOST", "localhost").split(",")[0];
        int port = Integer.parseInt(p.getProperty("PGPORT", "5432").split(",")[0]);
        String db = p.getProperty("PGDBNAME", "postgres");
        return new TestServer("external", host, port, p.getProperty("user", "postgres"), p.getProperty("password"), db.isEmpty() ? "postgres" : db);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A URL that carries the user (and password, if any) itself, as a Maven property or YAML would. */
    public String jdbcUrlWithCredentials(String database) {
        return jdbcUrl(database) + "?user=" + user + (password == null ? "" : "&password=" + password);
    }

    public Connection connect(String database) throws SQLException {
        return TestPostgres.open(jdbcUrl(database), user, password);
    }

    public String describe() {
        return kind + " PostgreSQL at " + host + ":" + port;
    }
}
