package dev.confiture.runner.db;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;

/**
 * Opens JDBC connections named {@code confiture (user@host)} in {@code pg_stat_activity}, so that a
 * runner waiting on the migration lock can say who holds it. Errors never carry the password.
 */
public final class Connections {

    private static final String APPLICATION_NAME = applicationName();

    private Connections() {
    }

    public static Connection open(DatabaseSettings settings) {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        props.setProperty("ApplicationName", APPLICATION_NAME);
        try {
            return DriverManager.getConnection(settings.jdbcUrl(), props);
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (settings.password() != null && !settings.password().isEmpty()) {
                message = message.replace(settings.password(), "***");
            }
            throw new ConfitureException("DB_CONNECT_FAILED", "Could not connect to " + settings.describe() + ": "
                    + message + " (SQLState " + e.getSQLState() + ")", null, 0, false, null);
        }
    }

    /**
     * True when an error means the connection itself is gone (closed, or SQLState class 08): then
     * nothing more can be sent on it, not even a ROLLBACK, and the server decides what committed.
     */
    public static boolean isLost(Connection c, SQLException e) throws SQLException {
        return c.isClosed() || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }

    /** {@code confiture (alice@build-host)}: the application name our sessions carry. */
    public static String applicationName() {
        String user = System.getProperty("user.name", "?");
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "?";
        }
        String name = "confiture (" + user + "@" + host + ")";
        // PostgreSQL truncates application_name to 63 bytes; keep the prefix recognisable.
        return name.length() > 63 ? name.substring(0, 63) : name;
    }
}
