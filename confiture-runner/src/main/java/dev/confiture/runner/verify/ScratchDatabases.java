package dev.confiture.runner.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.db.Connections;
import dev.confiture.runner.embedded.EmbeddedPostgresServer;

/**
 * Where {@link SchemaVerifier} gets its throwaway databases: the embedded scratch server (default)
 * or a server the user names with {@code confiture.shadowUrl}. Each database is created empty with
 * a unique name and dropped by the verifier when it is done, also when a check failed.
 */
public interface ScratchDatabases {

    /** A new empty database. */
    DatabaseSettings create();

    /** Drops a database made by {@link #create()}. */
    void drop(DatabaseSettings database);

    /** Where the databases live, for the report (never with a password). */
    String describe();

    /** Scratch databases on the embedded PostgreSQL the plugin runs itself (one per JVM, started on first use). */
    static ScratchDatabases embedded() {
        return new ScratchDatabases() {
            @Override
            public DatabaseSettings create() {
                return EmbeddedPostgresServer.scratch().newScratchDatabase();
            }

            @Override
            public void drop(DatabaseSettings database) {
                EmbeddedPostgresServer.scratch().dropDatabase(databaseName(database));
            }

            @Override
            public String describe() {
                return "embedded PostgreSQL on port " + EmbeddedPostgresServer.scratch().port();
            }
        };
    }

    /**
     * Scratch databases on the server behind {@code admin} ({@code confiture.shadowUrl}), whose user
     * may create databases. Each is named {@code confiture_verify_<random>}; only such names are dropped.
     */
    static ScratchDatabases on(DatabaseSettings admin) {
        return new ScratchDatabases() {
            private static final String PREFIX = "confiture_verify_";

            @Override
            public DatabaseSettings create() {
                String name = PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                execute(admin, "CREATE DATABASE " + name);
                return admin.withDatabase(name);
            }

            @Override
            public void drop(DatabaseSettings database) {
                String name = databaseName(database);
                if (!name.startsWith(PREFIX)) {
                    throw new IllegalArgumentException("Refusing to drop a database the verifier did not create: " + name);
                }
                execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }

            @Override
            public String describe() {
                return admin.describe();
            }
        };
    }

    private static void execute(DatabaseSettings admin, String sql) {
        try (Connection c = Connections.open(admin); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new ConfitureException("SHADOW_DATABASE_FAILED", "Could not run '" + sql + "' on the shadow server "
                    + admin.describe() + ": " + e.getMessage()
                    + ". The user of confiture.shadowUrl must be allowed to create databases (CREATEDB).", e);
        }
    }

    /** The database part of {@code jdbc:postgresql://host:port/<db>?...}. */
    static String databaseName(DatabaseSettings database) {
        String url = database.jdbcUrl();
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        return url.substring(slash + 1, query < 0 ? url.length() : query);
    }
}
