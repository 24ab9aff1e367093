package dev.confiture.runner.build;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.jdbc.Connections;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;

/**
 * Drops and recreates the database of an environment ({@code confiture.recreate=true}), from the
 * server's {@code postgres} maintenance database. Other sessions on the database are never ended
 * behind the user's back: the build fails naming them (pid, user, application, client, since when).
 * The new database keeps the old one's owner, encoding and locale.
 */
final class DatabaseRecreator {

    static final List<String> MAINTENANCE_DATABASES = List.of("postgres", "template1");

    /** Another session connected to the database about to be dropped. */
    record Session(int pid, String user, String application, String client, String since, String state) {
        String describe() {
            return "pid " + pid + " (user " + user
                    + (application == null || application.isEmpty() ? "" : ", application '" + application + "'")
                    + (client == null ? ", local socket" : ", client " + client)
                    + ", connected since " + since + ", " + state + ")";
        }
    }

    private DatabaseRecreator() {
    }

    /** The database name of a JDBC URL: the path after host[:port]/ up to any '?'. */
    static String databaseName(DatabaseSettings settings) {
        String url = settings.jdbcUrl();
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        if (slash < 0) {
            return null;
        }
        int query = url.indexOf('?', slash);
        String name = query < 0 ? url.substring(slash + 1) : url.substring(slash + 1, query);
        return java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Drops (if it exists) and creates the database; returns true when it existed before. */
    static boolean recreate(DatabaseSettings settings) {
        String name = databaseName(settings);
        if (name == null || name.isEmpty()) {
            throw new ConfitureException("BUILD_RECREATE_REFUSED", "The database URL " + settings.describe()
                    + " names no database, so there is nothing to recreate.");
        }
        if (MAINTENANCE_DATABASES.contains(name) || name.startsWith("template")) {
            throw new ConfitureException("BUILD_RECREATE_REFUSED", "Refusing to drop the database '" + name
                    + "': it is a maintenance or template database. Point the environment at a database of its own.",
                    null, 0, true, null);
        }
        try (Connection admin = openMaintenance(settings)) {
            admin.setAutoCommit(true);
            String createOptions = createOptions(admin, name);
            boolean existed = createOptions != null;
            if (existed) {
                failOnOtherSessions(admin, name, settings);
                try (Statement st = admin.createStatement()) {
                    st.execute("DROP DATABASE " + quote(name));
                } catch (SQLException e) {
                    if ("55006".equals(e.getSQLState())) { // object_in_use: someone connected since we looked
                        failOnOtherSessions(admin, name, settings);
                    }
                    throw failure("drop", name, settings, e);
                }
            }
            try (Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE " + quote(name) + (existed ? createOptions : ""));
            } catch (SQLException e) {
                throw failure("create", name, settings, e);
            }
            return existed;
        } catch (SQLException e) {
            throw failure("recreate", name, settings, e);
        }
    }

    private static Connection openMaintenance(DatabaseSettings settings) {
        ConfitureException first = null;
        for (String maintenance : MAINTENANCE_DATABASES) {
            try {
                return Connections.open(settings.withDatabase(maintenance));
            } catch (ConfitureException e) {
                if (!Connections.DATABASE_MISSING.equals(e.code())) {
                    throw new ConfitureException(e.code(), "To recreate the database, confiture connects to the"
                            + " maintenance database '" + maintenance + "' of the same server. " + e.getMessage(),
                            null, 0, false, null);
                }
                first = first == null ? e : first;
            }
        }
        throw new ConfitureException("BUILD_RECREATE_FAILED", "Found neither the 'postgres' nor the 'template1'"
                + " database on the server of " + settings.describe() + ", so the database cannot be recreated: "
                + first.getMessage(), null, 0, false, null);
    }

    /** The WITH clause that recreates the database like it is now, or null when it does not exist. */
    private static String createOptions(Connection admin, String name) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("""
                SELECT r.rolname, pg_encoding_to_char(d.encoding), d.datcollate, d.datctype,
                       to_jsonb(d) ->> 'datlocprovider', coalesce(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale'),
                       r.rolname = current_user
                  FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
                 WHERE d.datname = ?""")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                StringBuilder sql = new StringBuilder(" WITH TEMPLATE template0");
                if (!rs.getBoolean(7)) {
                    sql.append(" OWNER ").append(quote(rs.getString(1)));
                }
                sql.append(" ENCODING ").append(literal(rs.getString(2)));
                String provider = rs.getString(5);
                if ("i".equals(provider)) {
                    sql.append(" LOCALE_PROVIDER icu ICU_LOCALE ").append(literal(rs.getString(6)));
                }
                sql.append(" LC_COLLATE ").append(literal(rs.getString(3)));
                sql.append(" LC_CTYPE ").append(literal(rs.getString(4)));
                return sql.toString();
            }
        }
    }

    /** How long a session seen in the database may take to go before it counts as connected. */
    static final long CLOSING_GRACE_MILLIS = 1_000;

    /**
     * Refuses, naming them, when other sessions are connected to the database. A client that has
     * just disconnected (the previous goal's connection, a tool's) is still listed until its backend
     * has exited, a few milliseconds later, and is no reason to refuse: the sessions are looked up
     * again for up to {@link #CLOSING_GRACE_MILLIS} before refusing (a test's closed connection
     * failed a recreate this way).
     */
    private static void failOnOtherSessions(Connection admin, String name, DatabaseSettings settings) throws SQLException {
        List<Session> sessions = otherSessions(admin, name);
        long deadline = System.nanoTime() + CLOSING_GRACE_MILLIS * 1_000_000;
        while (!sessions.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sessions = otherSessions(admin, name);
        }
        if (sessions.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("Cannot recreate database '").append(name).append("' on ")
                .append(settings.describe())
                .append(": ").append(sessions.size()).append(sessions.size() == 1 ? " other session is" : " other sessions are")
                .append(" connected to it:");
        for (Session s : sessions) {
            message.append("\n  ").append(s.describe());
        }
        message.append("\nClose them (or end them yourself with SELECT pg_terminate_backend(<pid>)) and run the build again;"
                + " confiture does not end other people's sessions.");
        throw new ConfitureException("BUILD_DATABASE_IN_USE", message.toString(), null, 0, true, null);
    }

    private static List<Session> otherSessions(Connection admin, String name) throws SQLException {
        List<Session> sessions = new ArrayList<>();
        try (PreparedStatement ps = admin.prepareStatement("""
                SELECT pid, usename, application_name, host(client_addr),
                       to_char(backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC', coalesce(state, 'unknown')
                  FROM pg_stat_activity
                 WHERE datname = ? AND pid <> pg_backend_pid()
                 ORDER BY backend_start""")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.add(new Session(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return sessions;
    }

    private static ConfitureException failure(String action, String name, DatabaseSettings settings, SQLException e) {
        return new ConfitureException("BUILD_RECREATE_FAILED", "Could not " + action + " database '" + name + "': "
                + Connections.scrub(e.getMessage(), settings), null, 0, false, null);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
