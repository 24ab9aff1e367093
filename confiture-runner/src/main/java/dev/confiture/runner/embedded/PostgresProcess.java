package dev.confiture.runner.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

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
                throw failure(dataDir, log, "pg_ctl start failed" + heldLockFile(dataDir), null);
            }
        } catch (IOException e) {
            throw failure(dataDir, log, e.getMessage(), e);
        }
        return port;
    }

    /**
     * The port of the server running on {@code dataDir}, if one is: {@code postmaster.pid} names a live
     * process, and the server on its port answers and serves this very folder (a stale file after a
     * crash or reboot, or a reused process id, does not count). Waits at most {@link #PATIENCE}.
     */
    static OptionalInt runningPort(Path dataDir) {
        Found found = find(dataDir, FIRST_WAIT, PATIENCE, message -> { });
        return found.state() == State.RUNNING ? OptionalInt.of(found.port()) : OptionalInt.empty();
    }

    /** How long one attempt to reach a server named by {@code postmaster.pid} may take before the build says it waits. */
    static final Duration FIRST_WAIT = Duration.ofSeconds(5);
    /** How long a build waits, in all, for a live server of its folder that does not answer. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** What a data folder's {@code postmaster.pid} leads to. */
    enum State {
        /** The server of this folder answers on {@link Found#port}. */
        RUNNING,
        /** No file, a half-written one, a process that is gone, or a server of another folder: start one. */
        NOT_RUNNING,
        /**
         * The file names a live process that is no PostgreSQL at all (its number was reused after a crash
         * or a reboot): PostgreSQL would refuse to start until the file goes.
         */
        STALE_PID_FILE,
        /** A PostgreSQL process of the file is alive but did not answer within the patience given. */
        NOT_ANSWERING
    }

    /**
     * The outcome of {@link #find}: the process and port {@code postmaster.pid} names (0 when it names
     * none), and for {@link State#STALE_PID_FILE} the program running under that number, for
     * {@link State#NOT_ANSWERING} how long it was waited for.
     */
    record Found(State state, long pid, int port, String detail) {
    }

    /**
     * Looks at {@code postmaster.pid} and the process it names. A live process whose program is known
     * and is not {@code postgres} makes the file stale; a live PostgreSQL (or a process that may not be
     * looked at) is asked, on the file's port, which folder it serves: an attempt that times out after
     * {@code firstWait} is reported to {@code progress} and retried until {@code patience} has passed,
     * so that a frozen server ({@code kill -STOP}, a debugger) is named instead of waited for forever,
     * and one that is only slow (a loaded machine, crash recovery) is still used.
     */
    static Found find(Path dataDir, Duration firstWait, Duration patience, Consumer<String> progress) {
        Optional<PidFile> file = PidFile.read(dataDir);
        if (file.isEmpty() || file.get().port() <= 0) {
            // none, or a half-written one: the server is starting or stopping; treat it as not running
            return new Found(State.NOT_RUNNING, 0, 0, null);
        }
        long pid = file.get().pid();
        int port = file.get().port();
        Optional<ProcessHandle> process = file.get().liveProcess();
        if (process.isEmpty()) {
            return new Found(State.NOT_RUNNING, pid, port, null); // PostgreSQL clears such a file itself
        }
        Optional<String> program = process.get().info().command();
        if (program.isPresent() && !isPostgres(program.get())) {
            return new Found(State.STALE_PID_FILE, pid, port, program.get());
        }
        long deadline = System.nanoTime() + patience.toNanos();
        boolean told = false;
        while (true) {
            Answer answer = ask(port, dataDir, firstWait);
            if (answer == Answer.SERVES_THIS_FOLDER) {
                return new Found(State.RUNNING, pid, port, null);
            }
            if (answer != Answer.TIMED_OUT) {
                return new Found(State.NOT_RUNNING, pid, port, null);
            }
            if (System.nanoTime() - deadline >= 0) {
                return new Found(State.NOT_ANSWERING, pid, port, "no answer in " + patience.toSeconds() + " s");
            }
            if (!told) {
                progress.accept("The embedded PostgreSQL in " + dataDir + " (process " + pid + ", port " + port
                        + ") has not answered in " + firstWait.toSeconds() + " s; waiting up to "
                        + patience.toSeconds() + " s ...");
                told = true;
            }
        }
    }

    /**
     * Why PostgreSQL may have refused to start, when {@code postmaster.pid} names a live PostgreSQL
     * process that is not this folder's server (a backend of another server got the number after a
     * reboot): that file is left for the user to remove, since it might also be this folder's server
     * under another path (the project moved while it ran), which must never get a second server.
     */
    private static String heldLockFile(Path dataDir) {
        Optional<PidFile> file = PidFile.read(dataDir);
        Optional<ProcessHandle> process = file.flatMap(PidFile::liveProcess);
        if (process.isEmpty()) {
            return "";
        }
        // The program alone, never its arguments: another program's command line may carry a secret,
        // and this message ends up in build logs.
        String program = process.get().info().command().orElse("a process this user may not look at");
        return " (" + dataDir.resolve(PidFile.NAME) + " names process " + file.get().pid() + ", which is alive: "
                + program + ". If that is no PostgreSQL server of this folder, its number was reused after the server"
                + " died: stop every build of this project, delete that file and run again)";
    }

    /**
     * What {@code postmaster.pid} says: the postmaster's process (its first line) and port (its fourth,
     * -1 while the file is still being written).
     */
    private record PidFile(long pid, int port) {

        static final String NAME = "postmaster.pid";

        /** The file of {@code dataDir}; empty when there is none, or its first line is no process number. */
        static Optional<PidFile> read(Path dataDir) {
            try {
                List<String> lines = Files.readAllLines(dataDir.resolve(NAME), StandardCharsets.UTF_8);
                long pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
                int port = lines.size() < 4 ? -1 : Integer.parseInt(lines.get(3).trim());
                return pid > 0 ? Optional.of(new PidFile(pid, port)) : Optional.empty();
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        Optional<ProcessHandle> liveProcess() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        }
    }

    /** The program of a PostgreSQL server process: {@code postgres} (or {@code postgres.exe}, the old {@code postmaster}). */
    private static boolean isPostgres(String program) {
        String name = Path.of(program).getFileName().toString();
        return name.equals("postgres") || name.equals("postgres.exe") || name.equals("postmaster");
    }

    private enum Answer { SERVES_THIS_FOLDER, OTHER, TIMED_OUT }

    /** One attempt, bounded by {@code wait}: the server on {@code port} answers for {@code dataDir}, for another folder or not at all. */
    private static Answer ask(int port, Path dataDir, Duration wait) {
        int seconds = (int) Math.max(1, wait.toSeconds());
        DatabaseSettings admin = new DatabaseSettings("jdbc:postgresql://localhost:" + port + "/postgres?connectTimeout="
                + seconds + "&loginTimeout=" + seconds + "&socketTimeout=" + seconds, "postgres", null);
        try (Connection c = Connections.connect(admin);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW data_directory")) {
            return rs.next() && Path.of(rs.getString(1)).toRealPath().equals(dataDir.toRealPath())
                    ? Answer.SERVES_THIS_FOLDER : Answer.OTHER;
        } catch (SQLException e) {
            // 08001 "Connection attempt timed out", or a read that timed out: the server took the
            // connection (its listen queue) but never answered
            boolean timedOut = "08001".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("timed out")
                    || e.getCause() instanceof SocketTimeoutException;
            return timedOut ? Answer.TIMED_OUT : Answer.OTHER;
        } catch (IOException e) {
            return Answer.OTHER;
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
