package dev.confiture.runner.shadow;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import dev.confiture.jdbc.Connections;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.embedded.EmbeddedPostgresServer;
import dev.confiture.runner.embedded.ScratchSettings;

/** Where shadow databases come from: the embedded scratch server (default) or a server the user names. */
public interface ScratchDatabases {

    /** A new empty database. */
    DatabaseSettings create();

    /** Drops a database made by {@link #create()}. */
    void drop(DatabaseSettings database);

    /**
     * Drops {@code database} after {@code failure} ended the work in it, before the caller throws that
     * failure: a drop that fails too (the server crashed, or ran out of disk, which is what failed the
     * work) is added to it as suppressed instead of taking its place, so the error a user sees is the
     * cause, not "could not drop".
     */
    static void dropAfter(ScratchDatabases scratch, DatabaseSettings database, Throwable failure) {
        try {
            scratch.drop(database);
        } catch (RuntimeException dropFailure) {
            failure.addSuppressed(dropFailure);
        }
    }

    /** Scratch databases on the embedded PostgreSQL the plugin runs itself. */
    static ScratchDatabases embedded() {
        return new ScratchDatabases() {
            @Override
            public DatabaseSettings create() {
                return EmbeddedPostgresServer.scratch().newScratchDatabase();
            }

            @Override
            public void drop(DatabaseSettings database) {
                EmbeddedPostgresServer.scratch().dropDatabase(databaseName(database.jdbcUrl()));
            }
        };
    }

    /**
     * Scratch databases on the server behind {@code admin} ({@code confiture.shadowUrl}): the user
     * must be allowed to create databases. Each one is named {@code confiture_shadow_<random>} and dropped after use.
     */
    static ScratchDatabases on(DatabaseSettings admin) {
        return new ScratchDatabases() {
            @Override
            public DatabaseSettings create() {
                String name = "confiture_shadow_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                execute(admin, "CREATE DATABASE " + name, ScratchSettings.alterDatabase(name));
                return admin.withDatabase(name);
            }

            @Override
            public void drop(DatabaseSettings database) {
                String name = databaseName(database.jdbcUrl());
                if (!name.startsWith("confiture_shadow_")) {
                    throw new IllegalArgumentException("Refusing to drop a database this tool did not create: " + name);
                }
                execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        };
    }

    /** Runs each statement in turn, each on its own (CREATE and DROP DATABASE refuse a transaction block). */
    private static void execute(DatabaseSettings admin, String... statements) {
        String sql = statements[0];
        try (Connection c = connectToServer(admin); Statement st = c.createStatement()) {
            for (String statement : statements) {
                sql = statement;
                st.execute(statement);
            }
        } catch (SQLException e) {
            throw new ConfitureException("SHADOW_DATABASE_FAILED", "Could not run '" + sql + "' on the shadow server "
                    + admin.describe() + ": " + Connections.scrub(e.getMessage(), admin)
                    + (sql.startsWith("CREATE") ? ". The shadow server's user must be allowed to create databases." : "."), e);
        }
    }

    /**
     * Why scratch databases cannot go on the server behind {@code admin} (it does not answer, or its
     * user may not create databases), or null when they can: asked before a goal chooses that server
     * by default, so that a deployment role without CREATEDB, or a server out of reach, falls back to
     * another server instead of failing.
     */
    public static String whyNotOn(DatabaseSettings admin) {
        try (Connection c = connectToServer(admin); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(
                     "SELECT rolcreatedb OR rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1) ? null : "its user may not create databases (no CREATEDB)";
        } catch (SQLException e) {
            return "it does not answer: " + Connections.scrub(e.getMessage(), admin);
        }
    }

    /**
     * A connection to the server behind {@code admin}: to its database, or, when that database does
     * not exist yet (an environment's database before its first migrate), to {@code postgres}.
     */
    private static Connection connectToServer(DatabaseSettings admin) throws SQLException {
        try {
            return Connections.connect(admin);
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) { // invalid_catalog_name: the database does not exist
                throw e;
            }
            return Connections.connect(admin.withDatabase("postgres"));
        }
    }

    static String databaseName(String jdbcUrl) {
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = jdbcUrl.indexOf('?');
        return jdbcUrl.substring(slash + 1, query < 0 ? jdbcUrl.length() : query);
    }
}
