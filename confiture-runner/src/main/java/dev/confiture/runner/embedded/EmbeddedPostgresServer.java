package dev.confiture.runner.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL that the plugin runs itself (zonky embedded binaries): for environments that say
 * {@code database: { embedded: true }} (data kept in a fixed folder under {@code target/confiture/},
 * so state survives between {@code mvn} runs), and as the scratch server of shadow diffs and
 * {@code verify} (data in a temporary folder). One server per data folder per JVM; stopped when
 * the JVM exits.
 */
public final class EmbeddedPostgresServer {

    private static final Map<Path, EmbeddedPostgresServer> PERSISTENT = new ConcurrentHashMap<>();
    private static volatile EmbeddedPostgresServer scratch;

    private final EmbeddedPostgres postgres;
    /** The data folder to delete when the server stops (scratch servers), or null. */
    private final java.io.File deleteOnStop;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, java.io.File deleteOnStop) {
        this.postgres = postgres;
        this.deleteOnStop = deleteOnStop;
    }

    /** The server whose data lives in {@code dataDir}, started (or reused within this JVM) on demand. */
    public static EmbeddedPostgresServer persistent(Path dataDir) {
        Path key = dataDir.toAbsolutePath().normalize();
        return PERSISTENT.computeIfAbsent(key, k -> start(k, false));
    }

    /** A throwaway server for scratch databases, shared by everything in this JVM. */
    public static synchronized EmbeddedPostgresServer scratch() {
        if (scratch == null) {
            try {
                scratch = start(Files.createTempDirectory("confiture-scratch-pg"), true);
            } catch (IOException e) {
                throw new ConfitureException("EMBEDDED_START_FAILED",
                        "Could not create a temporary folder for the scratch PostgreSQL: " + e.getMessage(), e);
            }
        }
        return scratch;
    }

    private static EmbeddedPostgresServer start(Path dataDir, boolean cleanOnClose) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    // We stop the server and delete a scratch folder ourselves: zonky's own hook deletes
                    // it with commons-io, which a Maven plugin's class realm, closed by then, cannot load.
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    // Durable on disk for the persistent dev database; the scratch one may cut corners.
                    .setServerConfig("fsync", cleanOnClose ? "off" : "on")
                    .setServerConfig("synchronous_commit", cleanOnClose ? "off" : "on")
                    .setServerConfig("full_page_writes", cleanOnClose ? "off" : "on")
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, cleanOnClose ? dataDir.toFile() : null);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "confiture-embedded-postgres-stop"));
            return server;
        } catch (IOException | RuntimeException e) {
            throw new ConfitureException("EMBEDDED_START_FAILED", "Could not start the embedded PostgreSQL in "
                    + dataDir + ": " + e.getMessage()
                    + ". If another build is using this folder, wait for it; otherwise delete the folder to start afresh.", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Settings for a database on this server, creating the database first if it does not exist. */
    public DatabaseSettings database(String name) {
        try (Connection c = adminConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    try (Statement st = c.createStatement()) {
                        st.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new ConfitureException("EMBEDDED_DATABASE_FAILED",
                    "Could not create database " + name + " on the embedded PostgreSQL: " + e.getMessage(), e);
        }
        return settings(name);
    }

    /** A new, empty database with a unique name. */
    public DatabaseSettings newScratchDatabase() {
        return database("scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    /** Drops a database of this server (e.g. a scratch one that is no longer needed). */
    public void dropDatabase(String name) {
        try (Connection c = adminConnection(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + name.replace("\"", "\"\"") + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new ConfitureException("EMBEDDED_DATABASE_FAILED",
                    "Could not drop database " + name + " on the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public DatabaseSettings settings(String database) {
        return new DatabaseSettings("jdbc:postgresql://localhost:" + port() + "/" + database, "postgres", null);
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(settings("postgres").jdbcUrl(), "postgres", null);
    }

    private void stop() {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is exiting; nothing more to do
        }
        if (deleteOnStop != null) {
            delete(deleteOnStop);
        }
    }

    /** Plain java.io on purpose: this runs in a shutdown hook, when no new class can be loaded from the plugin. */
    private static void delete(java.io.File file) {
        java.io.File[] children = file.listFiles();
        if (children != null) {
            for (java.io.File child : children) {
                if (!java.nio.file.Files.isSymbolicLink(child.toPath())) {
                    delete(child);
                } else {
                    child.delete();
                }
            }
        }
        file.delete();
    }

    /** The databases on this server other than the templates, for tests and diagnostics. */
    public List<String> databases() {
        try (Connection c = adminConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY 1")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new ConfitureException("EMBEDDED_DATABASE_FAILED", "Could not list databases: " + e.getMessage(), e);
        }
    }
}
