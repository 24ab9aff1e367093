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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
    /** A project server keeps spare databases; the scratch server dies with its JVM, and its creates cost little (fsync off). */
    private final boolean keepsSpares;
    private final AtomicBoolean described = new AtomicBoolean();
    private final AtomicBoolean replenishing = new AtomicBoolean();

    /** How many empty databases a project server keeps ready to become scratch databases ({@link #newScratchDatabase}). */
    static final int SPARES = 2;
    /** Their names' prefix: {@code confiture_spare_<random>}. */
    static final String SPARE_PREFIX = "confiture_spare_";

    private EmbeddedPostgresServer(Path dataDir, int port, String version, Path log, boolean started, boolean keepsSpares) {
        this.dataDir = dataDir;
        this.port = port;
        this.version = version;
        this.log = log;
        this.started = started;
        this.keepsSpares = keepsSpares;
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
        try (Connection c = adminConnection(); Statement st = c.createStatement();
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
        try (Connection c = adminConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    try (Statement st = c.createStatement()) {
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
     * otherwise wait for a flush.
     *
     * <p>On a project server it is a spare made ahead and renamed ({@link #SPARES}): with fsync on, a
     * {@code CREATE DATABASE} costs 0.1 to 0.3 s, most of a small diff's own time, where a rename
     * costs a catalog update. Spares are made again when a scratch database is dropped ({@link
     * #dropDatabase}), at the end of the work that needed it, on a thread of their own: made during the
     * work, they would compete with it for the cores and the checkpoints that drops wait for.
     */
    public DatabaseSettings newScratchDatabase() {
        String name = "scratch_" + uniqueSuffix();
        try (Connection c = adminConnection(); Statement st = c.createStatement()) {
            if (!keepsSpares || !claimSpare(st, name)) {
                st.execute("CREATE DATABASE " + Identifiers.quote(name));
            }
            st.execute(ScratchSettings.alterDatabase(name));
        } catch (SQLException e) {
            throw new ConfitureException("EMBEDDED_DATABASE_FAILED",
                    "Could not create database " + name + " on the embedded PostgreSQL: " + e.getMessage(), e);
        }
        return settings(name);
    }

    /** 16 random hexadecimal digits: a database name no other build picks. */
    private static String uniqueSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /**
     * Renames a spare to {@code name}; false when there is none left. Another build may claim the
     * same spare at the same moment: only one rename succeeds, and the other tries the next.
     */
    private static boolean claimSpare(Statement st, String name) throws SQLException {
        for (String spare : spares(st)) {
            try {
                st.execute("ALTER DATABASE " + Identifiers.quote(spare) + " RENAME TO " + Identifiers.quote(name));
                return true;
            } catch (SQLException taken) {
                // renamed by another build first (3D000), or it is connected to it (55006): the next one
            }
        }
        return false;
    }

    /** The spares there are, valid ones only (an interrupted DROP DATABASE leaves datconnlimit -2). */
    private static List<String> spares(Statement st) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '"
                + SPARE_PREFIX.replace("_", "\\_") + "%' AND datconnlimit <> -2 ORDER BY datname")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * Makes spares up to {@link #SPARES} (counted on {@code admin}, the connection that just dropped a
     * scratch database), each on a daemon thread of its own so that all are sent at once, one round of
     * them at a time per JVM. A build that ends before a {@code CREATE DATABASE}
     * returns leaves it to the server, which completes it without its client (or rolls it back when
     * stopped); nothing here is needed for the build's own result.
     */
    private void makeSpares(Statement admin) {
        if (!replenishing.compareAndSet(false, true)) {
            return;
        }
        int missing;
        try {
            missing = SPARES - spares(admin).size();
        } catch (SQLException | RuntimeException e) {
            // a courtesy: the next scratch database is then made by CREATE DATABASE, as without spares
            missing = 0;
        }
        if (missing <= 0) {
            replenishing.set(false);
            return;
        }
        AtomicInteger running = new AtomicInteger(missing);
        for (int i = 0; i < missing; i++) {
            Thread maker = new Thread(() -> {
                try (Connection c = adminConnection(); Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + Identifiers.quote(SPARE_PREFIX + uniqueSuffix()));
                } catch (SQLException | RuntimeException e) {
                    // as above
                } finally {
                    if (running.decrementAndGet() == 0) {
                        replenishing.set(false);
                    }
                }
            }, "confiture-spare-database");
            maker.setDaemon(true);
            maker.start();
        }
    }

    /**
     * Drops a database of this server (e.g. a scratch one that is no longer needed); on a project
     * server, a scratch database's drop then tops its spares up ({@link #newScratchDatabase}).
     */
    public void dropDatabase(String name) {
        try (Connection c = adminConnection(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
            if (keepsSpares && name.startsWith("scratch_")) {
                makeSpares(st);
            }
        } catch (SQLException e) {
            throw new ConfitureException("EMBEDDED_DATABASE_FAILED",
                    "Could not drop database " + name + " on the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public DatabaseSettings settings(String database) {
        return new DatabaseSettings("jdbc:postgresql://localhost:" + port + "/" + database, "postgres", null);
    }

    private Connection adminConnection() throws SQLException {
        return Connections.connect(settings("postgres"));
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
