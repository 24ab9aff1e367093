package dev.confiture.runner.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import dev.confiture.jdbc.Connections;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.ConfitureException;

/**
 * Starting, finding and stopping one PostgreSQL server with {@code pg_ctl}. Everything the server
 * and {@code pg_ctl} print goes to a log file, never to the console; a failure names that file.
 */
final class PostgresProcess {

    private PostgresProcess() {
    }

    /** Starts the cluster in {@code dataDir} on a free port and waits until it accepts connections; returns the port. */
    static int start(PostgresBinaries binaries, Path dataDir, Path log, Map<String, String> settings) {
        int port = freePort();
        StringBuilder options = new StringBuilder("-p " + port);
        settings.forEach((k, v) -> options.append(" -c ").append(k).append('=').append(v));
        List<String> command = new ArrayList<>(PostgresUser.prefix());
        command.addAll(List.of(binaries.program("pg_ctl"), "-D", dataDir.toString(), "-l", log.toString(),
                "-o", options.toString(), "-w", "-t", "60", "start"));
        try {
            Files.createDirectories(log.getParent());
            if (run(command, log) != 0) {
                throw failure(dataDir, log, "pg_ctl start failed", null);
            }
        } catch (IOException e) {
            throw failure(dataDir, log, e.getMessage(), e);
        }
        return port;
    }

    /**
     * The port of the server running on {@code dataDir}, if one is: {@code postmaster.pid} names a live
     * process, and the server on its port answers and serves this very folder (a stale file after a
     * crash or reboot, or a reused process id, does not count).
     */
    static OptionalInt runningPort(Path dataDir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        if (lines.size() < 4) {
            return OptionalInt.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && serves(port, dataDir)) {
                return OptionalInt.of(port);
            }
        } catch (NumberFormatException e) {
            // a half-written file: the server is starting or stopping; treat it as not running
        }
        return OptionalInt.empty();
    }

    private static boolean serves(int port, Path dataDir) {
        DatabaseSettings admin = new DatabaseSettings("jdbc:postgresql://localhost:" + port + "/postgres?connectTimeout=5",
                "postgres", null);
        try (Connection c = Connections.connect(admin);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW data_directory")) {
            return rs.next() && Path.of(rs.getString(1)).toRealPath().equals(dataDir.toRealPath());
        } catch (SQLException | IOException e) {
            return false;
        }
    }

    /** The {@code pg_ctl stop} command line (fast mode: open sessions are ended), built ahead for shutdown hooks. */
    static List<String> stopCommand(PostgresBinaries binaries, Path dataDir) {
        List<String> command = new ArrayList<>(PostgresUser.prefix());
        command.addAll(List.of(binaries.program("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30",
                "stop"));
        return command;
    }

    /** Runs a command with its output appended to {@code log}; the exit code. JDK classes only: shutdown hooks call it. */
    static int run(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ConfitureException("EMBEDDED_START_FAILED", "Could not find a free port: " + e.getMessage(), e);
        }
    }

    private static ConfitureException failure(Path dataDir, Path log, String what, Exception cause) {
        return new ConfitureException("EMBEDDED_START_FAILED", "Could not start the embedded PostgreSQL on " + dataDir
                + ": " + what + ". Its log is " + log + ".", cause);
    }
}
