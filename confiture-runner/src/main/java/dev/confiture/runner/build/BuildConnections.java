package dev.confiture.runner.build;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;

/** Opens the connections of a build, with errors that say what to do and never show the password. */
final class BuildConnections {


    private BuildConnections() {
    }

    static Connection open(DatabaseSettings settings) {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        props.setProperty("ApplicationName", dev.confiture.runner.db.Connections.applicationName());
        try {
            return DriverManager.getConnection(settings.jdbcUrl(), props);
        } catch (SQLException e) {
            throw connectFailure(settings, e);
        }
    }

    static ConfitureException connectFailure(DatabaseSettings settings, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = scrub(e.getMessage(), settings);
        String hint;
        String code;
        if ("3D000".equals(state)) {
            code = "BUILD_DATABASE_MISSING";
            hint = "Create it, or run the build with -Dconfiture.recreate=true to have it created.";
        } else if (state.startsWith("28")) {
            code = "DATABASE_AUTHENTICATION_FAILED";
            hint = "Check the user and password (confiture.user / confiture.password, the environment's database"
                    + " settings, or the <server> of confiture.serverId in settings.xml).";
        } else {
            code = "DATABASE_CONNECT_FAILED";
            hint = "Check that PostgreSQL is running and reachable at that address.";
        }
        return new ConfitureException(code, "Could not connect to " + settings.describe() + ": " + message + ". " + hint,
                null, 0, false, null);
    }

    /** Removes the password from a driver or server message, in case it was echoed back. */
    static String scrub(String message, DatabaseSettings settings) {
        if (message == null) {
            return "";
        }
        String password = settings.password();
        return password == null || password.isEmpty() ? message : message.replace(password, "***");
    }
}
