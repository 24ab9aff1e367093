package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.confiture.model.ConfitureException;
import dev.confiture.runner.db.MigrationLock;
import dev.confiture.runner.db.TableName;
import dev.confiture.runner.report.MigrateReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LockAndConcurrencyTest extends WithRunnerFixture {

    @BeforeEach
    void setUp() {
        f.write("001_create_log.up.sql", "CREATE TABLE run_log (version text NOT NULL);\nINSERT INTO run_log VALUES ('001');\n");
        for (int i = 2; i <= 20; i++) {
            String v = String.format("%03d", i);
            f.write(v + "_step.up.sql", "CREATE TABLE t" + v + " (id int);\nINSERT INTO run_log VALUES ('" + v + "');\n");
        }
    }

    private Connection holderConnection(String applicationName) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", f.db.user());
        if (f.db.password() != null) {
            p.setProperty("password", f.db.password());
        }
        p.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(f.db.jdbcUrl(), p);
    }

    private static int pid(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void lock(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
            ps.setLong(1, MigrationLock.keyFor(TableName.parse(null)));
            ps.execute();
        }
    }

    @Test
    void aRunnerWaitingTooLongFailsNamingTheHolderAndChangesNothing() throws Exception {
        try (Connection holder = holderConnection("deploy-job-42")) {
            lock(holder);
            int holderPid = pid(holder);

            RunnerConfig config = f.config().withLockTimeout(Duration.ofSeconds(1));
            assertThatThrownBy(() -> f.runner(config).migrate(null, false))
                    .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code()).isEqualTo("LOCK_TIMEOUT"))
                    .hasMessageContaining("Timed out after 1 s waiting for the migration lock on confiture_migrations")
                    .hasMessageContaining("pid " + holderPid)
                    .hasMessageContaining("application 'deploy-job-42'")
                    .hasMessageContaining("connected since ")
                    .hasMessageContaining("idle since ")
                    .hasMessageContaining("pg_terminate_backend(" + holderPid + ")");
            assertThat(f.log).anyMatch(l -> l.startsWith("Waiting for the migration lock, held by pid " + holderPid));
        }
        assertThat(f.tableExists("confiture_migrations")).isFalse();
        assertThat(f.tableExists("run_log")).isFalse();
    }

    @Test
    void aWaitingRunnerProceedsWhenTheLockIsReleased() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holder = holderConnection("slow-holder")) {
            lock(holder);
            Future<MigrateReport> waiting = pool.submit(() -> f.runner().migrate(null, false));
            // wait until the runner has seen the lock taken, then let it go
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (f.log.stream().noneMatch(l -> l.startsWith("Waiting for the migration lock")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(f.tableExists("run_log")).isFalse();
            holder.close();
            assertThat(waiting.get(30, TimeUnit.SECONDS).migrations()).hasSize(20);
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.appliedVersions()).hasSize(20);
    }

    @Test
    void sixRunnersAtOnceApplyEachMigrationExactlyOnceAndAllSucceed() throws Exception {
        int runners = 6;
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<MigrateReport>> results = new ArrayList<>();
        try {
            for (int i = 0; i < runners; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return f.runner().migrate(null, false);
                }));
            }
            go.countDown();
            int applied = 0;
            for (Future<MigrateReport> r : results) {
                applied += r.get(120, TimeUnit.SECONDS).migrations().size();
            }
            assertThat(applied).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.query("SELECT count(*) FROM run_log")).containsExactly("20");
        assertThat(f.query("SELECT count(DISTINCT version) FROM run_log")).containsExactly("20");
        assertThat(f.appliedVersions()).hasSize(20);
        assertThat(advisoryLocks()).isEmpty();
    }

    private List<String> advisoryLocks() {
        return f.query("SELECT pid::text FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    }

    @Test
    void aRunnerKilledMidMigrationLeavesAConsistentStateAndAFreeLock() throws Exception {
        // 005 sleeps while test_control says so: long enough to be killed in the middle of it
        f.db.execute("CREATE TABLE test_control (sleep_seconds int); INSERT INTO test_control VALUES (120)");
        f.write("005_step.up.sql", "CREATE TABLE t005 (id int);\nSELECT pg_sleep(sleep_seconds) FROM test_control;\n"
                + "INSERT INTO run_log VALUES ('005');\n");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process runner = new ProcessBuilder(java, "-cp", cp, MigrateMain.class.getName(), f.db.jdbcUrl(), f.db.user(),
                dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("runner.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (f.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query LIKE 'SELECT pg_sleep(sleep_seconds)%' AND state = 'active'").isEmpty()) {
                assertThat(runner.isAlive()).as("the runner is still running").isTrue();
                assertThat(System.nanoTime()).as("the runner reached the sleeping migration").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(advisoryLocks()).hasSize(1);
        } finally {
            runner.destroyForcibly();
            runner.waitFor(30, TimeUnit.SECONDS);
        }

        // What the killed runner committed: 001..004, each with its row; nothing of 005.
        assertThat(f.appliedVersions()).containsExactly("001", "002", "003", "004");
        f.db.execute("UPDATE test_control SET sleep_seconds = 0");

        MigrateReport next = f.runner(f.config().withLockTimeout(Duration.ofSeconds(60))).migrate(null, false);

        assertThat(next.migrations()).extracting(o -> o.version()).first().isEqualTo("005");
        assertThat(f.appliedVersions()).hasSize(20);
        assertThat(f.query("SELECT count(*) FROM run_log")).containsExactly("20");
        assertThat(f.tableExists("t005")).isTrue();
        assertThat(advisoryLocks()).isEmpty();
    }

    /**
     * The third migration waits, while test_control.hold is true, until the test terminates the
     * session that holds the migration lock (the pid a lock timeout names); the second runner's
     * run of it then waits too, so the first runner's account of what is recorded is not raced. Each flavour reaches the sleep on another path of the
     * runner: one batch, statement by statement (COPY data), and outside a transaction.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pipelined", "statement by statement", "outside a transaction"})
    void terminatingTheLockHolderStopsTheRunnerAndASecondRunnerAppliesEachMigrationOnce(String path) throws Exception {
        for (int i = 3; i <= 20; i++) {
            java.nio.file.Files.delete(dir.resolve(String.format("%03d", i) + "_step.up.sql"));
        }
        f.db.execute("CREATE TABLE test_control (hold boolean); INSERT INTO test_control VALUES (true)");
        String sleep = "DO $$BEGIN WHILE (SELECT hold FROM test_control) LOOP PERFORM pg_sleep(0.05); END LOOP; END$$;\n";
        f.write("003_slow.up.sql", switch (path) {
            case "pipelined" -> "CREATE TABLE t003 (id int);\n" + sleep + "INSERT INTO run_log VALUES ('003');\n";
            case "statement by statement" -> "CREATE TABLE t003 (id int);\n" + sleep
                    + "COPY run_log (version) FROM stdin;\n003\n\\.\n";
            default -> "CREATE TABLE IF NOT EXISTS t003 (id int);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t003_id ON t003 (id);\n"
                    + sleep + "INSERT INTO run_log VALUES ('003');\n";
        });
        f.write("004_after.up.sql", "CREATE TABLE t004 (id int);\nINSERT INTO run_log VALUES ('004');\n");

        List<String> logA = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> logB = java.util.Collections.synchronizedList(new ArrayList<>());
        RunnerConfig patient = f.config().withLockTimeout(Duration.ofSeconds(120));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<MigrateReport> a = pool.submit(() -> new MigrationRunner(patient,
                    dev.confiture.runner.report.RunnerText.lines(logA::add)).migrate(null, false));
            awaitRows("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query LIKE 'DO $$BEGIN WHILE%' AND state = 'active'");
            Future<MigrateReport> b = pool.submit(() -> new MigrationRunner(patient,
                    dev.confiture.runner.report.RunnerText.lines(logB::add)).migrate(null, false));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (logB.stream().noneMatch(l -> l.startsWith("Waiting for the migration lock"))) {
                assertThat(System.nanoTime()).as("runner B waits for the lock").isLessThan(deadline);
                Thread.sleep(20);
            }
            List<String> holders = advisoryLocks();
            assertThat(holders).hasSize(1);
            f.query("SELECT pg_terminate_backend(" + holders.get(0) + ")::text");

            assertThatThrownBy(() -> a.get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConfitureException.class)
                    .cause()
                    .satisfies(e -> assertThat(((ConfitureException) e).code()).isEqualTo("LOCK_LOST"))
                    .hasMessageContaining("Lost the migration lock while running 003_slow")
                    .hasMessageContaining("pid " + holders.get(0))
                    .hasMessageContaining("003_slow is not recorded")
                    .hasMessageContaining("the 2 migration(s) before it in this run stay applied and recorded");
            f.db.execute("UPDATE test_control SET hold = false");
            assertThat(b.get(60, TimeUnit.SECONDS).migrations()).extracting(o -> o.version()).containsExactly("003", "004");
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.appliedVersions()).containsExactly("001", "002", "003", "004");
        assertThat(f.query("SELECT version FROM run_log ORDER BY version")).containsExactly("001", "002", "003", "004");
        assertThat(f.tableExists("t003")).isTrue();
        assertThat(f.tableExists("t004")).isTrue();
        assertThat(advisoryLocks()).isEmpty();
    }

    private void awaitRows(String sql) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (f.query(sql).isEmpty()) {
            assertThat(System.nanoTime()).as("waiting for " + sql).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
