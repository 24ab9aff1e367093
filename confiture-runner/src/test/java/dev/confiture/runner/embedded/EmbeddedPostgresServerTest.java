package dev.confiture.runner.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.shadow.ScratchDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL as builds use it: real servers started with {@code pg_ctl} from the cached
 * template, and other JVMs standing in for other {@code mvn} runs on the same project.
 */
class EmbeddedPostgresServerTest {

    @TempDir
    Path project;

    /** The servers' shutdown hooks would run after the temporary folder is gone: stop them while it is here. */
    @AfterEach
    void stopServersOfThisTest() throws IOException {
        try (var files = Files.walk(project)) {
            for (Path pid : files.filter(f -> f.getFileName().toString().equals("postmaster.pid")).toList()) {
                PostgresProcess.run(PostgresProcess.stopCommand(PostgresBinaries.forThisMachine(), pid.getParent()),
                        project.resolve("stop.log"));
            }
        }
    }

    @Test
    void aProjectServerStartsFromTheCachedTemplateWritesItsOutputToItsLogAndHostsScratchDatabases() throws Exception {
        Path dataDir = project.resolve("target/confiture/postgres");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.project(dataDir, 0, message -> { });

        assertThat(server.startedHere()).isTrue();
        assertThat(CacheDirectory.path().resolve("postgres-" + PostgresBinaries.forThisMachine().major() + "-template")
                .resolve("PG_VERSION")).isRegularFile();
        DatabaseSettings db = server.database("confiture_local");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", null);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW fsync")) {
            rs.next();
            assertThat(rs.getString(1)).as("the project's data is kept: fsync stays on").isEqualTo("on");
        }
        assertThat(server.log()).isEqualTo(project.resolve("target/confiture/postgres.log"));
        assertThat(Files.readString(server.log())).contains("database system is ready to accept connections");
        assertThat(server.describe(project)).contains("Embedded PostgreSQL " + server.version() + " on port "
                + server.port() + " (data: target/confiture/postgres)");
        assertThat(server.describe(project)).as("said once per JVM").isEmpty();
        assertThat(EmbeddedPostgresServer.scratch()).as("one server per Maven invocation")
                .isSameAs(EmbeddedPostgresServer.project(dataDir, 0, message -> { }));
        DatabaseSettings scratch = EmbeddedPostgresServer.scratch().newScratchDatabase();
        try (Connection c = DriverManager.getConnection(scratch.jdbcUrl(), "postgres", null);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            assertThat(rs.getString(1)).as("a scratch database on the project's server: commits need not wait for the disk")
                    .isEqualTo("off");
        }
        server.dropDatabase(ScratchDatabases.databaseName(scratch.jdbcUrl()));
    }

    @Test
    void aProjectServerKeepsSpareDatabasesThatScratchDatabasesAreRenamedFrom() throws Exception {
        Path dataDir = project.resolve("target/confiture/postgres");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.project(dataDir, 0, message -> { });
        DatabaseSettings first = server.newScratchDatabase();
        server.dropDatabase(ScratchDatabases.databaseName(first.jdbcUrl()));
        // the first one was created; spares are made while the build goes on
        java.util.Map<String, String> spares = awaitSpares(server, SpareDatabases.SPARES);

        DatabaseSettings scratch = server.newScratchDatabase();

        String name = ScratchDatabases.databaseName(scratch.jdbcUrl());
        List<String> renamed = query(server, "SELECT oid::text FROM pg_database WHERE datname = '" + name + "'");
        assertThat(spares.keySet()).as("the scratch database is a spare, renamed").containsAnyElementsOf(renamed);
        assertThat(spares.get(renamed.get(0))).as("the spare renamed").isNotEqualTo(name);
        try (Connection c = DriverManager.getConnection(scratch.jdbcUrl(), "postgres", null);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('synchronous_commit'),"
                     + " (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace)")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("off");
            assertThat(rs.getInt(2)).as("empty, as a new database").isZero();
        }
        server.dropDatabase(name);
        awaitSpares(server, SpareDatabases.SPARES);
    }

    /** The spares (oid to name) once there are {@code count} of them, waiting up to 60 s. */
    private static java.util.Map<String, String> awaitSpares(EmbeddedPostgresServer server, int count) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            java.util.Map<String, String> spares = new java.util.HashMap<>();
            for (String row : query(server, "SELECT oid || ' ' || datname FROM pg_database WHERE datname LIKE 'confiture\\_spare\\_%'")) {
                spares.put(row.split(" ")[0], row.split(" ")[1]);
            }
            if (spares.size() >= count) {
                assertThat(spares).as("no more than the spares asked for").hasSize(count);
                return spares;
            }
            assertThat(System.nanoTime()).as(count + " spare databases within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<String> query(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.settings("postgres").jdbcUrl(), "postgres", null);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    @Test
    void twoBuildsAtOnceShareOneServerAndTheLastOneOutStopsIt() throws Exception {
        Path dataDir = project.resolve("target/confiture/postgres");
        Path release = project.resolve("release");
        Process first = build(dataDir, 0, release);
        Process second = build(dataDir, 0, release);
        try {
            String a = firstLine(first);
            String b = firstLine(second);

            int portA = Integer.parseInt(a.split(" ")[0]);
            assertThat(b.split(" ")[0]).as("the same server").isEqualTo(Integer.toString(portA));
            assertThat(List.of(a.split(" ")[1], b.split(" ")[1])).as("one build started it, the other found it")
                    .containsExactlyInAnyOrder("true", "false");
            assertThat(PostgresProcess.runningPort(dataDir)).hasValue(portA);
        } finally {
            Files.createFile(release);
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first.exitValue()).isZero();
        assertThat(second.exitValue()).isZero();
        assertThat(PostgresProcess.runningPort(dataDir)).as("idle timeout 0: stopped with the last build").isEmpty();
    }

    @Test
    void aServerLeftRunningByOneBuildIsFoundByTheNext() throws Exception {
        Path dataDir = project.resolve("target/confiture/postgres");
        Path release = project.resolve("release");
        Files.createFile(release);
        Process earlier = build(dataDir, 10, release);
        String line = firstLine(earlier);
        assertThat(earlier.waitFor(60, TimeUnit.SECONDS)).isTrue();

        EmbeddedPostgresServer server = EmbeddedPostgresServer.project(dataDir, 0, message -> { });
        assertThat(server.startedHere()).isFalse();
        assertThat(server.port()).isEqualTo(Integer.parseInt(line.split(" ")[0]));
        assertThat(server.databases()).contains("confiture_local");
    }

    @Test
    void aProjectServerRunsWithoutFsyncOnlyWhenAskedTo() throws Exception {
        Path dataDir = project.resolve("target/confiture/postgres");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.project(dataDir, 0, false, message -> { });

        assertThat(server.startedHere()).isTrue();
        assertThat(show(server.database("confiture_local"), "fsync")).isEqualTo("off");
        assertThat(server.fsync()).isFalse();
    }

    @Test
    void aServerFoundRunningKeepsItsFsyncAndTheBuildIsToldSo() throws Exception {
        Path dataDir = project.resolve("target/confiture/postgres");
        leftRunningByAnEarlierBuild(dataDir);

        List<String> messages = new ArrayList<>();
        EmbeddedPostgresServer server = EmbeddedPostgresServer.project(dataDir, 0, false, messages::add);

        assertThat(server.startedHere()).isFalse();
        assertThat(server.fsync()).as("the data is not put at risk behind the running server's back").isTrue();
        assertThat(messages).singleElement().asString()
                .contains("already running with fsync on")
                .contains("confiture.embeddedFsync=false applies when it next starts");
    }

    @Test
    void aScratchServerRunsWithoutFsync() throws Exception {
        // A JVM of its own: in this one, a project server of another test would host the scratch databases.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ScratchMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo("fsync=off");
    }

    @Test
    void thePrintedPsqlCommandLineReachesTheDatabase() throws Exception {
        assumeTrue(onPath("psql"), "psql is not installed");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.project(project.resolve("pg"), 0, message -> { });
        server.database("confiture_local");
        EmbeddedPostgresServer.ConnectionHints hints = server.hints("confiture_local");

        List<String> command = new ArrayList<>(List.of(hints.psql().split(" ")));
        command.addAll(List.of("-At", "-c", "SELECT current_database()"));
        Process psql = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(psql.waitFor()).as(out).isZero();
        assertThat(out).isEqualTo("confiture_local");
        try (Connection c = DriverManager.getConnection(hints.jdbcUrl())) {
            assertThat(c.getCatalog()).isEqualTo("confiture_local");
        }
    }

    @Test
    void aServerThatCannotStartNamesItsLog() throws Exception {
        Path dataDir = project.resolve("target/confiture/postgres");
        ClusterTemplate.copyTo(PostgresBinaries.forThisMachine(), dataDir);
        Files.writeString(dataDir.resolve("postgresql.conf"), "\nshared_buffers = 'not a size'\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> EmbeddedPostgresServer.project(dataDir, 0, message -> { }))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("Its log is " + project.resolve("target/confiture/postgres.log"));
        assertThat(Files.readString(project.resolve("target/confiture/postgres.log"))).contains("shared_buffers");
    }

    @Test
    void aDataFolderOfAnotherMajorVersionIsRefusedWithWhatToDo() throws Exception {
        Path dataDir = project.resolve("target/confiture/postgres");
        ClusterTemplate.copyTo(PostgresBinaries.forThisMachine(), dataDir);
        Files.writeString(dataDir.resolve("PG_VERSION"), "9\n");

        assertThatThrownBy(() -> EmbeddedPostgresServer.project(dataDir, 0, message -> { }))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("was created by PostgreSQL 9")
                .hasMessageContaining("delete the folder");
    }

    @Test
    void aFolderThatHoldsSomethingElseIsNeverOverwritten() throws Exception {
        Path dataDir = project.resolve("target/confiture/postgres");
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> EmbeddedPostgresServer.project(dataDir, 0, message -> { }))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("holds no PostgreSQL data");
        assertThat(Files.readString(dataDir.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void aCacheThatCannotHoldTheTemplateIsReportedWithTheFolder() throws Exception {
        Path notAFolder = Files.writeString(project.resolve("cache"), "a file where the cache should be");

        assertThatThrownBy(() -> ClusterTemplate.ensure(PostgresBinaries.forThisMachine(), notAFolder))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("Could not initialise the embedded PostgreSQL")
                .hasMessageContaining(notAFolder.resolve("postgres-" + PostgresBinaries.forThisMachine().major()
                        + "-template").toString());
    }

    @Test
    void aPostmasterPidWhoseNumberAnotherProgramNowHasIsRemovedAndTheServerStarts() throws Exception {
        Path dataDir = project.resolve("target/confiture/postgres");
        ClusterTemplate.copyTo(PostgresBinaries.forThisMachine(), dataDir);
        // What a server killed with the machine leaves: after the reboot, its number belongs to another program.
        Process sleeper = new ProcessBuilder("sleep", "120").start();
        try {
            Files.writeString(dataDir.resolve("postmaster.pid"), pidFile(sleeper.pid(), dataDir, freePort()));
            List<String> messages = new ArrayList<>();

            EmbeddedPostgresServer server = EmbeddedPostgresServer.project(dataDir, 0, messages::add);

            assertThat(server.startedHere()).isTrue();
            server.database("confiture_local");
            assertThat(server.databases()).as("the server answers").contains("confiture_local");
            assertThat(messages).anySatisfy(m -> assertThat(m).contains("Removed " + dataDir.resolve("postmaster.pid"))
                    .contains("process number " + sleeper.pid() + " now belongs to").contains("sleep"));
            assertThat(pidIn(dataDir)).isNotEqualTo(sleeper.pid());
            assertThat(sleeper.isAlive()).as("the other program is left alone").isTrue();
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void aPostmasterPidNamingAnotherLivePostgresIsNeverRemovedAndTheFailureSaysWhatToDo() throws Exception {
        EmbeddedPostgresServer.project(project.resolve("other/postgres"), 0, message -> { });
        long otherPid = pidIn(project.resolve("other/postgres"));
        Path dataDir = project.resolve("target/confiture/postgres");
        ClusterTemplate.copyTo(PostgresBinaries.forThisMachine(), dataDir);
        String file = pidFile(otherPid, dataDir, freePort());
        Files.writeString(dataDir.resolve("postmaster.pid"), file);
        try {
            assertThatThrownBy(() -> EmbeddedPostgresServer.project(dataDir, 0, message -> { }))
                    .isInstanceOf(ConfitureException.class)
                    .hasMessageContaining("pg_ctl start failed")
                    .hasMessageContaining("names process " + otherPid + ", which is alive")
                    .as("the program, not its arguments").hasMessageNotContaining(" -D ")
                    .hasMessageContaining("delete that file and run again")
                    .hasMessageContaining("Its log is");
            assertThat(Files.readString(dataDir.resolve("postmaster.pid")))
                    .as("a live PostgreSQL's lock file might be this folder's server under another path: kept").isEqualTo(file);
        } finally {
            Files.delete(dataDir.resolve("postmaster.pid")); // or the cleanup's pg_ctl stop would signal the other server
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 90, unit = TimeUnit.SECONDS) // the bug it guards against was a wait without end
    void aFrozenServerIsNamedWithWhatToDoInsteadOfWaitedForForever() throws Exception {
        Path dataDir = project.resolve("target/confiture/postgres");
        leftRunningByAnEarlierBuild(dataDir);
        long pid = pidIn(dataDir);
        signal("STOP", pid);
        try {
            List<String> messages = new ArrayList<>();
            SharedServer shared = new SharedServer(dataDir, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(3));

            assertThatThrownBy(() -> shared.attach(PostgresBinaries.forThisMachine(), java.util.Map.of(), 0, messages::add))
                    .isInstanceOf(ConfitureException.class)
                    .hasMessageContaining("The embedded PostgreSQL in " + dataDir + " is running (process " + pid)
                    .hasMessageContaining("does not answer: no answer in 3 s")
                    .hasMessageContaining("kill -CONT " + pid)
                    .hasMessageContaining("Its log is " + project.resolve("target/confiture/postgres.log"));
            assertThat(messages).anySatisfy(m -> assertThat(m).contains("(process " + pid)
                    .contains("has not answered in 1 s; waiting up to 3 s"));
            assertThat(pidIn(dataDir)).as("a silent server's files are never given to a second one").isEqualTo(pid);
        } finally {
            signal("CONT", pid);
        }
        assertThat(PostgresProcess.runningPort(dataDir)).as("resumed, it is found again").isPresent();
    }

    @Test
    void aNegativeIdleTimeoutIsRefused() {
        assertThatThrownBy(() -> EmbeddedPostgresServer.project(project.resolve("pg"), -1, message -> { }))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("confiture.embeddedIdleMinutes=-1");
    }

    /** What a build with the default idle timeout leaves: the project's server running after its JVM has gone. */
    private void leftRunningByAnEarlierBuild(Path dataDir) throws Exception {
        Path release = project.resolve("release");
        Files.createFile(release);
        Process earlier = build(dataDir, 10, release);
        firstLine(earlier);
        assertThat(earlier.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    /** A {@code postmaster.pid} as PostgreSQL writes it, naming {@code pid} and {@code port}. */
    private static String pidFile(long pid, Path dataDir, int port) {
        return pid + "\n" + dataDir + "\n1764730000\n" + port + "\n/tmp\nlocalhost\n  1234567         0\nready   \n";
    }

    private static long pidIn(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + name + " " + pid).isZero();
    }

    private static Process build(Path dataDir, int idleMinutes, Path release) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AttachMain.class.getName(),
                dataDir.toString(), Integer.toString(idleMinutes), release.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The build's answer line (progress lines skipped). */
    private static String firstLine(Process p) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.startsWith("progress: ")) {
                return line;
            }
        }
        throw new AssertionError("the build printed no port; exit " + waitQuietly(p));
    }

    private static int waitQuietly(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            return -1;
        }
    }

    private static String show(DatabaseSettings db, String setting) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", null);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
