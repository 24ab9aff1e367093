package dev.confiture.runner.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.confiture.jdbc.Connections;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.schema.Identifiers;

/**
 * A PostgreSQL that the plugin runs itself (zonky's binaries of the major version the environment
 * asks for, {@link EmbeddedVersions}, run with {@code pg_ctl}): for
 * environments that say {@code database: { embedded: true }} (data kept in a fixed folder under
 * {@code target/confiture/}, shared by every build on the project and kept running between them, see
 * {@link SharedServer}), and as the scratch server of shadow diffs and {@code verify}.
 *
 * <p>One server per Maven invocation: a project server this JVM uses also hosts its scratch
 * databases; only a build whose database is elsewhere starts a throwaway scratch server (data in a
 * temporary folder, fsync off, stopped and deleted when the JVM exits). Both start from a copy of
 * the cached {@link ClusterTemplate} instead of running {@code initdb}. Their output goes to a log
 * file ({@code target/confiture/postgres.log} for a project); the console gets one line from the
 * caller ({@link #describe(Path)}).
 */
public final class EmbeddedPostgresServer {

    private static final Map<Path, EmbeddedPostgresServer> PROJECT = new ConcurrentHashMap<>();
    private static final Map<String, EmbeddedPostgresServer> SCRATCH = new ConcurrentHashMap<>();
    private static volatile String scratchVersion;

    private final Path dataDir;
    private final int port;
    private final String version;
    private final Path log;
    private final boolean started;
    /** A project server's spare databases; null on the scratch server, which dies with its JVM and whose creates cost little (fsync off). */
    private final SpareDatabases spares;
    private final AtomicBoolean described = new AtomicBoolean();
    private final AdminSessions admin = new AdminSessions(this::newAdminConnection);

    private EmbeddedPostgresServer(Path dataDir, int port, String version, Path log, boolean started, boolean keepsSpares) {
        this.dataDir = dataDir;
        this.port = port;
        this.version = version;
        this.log = log;
        this.started = started;
        this.spares = keepsSpares ? new SpareDatabases(this::newBackgroundConnection) : null;
    }

    /**
     * The project's server whose data lives in {@code dataDir}: the one this JVM already uses, the one
     * another build left running, or a new one. It keeps running {@code idleMinutes} after the last
     * build used it (0: stopped when the last JVM using it exits). {@code progress} hears about waits
     * for another build. fsync stays on: this is data the user keeps.
     */
    public static EmbeddedPostgresServer project(Path dataDir, int idleMinutes, Consumer<String> progress) {
        return project(dataDir, idleMinutes, true, progress);
    }

    /**
     * As {@link #project(Path, int, Consumer)}, with fsync off when {@code fsync} is false (the user
     * asked for speed over surviving a power cut). It applies when the server starts: a server found
     * running keeps what it started with, and {@code progress} says so when that differs.
     */
    public static EmbeddedPostgresServer project(Path dataDir, int idleMinutes, boolean fsync,
            Consumer<String> progress) {
        return project(dataDir, EmbeddedVersions.defaultVersion(), idleMinutes, fsync, progress);
    }

    /**
     * As {@link #project(Path, int, boolean, Consumer)}, running the binaries of {@code version} (a full
     * version, e.g. {@code 15.13.0}; see {@link EmbeddedVersions}). A data folder holds one major
     * version's data: give each major its own folder ({@link #dataFolderName(String)}).
     */
    public static EmbeddedPostgresServer project(Path dataDir, String version, int idleMinutes, boolean fsync,
            Consumer<String> progress) {
        if (idleMinutes < 0) {
            throw new ConfitureException("EMBEDDED_BAD_IDLE", "confiture.embeddedIdleMinutes=" + idleMinutes
                    + ": give 0 (stop when the build ends) or a number of minutes.");
        }
        Path key = dataDir.toAbsolutePath().normalize();
        return PROJECT.computeIfAbsent(key, k -> attach(k, version, idleMinutes, fsync, progress));
    }

    /**
     * The name of a project's data folder for a version: {@code postgres} for the default major version,
     * {@code postgres-<major>} for the others, so that switching majors never opens one major's data
     * with another's programs, and switching back finds the data again.
     */
    public static String dataFolderName(String version) {
        int major = EmbeddedVersions.majorOf(version);
        return major == EmbeddedVersions.majorOf(EmbeddedVersions.defaultVersion()) ? "postgres" : "postgres-" + major;
    }

    private static EmbeddedPostgresServer attach(Path dataDir, String version, int idleMinutes, boolean fsync,
            Consumer<String> progress) {
        PostgresBinaries binaries = PostgresBinaries.forVersion(version);
        SharedServer shared = new SharedServer(dataDir);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("timezone", "UTC");
        settings.put("max_connections", "300");
        if (!fsync) {
            settings.put("fsync", "off");
        }
        SharedServer.Attached attached = shared.attach(binaries, settings, idleMinutes, progress);
        boolean stopIfLast = idleMinutes == 0 || PostgresBinaries.isWindows();
        // Only a JVM that may stop the server needs the command (made now: the shutdown hook cannot load
        // classes); making it runs `unshare -U true` once, a process spawn every build would pay for nothing.
        List<String> stop = stopIfLast ? PostgresProcess.stopCommand(binaries, dataDir) : List.of();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.detach(stopIfLast, stop),
                "confiture-embedded-postgres-detach"));
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, attached.port(), binaries.version(),
                shared.log(), attached.started(), true);
        if (!attached.started() && server.fsync() != fsync) {
            progress.accept("The embedded PostgreSQL in " + dataDir + " was already running with fsync "
                    + (fsync ? "off" : "on") + "; confiture.embeddedFsync=" + fsync + " applies when it next starts"
                    + " (after confiture.embeddedIdleMinutes without a build).");
        }
        return server;
    }

    /**
     * The version later {@link #scratch()} calls run when no project server of this JVM hosts them
     * (the build's {@code postgres_version}); null: the default.
     */
    public static void useScratchVersion(String version) {
        scratchVersion = version;
    }

    /**
     * Where scratch databases go: the project server this JVM already uses, else a throwaway server
     * shared by everything in this JVM, of the version {@link #useScratchVersion(String)} set.
     */
    public static EmbeddedPostgresServer scratch() {
        String version = scratchVersion;
        return scratch(version == null ? EmbeddedVersions.defaultVersion() : version);
    }

    /**
     * Where scratch databases of one major version go: the project server of that major this JVM
     * already uses, else a throwaway server of {@code version} shared by everything in this JVM.
     */
    public static synchronized EmbeddedPostgresServer scratch(String version) {
        int major = EmbeddedVersions.majorOf(version);
        for (EmbeddedPostgresServer server : PROJECT.values()) {
            // One stopped under this JVM (its folder deleted, a stop by hand) hosts nothing.
            if (server.major() == major && Files.exists(server.dataDir.resolve("postmaster.pid"))) {
                return server;
            }
        }
        return SCRATCH.computeIfAbsent(version, EmbeddedPostgresServer::startScratch);
    }

    private static EmbeddedPostgresServer startScratch(String version) {
        PostgresBinaries binaries = PostgresBinaries.forVersion(version);
        Path folder;
        try {
            folder = Files.createTempDirectory("confiture-scratch-pg");
        } catch (IOException e) {
            throw new ConfitureException("EMBEDDED_START_FAILED",
                    "Could not create a temporary folder for the scratch PostgreSQL: " + e.getMessage(), e);
        }
        Path dataDir = folder.resolve("data");
        Path log = folder.resolve("postgres.log");
        ClusterTemplate.copyTo(binaries, dataDir);
        // Thrown away at exit: durability buys nothing here.
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("timezone", "UTC");
        settings.put("max_connections", "300");
        settings.put("fsync", "off");
        settings.put("synchronous_commit", "off");
        settings.put("full_page_writes", "off");
        int port = PostgresProcess.start(binaries, dataDir, log, settings);
        List<String> stop = PostgresProcess.stopCommand(binaries, dataDir);
        java.io.File root = folder.toFile();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                PostgresProcess.run(stop, log);
            } catch (IOException ignored) {
                // the JVM is exiting; the folder is deleted below all the same
            }
            delete(root);
        }, "confiture-scratch-postgres-stop"));
        return new EmbeddedPostgresServer(dataDir, port, binaries.version(), log, true, false);
    }

    public int port() {
        return port;
    }

    /** The PostgreSQL version, e.g. {@code 17.11}. */
    public String version() {
        return version;
    }

    /** The PostgreSQL major version, e.g. 17. */
    public int major() {
        return EmbeddedVersions.majorOf(version);
    }

    /** The file the server writes its output to. */
    public Path log() {
        return log;
    }

    /** Whether the server runs with fsync on ({@code SHOW fsync}). */
    public boolean fsync() {
        try (AdminSessions.Session c = admin.open(); Statement st = c.connection().createStatement();
             ResultSet rs = st.executeQuery("SHOW fsync")) {
            return rs.next() && "on".equals(rs.getString(1));
        } catch (SQLException e) {
            throw new ConfitureException("EMBEDDED_DATABASE_FAILED",
                    "Could not read fsync from the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** True when this JVM started the server; false when it found it running. */
    public boolean startedHere() {
        return started;
    }

    /**
     * The one console line about this server, e.g. {@code Embedded PostgreSQL 17.11 on port 54321
     * (data: target/confiture/postgres)}, the data folder relative to {@code base}; empty after the
     * first call in this JVM, so that a Maven run with several goals says it once.
     */
    public java.util.Optional<String> describe(Path base) {
        if (described.getAndSet(true)) {
            return java.util.Optional.empty();
        }
        Path shown = dataDir.startsWith(base.toAbsolutePath().normalize())
                ? base.toAbsolutePath().normalize().relativize(dataDir) : dataDir;
        return java.util.Optional.of("Embedded PostgreSQL " + version + " on port " + port + " (data: " + shown
                + (started ? "" : ", already running") + ")");
    }

    /** How to reach a database of this server from a terminal and from a program. */
    public ConnectionHints hints(String database) {
        return new ConnectionHints("psql -h localhost -p " + port + " -U postgres " + database,
                "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres");
    }

    /** A {@code psql} command line and a JDBC URL for one database. */
    public record ConnectionHints(String psql, String jdbcUrl) {
    }

    /** Settings for a database on this server, creating the database first if it does not exist. */
    public DatabaseSettings database(String name) {
        try (AdminSessions.Session session = admin.open();
             PreparedStatement ps = session.connection().prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    try (Statement st = session.connection().createStatement()) {
                        st.execute("CREATE DATABASE " + Identifiers.quote(name));
                    }
                }
            }
        } catch (SQLException e) {
            // Two builds at once may both find it missing: the loser sees duplicate_database, or a unique
            // violation on pg_database when both inserts race.
            if ("42P04".equals(e.getSQLState()) || "23505".equals(e.getSQLState())) {
                return settings(name);
            }
            throw new ConfitureException("EMBEDDED_DATABASE_FAILED",
                    "Could not create database " + name + " on the embedded PostgreSQL: " + e.getMessage(), e);
        }
        return settings(name);
    }

    /**
     * A new, empty database with a unique name (no need to ask whether it exists), whose sessions
     * commit without waiting for the WAL to reach the disk: it is thrown away after use, and on a
     * project server that keeps fsync on, each migration a verify replays or rolls back would
     * otherwise wait for a flush. On a project server it is a spare made ahead and renamed
     * ({@link SpareDatabases}).
     */
    public DatabaseSettings newScratchDatabase() {
        String name = "scratch_" + SpareDatabases.uniqueSuffix();
        try (AdminSessions.Session c = admin.open(); Statement st = c.connection().createStatement()) {
            if (spares == null || !spares.claim(st, name)) {
                st.execute("CREATE DATABASE " + Identifiers.quote(name));
            }
            st.execute(ScratchSettings.alterDatabase(name));
        } catch (SQLException e) {
            throw new ConfitureException("EMBEDDED_DATABASE_FAILED",
                    "Could not create database " + name + " on the embedded PostgreSQL: " + e.getMessage(), e);
        }
        return settings(name);
    }

    /**
     * Drops a database of this server (e.g. a scratch one that is no longer needed); on a project
     * server, a scratch database's drop then tops its spares up ({@link SpareDatabases#replenish}).
     */
    public void dropDatabase(String name) {
        try (AdminSessions.Session c = admin.open(); Statement st = c.connection().createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
            if (spares != null && name.startsWith("scratch_")) {
                spares.replenish(st);
            }
        } catch (SQLException e) {
            throw new ConfitureException("EMBEDDED_DATABASE_FAILED",
                    "Could not drop database " + name + " on the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public DatabaseSettings settings(String database) {
        return new DatabaseSettings("jdbc:postgresql://localhost:" + port + "/" + database, "postgres", null);
    }

    private Connection newAdminConnection() throws SQLException {
        return Connections.connect(settings("postgres"));
    }

    /** A session for work the build does not wait for, whose socket the JVM's exit closes ({@link BackgroundSockets}). */
    private Connection newBackgroundConnection() throws SQLException {
        return Connections.connect(new DatabaseSettings(settings("postgres").jdbcUrl() + "?" + BackgroundSockets.urlParameter(),
                "postgres", null));
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
        try (AdminSessions.Session c = admin.open(); Statement st = c.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY 1")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new ConfitureException("EMBEDDED_DATABASE_FAILED", "Could not list databases: " + e.getMessage(), e);
        }
    }
}
