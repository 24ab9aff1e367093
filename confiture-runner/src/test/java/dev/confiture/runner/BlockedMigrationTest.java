package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.confiture.runner.report.MigrateReport;
import dev.confiture.runner.report.RunnerText;
import org.junit.jupiter.api.Test;

/** A migration that waits on another session's lock says so, naming the session, while it waits. */
class BlockedMigrationTest extends WithRunnerFixture {

    @Test
    void aMigrationWaitingOnAnotherSessionsLockNamesThatSessionUntilItIsFree() throws Exception {
        f.write("001_table.up.sql", "CREATE TABLE accounts (id int);\n");
        f.runner().migrate(null, false);
        f.write("002_add_column.up.sql", "ALTER TABLE accounts ADD COLUMN note text;\n");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        MigrationRunner runner = new MigrationRunner(f.config(), RunnerText.lines(log::add))
                .checkBlockedEvery(Duration.ofMillis(200));

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (TableLocker blocker = TableLocker.lock(f, "nightly-report", "accounts")) {
            int blockerPid = blocker.pid;
            Future<MigrateReport> run = pool.submit(() -> runner.migrate(null, false));
            String blocked = RunnerFixture.awaitLine(log, "is blocked by");
            assertThat(run.isDone()).isFalse();
            assertThat(blocked).startsWith("002_add_column has waited ")
                    .contains("is blocked by pid " + blockerPid + " (application 'nightly-report'")
                    .contains("idle in transaction since ")
                    .contains("last query: LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
            assertThat(log.indexOf("Applying 002_add_column ...")).as("announced before it ran").isBetween(0, log.indexOf(blocked));
            blocker.release();

            assertThat(run.get(60, TimeUnit.SECONDS).migrations()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.appliedVersions()).containsExactly("001", "002");
        assertThat(log).anyMatch(l -> l.matches("Applying 002_add_column \\.\\.\\. ok \\(\\d+ ms\\)"));
        // the watch's own connection is gone with the migration it watched
        f.awaitNoConfitureSession();
    }

    @Test
    void everyMigrationIsAnnouncedBeforeItRuns() {
        f.write("001_table.up.sql", "CREATE TABLE accounts (id int);\n");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        new MigrationRunner(f.config(), RunnerText.lines(log::add)).migrate(null, false);
        assertThat(log).contains("Applying 001_table ...").noneMatch(l -> l.contains("is blocked by"));
    }
}
