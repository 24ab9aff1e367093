package dev.confiture.jdbc;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.config.UrlMasker;

/**
 * The one way Confiture opens a PostgreSQL connection, for migrate, build, verify's scratch
 * databases, the embedded server and the coordination store alike: the user and password go as
 * connection properties, the session is named {@code confiture (user@host)} in
 * {@code pg_stat_activity} (so that a runner waiting on the migration lock can say who holds it),
 * and no error carries a secret: the database is named by {@link DatabaseSettings#describe()} and
 * the driver's message is scrubbed of the password and of the values of secret URL parameters
 * ({@link UrlMasker#isSecretName}).
 *
 * <p>A module of its own because both confiture-runner and confiture-coordination open connections
 * and the coordination store must not depend on the runner (which brings the embedded PostgreSQL
 * binaries), while confiture-model holds no JDBC.
 */
public final class Connections {

    /** The database named in the URL does not exist (SQLState 3D000). */
    public static final String DATABASE_MISSING = "DATABASE_MISSING";
    /** The server refused the user or password (SQLState class 28). */
    public static final String AUTHENTICATION_FAILED = "DATABASE_AUTHENTICATION_FAILED";
    /** Anything else: the server is down, unreachable, or refused the connection. */
    public static final String CONNECT_FAILED = "DATABASE_CONNECT_FAILED";

    private static final String APPLICATION_NAME = applicationName();

    private static final String POSTGRESQL_URL_PREFIX = "jdbc:postgresql:";
    private static final Driver POSTGRESQL_DRIVER = new org.postgresql.Driver();

    private Connections() {
    }

    /** Opens a connection, or fails with a {@link ConfitureException} that says what to do (see {@link #failure}). */
    public static Connection open(DatabaseSettings settings) {
        try {
            return connect(settings);
        } catch (SQLException e) {
            throw failure(settings, e);
        }
    }

    /** Opens a connection; for callers that turn the {@link SQLException} into their own error (scrub it with {@link #scrub}). */
    public static Connection connect(DatabaseSettings settings) throws SQLException {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        props.setProperty("ApplicationName", APPLICATION_NAME);
        String url = settings.jdbcUrl();
        if (url != null && url.startsWith(POSTGRESQL_URL_PREFIX)) {
            // The driver we ship, asked directly: DriverManager would first load every driver the class
            // path declares and build log text for each call, in each goal's fresh JVM.
            Connection c = POSTGRESQL_DRIVER.connect(url, props);
            if (c != null) {
                return c;
            }
        }
        // Any other URL (a driver a project adds to the plugin's dependencies) goes the standard way,
        // and so does one the driver declined, which then fails as DriverManager says.
        return DriverManager.getConnection(url, props);
    }

    /** A failed connection as an error a user can act on, by SQLState: a missing database, a refused login, or unreachable. */
    public static ConfitureException failure(DatabaseSettings settings, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String code;
        String hint;
        if (isMissingDatabase(e)) {
            code = DATABASE_MISSING;
            hint = "Create it, or check the database name.";
        } else if (state.startsWith("28")) {
            code = AUTHENTICATION_FAILED;
            hint = "Check the user and password (confiture.user / confiture.password, the environment's database"
                    + " settings, or the <server> of confiture.serverId in settings.xml).";
        } else {
            code = CONNECT_FAILED;
            hint = "Check that PostgreSQL is running and reachable at that address.";
        }
        return new ConfitureException(code, "Could not connect to " + settings.describe() + ": "
                + scrub(e.getMessage(), settings) + (state.isEmpty() ? "" : " (SQLState " + state + ")") + ". " + hint,
                null, 0, false, null);
    }

    /** True when the database named in the URL does not exist (SQLState 3D000). */
    public static boolean isMissingDatabase(SQLException e) {
        return "3D000".equals(e.getSQLState());
    }

    /** A driver or server message without the password or any secret URL parameter, in case either was echoed back. */
    public static String scrub(String message, DatabaseSettings settings) {
        if (message == null) {
            return "";
        }
        String scrubbed = hide(message, settings.password());
        // the values of the URL's secret parameters (sslpassword=...), by UrlMasker's rule of what a secret is
        int query = settings.jdbcUrl() == null ? -1 : settings.jdbcUrl().indexOf('?');
        if (query >= 0) {
            for (String parameter : settings.jdbcUrl().substring(query + 1).split("&")) {
                int eq = parameter.indexOf('=');
                if (eq > 0 && UrlMasker.isSecretName(parameter.substring(0, eq))) {
                    scrubbed = hide(scrubbed, parameter.substring(eq + 1));
                }
            }
        }
        return scrubbed;
    }

    private static String hide(String message, String secret) {
        return secret == null || secret.isEmpty() ? message : message.replace(secret, UrlMasker.MASK);
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
