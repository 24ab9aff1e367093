package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.confiture.runner.report.MigrateReport;
import dev.confiture.runner.report.RunnerText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A migration that waits on another session's lock says so, naming the session, while it waits. */
class BlockedMigrationTest {

    @TempDir
    Path dir;

    RunnerFixture f;

    @BeforeEach
    void setUp() {
        f = new RunnerFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aMigrationWaitingOnAnotherSessionsLockNamesThatSessionUntilItIsFree() throws Exception {
        f.write("001_table.up.sql", "CREATE TABLE accounts (id int);\n");
        f.runner().migrate(null, false);
        f.write("002_add_column.up.sql", "ALTER TABLE accounts ADD COLUMN note text;\n");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        MigrationRunner runner = new MigrationRunner(f.config(), RunnerText.lines(log::add))
                .checkBlockedEvery(Duration.ofMillis(200));

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection blocker = connection("nightly-report")) {
            int blockerPid;
            try (Statement st = blocker.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                blockerPid = rs.getInt(1);
            }
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
            }
            Future<MigrateReport> run = pool.submit(() -> runner.migrate(null, false));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (log.stream().noneMatch(l -> l.contains("is blocked by"))) {
                assertThat(System.nanoTime()).as("a line names the blocking session").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(run.isDone()).isFalse();
            String blocked = log.stream().filter(l -> l.contains("is blocked by")).findFirst().orElseThrow();
            assertThat(blocked).startsWith("002_add_column has waited ")
                    .contains("is blocked by pid " + blockerPid + " (application 'nightly-report'")
                    .contains("idle in transaction since ")
                    .contains("last query: LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
            assertThat(log.indexOf("Applying 002_add_column ...")).as("announced before it ran").isBetween(0, log.indexOf(blocked));
            blocker.commit();

            assertThat(run.get(60, TimeUnit.SECONDS).migrations()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.appliedVersions()).containsExactly("001", "002");
        assertThat(log).anyMatch(l -> l.matches("Applying 002_add_column \\.\\.\\. ok \\(\\d+ ms\\)"));
        // the watch's own connection is gone with the migration it watched
        assertThat(f.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name LIKE 'confiture%'")).containsExactly("0");
    }

    @Test
    void everyMigrationIsAnnouncedBeforeItRuns() {
        f.write("001_table.up.sql", "CREATE TABLE accounts (id int);\n");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        new MigrationRunner(f.config(), RunnerText.lines(log::add)).migrate(null, false);
        assertThat(log).contains("Applying 001_table ...").noneMatch(l -> l.contains("is blocked by"));
    }

    private Connection connection(String applicationName) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", f.db.user());
        if (f.db.password() != null) {
            p.setProperty("password", f.db.password());
        }
        p.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(f.db.jdbcUrl(), p);
    }
}
