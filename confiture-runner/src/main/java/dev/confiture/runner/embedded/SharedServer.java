package dev.confiture.runner.embedded;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.confiture.model.ConfitureException;

/**
 * A project's embedded PostgreSQL, shared by every build on the project and kept running between
 * them. Next to the data folder {@code <dir>/<name>} live:
 * <ul>
 * <li>{@code <name>.lock}: held while a build checks, starts or stops the server, so that two builds
 * at once share one server (the second waits, with a message) instead of failing;</li>
 * <li>{@code <name>.users/<pid>}: one file per JVM using the server; a server with a live user is never
 * stopped;</li>
 * <li>{@code <name>.stopping/}: made (atomically) by whoever stops the server, after which it checks
 * the users again, while a build registers itself before checking for it;</li>
 * <li>{@code <name>.log}: everything the server prints.</li>
 * </ul>
 * With an idle timeout, a small {@code sh} watchdog ({@code idle-stop.sh}) stops the server once no
 * build has used it for that many minutes; without one (0, or Windows), the last JVM using it stops
 * it when it exits. PostgreSQL itself shuts down within a minute when its {@code postmaster.pid}
 * disappears, so {@code mvn clean} also stops it.
 */
final class SharedServer {

    /** Attaching to a server: its port, and whether this JVM started it. */
    record Attached(int port, boolean started) {
    }

    private final Path dataDir;
    private final Path lockFile;
    private final Path usersDir;
    private final Path stoppingDir;
    private final Path log;
    private final Path userFile;
    private final Duration firstWait;
    private final Duration patience;

    SharedServer(Path dataDir) {
        this(dataDir, PostgresProcess.FIRST_WAIT, PostgresProcess.PATIENCE);
    }

    /** With other waits for a server that does not answer (tests). */
    SharedServer(Path dataDir, Duration firstWait, Duration patience) {
        this.firstWait = firstWait;
        this.patience = patience;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        Path parent = this.dataDir.getParent();
        String name = this.dataDir.getFileName().toString();
        this.lockFile = parent.resolve(name + ".lock");
        this.usersDir = parent.resolve(name + ".users");
        this.stoppingDir = parent.resolve(name + ".stopping");
        this.log = parent.resolve(name + ".log");
        this.userFile = usersDir.resolve(Long.toString(ProcessHandle.current().pid()));
    }

    Path log() {
        return log;
    }

    /**
     * Registers this JVM as a user of the server and returns its port, starting it (from the
     * template when the data folder is new) if it is not running.
     */
    Attached attach(PostgresBinaries binaries, Map<String, String> settings, int idleMinutes, Consumer<String> progress) {
        try {
            Files.createDirectories(usersDir);
            Files.writeString(userFile, "confiture\n", StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    progress.accept("Waiting for another build starting or stopping the embedded PostgreSQL in "
                            + dataDir + " ...");
                    lock = channel.lock();
                }
                try {
                    waitWhileStopping();
                    PostgresProcess.Found found = PostgresProcess.find(dataDir, firstWait, patience, progress);
                    switch (found.state()) {
                        case RUNNING:
                            return new Attached(found.port(), false);
                        case NOT_ANSWERING:
                            throw notAnswering(found);
                        case STALE_PID_FILE:
                            setAside(found, progress);
                            break;
                        case NOT_RUNNING:
                            break;
                    }
                    prepareDataFolder(binaries);
                    int port = PostgresProcess.start(binaries, dataDir, log, settings);
                    if (idleMinutes > 0 && !PostgresBinaries.isWindows()) {
                        startWatchdog(idleMinutes);
                    }
                    return new Attached(port, true);
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new ConfitureException("EMBEDDED_START_FAILED", "Could not use the embedded PostgreSQL in " + dataDir
                    + ": " + e.getMessage() + ". Its log is " + log + ".", e);
        }
    }

    /**
     * A server of this folder that is alive and silent is never started over (a second server on the
     * same files would corrupt them, and PostgreSQL refuses it anyway): the build stops, naming it.
     */
    private ConfitureException notAnswering(PostgresProcess.Found found) {
        return new ConfitureException("EMBEDDED_NOT_ANSWERING", "The embedded PostgreSQL in " + dataDir + " is running"
                + " (process " + found.pid() + ", port " + found.port() + ") but does not answer: " + found.detail()
                + ". It may be frozen (kill -STOP, a debugger, a suspended container) or the machine overloaded."
                + " Resume it (kill -CONT " + found.pid() + ") or stop it (kill -INT " + found.pid()
                + ", PostgreSQL's fast shutdown; kill -9 if it stays), then run again: the next goal starts it anew."
                + " Its log is " + log + ".");
    }

    /**
     * Removes a {@code postmaster.pid} whose process number now belongs to another program (the server
     * died without removing it, and the number was reused, as after a reboot): PostgreSQL would refuse
     * to start while that process lives. Only ever for a program that is no PostgreSQL.
     */
    private void setAside(PostgresProcess.Found found, Consumer<String> progress) throws IOException {
        Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
        progress.accept("Removed " + dataDir.resolve("postmaster.pid") + ", left by a server that did not shut down:"
                + " its process number " + found.pid() + " now belongs to " + found.detail() + ", not PostgreSQL");
    }

    private void prepareDataFolder(PostgresBinaries binaries) throws IOException {
        if (Files.isDirectory(dataDir) && !Files.exists(dataDir.resolve("PG_VERSION"))) {
            try (var entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new ConfitureException("EMBEDDED_NOT_A_CLUSTER", dataDir + " is not empty and holds no"
                            + " PostgreSQL data (no PG_VERSION file). Move it away or delete it; the embedded"
                            + " PostgreSQL then creates a new one there.");
                }
            }
            Files.delete(dataDir);
        }
        if (!Files.exists(dataDir)) {
            ClusterTemplate.copyTo(binaries, dataDir);
        }
        int major = ClusterTemplate.majorOf(dataDir);
        if (major != binaries.major()) {
            throw new ConfitureException("EMBEDDED_VERSION_MISMATCH", dataDir + " was created by PostgreSQL " + major
                    + ", and the plugin runs PostgreSQL " + binaries.version() + ", which cannot open it. Keep what"
                    + " you need (pg_dump with the older version), then delete the folder (mvn clean) to start afresh.");
        }
    }

    private void waitWhileStopping() throws IOException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Files.isDirectory(stoppingDir)) {
            if (System.nanoTime() > deadline) {
                // A stopper that died half-way (kill -9) leaves the folder behind; the server state is checked next.
                Files.deleteIfExists(stoppingDir);
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the embedded PostgreSQL was stopping", e);
            }
        }
    }

    private void startWatchdog(int idleMinutes) throws IOException {
        String script;
        try (InputStream in = SharedServer.class.getResourceAsStream("idle-stop.sh")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        new ProcessBuilder("sh", "-c", script, "confiture-idle-stop", dataDir.toString(), usersDir.toString(),
                stoppingDir.toString(), Integer.toString(idleMinutes))
                // as daemons do: its paths are absolute, and a working folder in the project would keep
                // the project's file system busy (an unmount) for as long as it waits
                .directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /**
     * Ends this JVM's use of the server; with {@code stopIfLast}, stops the server when no other live
     * JVM uses it. Runs in a shutdown hook, when the plugin's class realm may be closed: JDK classes
     * and this already loaded class only, the stop command built beforehand.
     */
    void detach(boolean stopIfLast, List<String> stopCommand) {
        new File(userFile.toString()).delete();
        if (!stopIfLast || !new File(stoppingDir.toString()).mkdir()) {
            return;
        }
        try {
            if (!anyLiveUser()) {
                PostgresProcess.run(stopCommand, log);
            }
        } catch (IOException ignored) {
            // the JVM is exiting; the server stops by itself when its data folder goes (mvn clean)
        } finally {
            new File(stoppingDir.toString()).delete();
        }
    }

    private boolean anyLiveUser() {
        String[] names = new File(usersDir.toString()).list();
        if (names == null) {
            return false;
        }
        boolean live = false;
        for (String name : names) {
            long pid;
            try {
                pid = Long.parseLong(name);
            } catch (NumberFormatException e) {
                continue;
            }
            java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isPresent() && process.get().isAlive()) {
                live = true;
            } else {
                new File(usersDir.toFile(), name).delete();
            }
        }
        return live;
    }
}
