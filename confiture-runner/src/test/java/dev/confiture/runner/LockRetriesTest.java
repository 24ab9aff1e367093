package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.SessionSetting;
import dev.confiture.sql.Placeholders;
import dev.confiture.runner.report.LockRetry;
import dev.confiture.runner.report.MigrateReport;
import dev.confiture.runner.report.RunnerText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A migration that fails on lock_timeout while a real session holds the lock is rolled back and
 * tried again, each attempt naming the blocking session; one that never gets the lock fails after
 * the retries, naming it.
 */
class LockRetriesTest extends WithRunnerFixture {

    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    TableLocker blocker;

    @BeforeEach
    void setUp() throws Exception {
        f.write("001_tables.up.sql", "CREATE TABLE accounts (id int);\nCREATE TABLE audit (note text);\n");
        f.runner().migrate(null, false);
        blocker = TableLocker.lock(f, "nightly-report", "accounts");
    }

    @AfterEach
    void tearDown() throws Exception {
        blocker.close();
    }

    private MigrationRunner runner(String lockTimeout) {
        SessionSetting setting = new SessionSetting("lock_timeout", lockTimeout, Path.of("db/environments/local.yaml"), 3,
                "local.yaml:3");
        return new MigrationRunner(f.config().withRunSettings(new RunSettings("local", Placeholders.NONE, List.of(setting), null)),
                RunnerText.lines(log::add));
    }

    private String blockerNamed() {
        return "pid " + blocker.pid + " (application 'nightly-report'";
    }

    @Test
    void aMigrationThatTimesOutIsRolledBackAndRetriedOnceTheBlockerLetsGo() throws Exception {
        f.write("002_note.up.sql", "INSERT INTO audit VALUES ('before the ALTER');\nALTER TABLE accounts ADD COLUMN note text;\n");
        MigrationRunner runner = runner("1s").lockRetries(new LockRetryPolicy(2, Duration.ofSeconds(3)));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<MigrateReport> run = pool.submit(() -> runner.migrate(null, false));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (log.stream().noneMatch(l -> l.contains("attempt 1 of 3 failed"))) {
                assertThat(System.nanoTime()).as("the first attempt fails on the lock").isLessThan(deadline);
                Thread.sleep(20);
            }
            // the first attempt's transaction was rolled back: its INSERT is not there
            assertThat(f.query("SELECT count(*) FROM audit")).containsExactly("0");
            blocker.release();
            MigrateReport report = run.get(60, TimeUnit.SECONDS);
            assertThat(report.migrations()).hasSize(1);
            LockRetry first = report.lockRetries().get(0);
            assertThat(first.migration()).isEqualTo("002_note");
            assertThat(first.attempt()).isEqualTo(1);
            assertThat(first.error()).contains("lock timeout").endsWith("[SQLState 55P03]");
            assertThat(first.blockedBy()).singleElement().asString().startsWith(blockerNamed())
                    .contains("last query: LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
            assertThat(first.retryInMs()).isEqualTo(3000);
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.appliedVersions()).containsExactly("001", "002");
        assertThat(f.query("SELECT count(*) FROM audit")).containsExactly("1");
        String line = log.stream().filter(l -> l.contains("attempt 1 of 3 failed")).findFirst().orElseThrow();
        assertThat(line).startsWith("WARNING: 002_note: attempt 1 of 3 failed on a lock timeout (")
                .contains("blocked by " + blockerNamed())
                .contains("nothing of it was applied. Retrying in 3000 ms (confiture.lockRetries=2)");
    }

    @Test
    void aBlockerThatNeverLetsGoFailsTheMigrationAfterTheRetriesNamingIt() {
        f.write("002_note.up.sql", "INSERT INTO audit VALUES ('before the ALTER');\nALTER TABLE accounts ADD COLUMN note text;\n");
        assertThatThrownBy(() -> runner("500ms").lockRetries(new LockRetryPolicy(2, Duration.ofMillis(100)))
                .migrate(null, false))
                .isInstanceOfSatisfying(MigrationFailure.class, e -> {
                    assertThat(e.failure()).contains("Migration 002_note failed in statement 2 of 2")
                            .contains("[SQLState 55P03]")
                            .contains("Gave up after 3 attempts, each failed on a lock timeout (confiture.lockRetries=2);"
                                    + " blocked by " + blockerNamed());
                    assertThat(e.aftermath()).startsWith("Nothing of 002_note was applied");
                });
        assertThat(log).filteredOn(l -> l.contains("failed on a lock timeout")).hasSize(2);
        assertThat(log).anyMatch(l -> l.contains("Retrying in 200 ms"));
        assertThat(f.appliedVersions()).containsExactly("001");
        assertThat(f.query("SELECT count(*) FROM audit")).containsExactly("0");
    }

    @Test
    void withoutRetriesTheFirstLockTimeoutIsFinal() {
        f.write("002_note.up.sql", "ALTER TABLE accounts ADD COLUMN note text;\n");
        assertThatThrownBy(() -> runner("300ms").lockRetries(LockRetryPolicy.NONE).migrate(null, false))
                .isInstanceOfSatisfying(MigrationFailure.class, e -> assertThat(e.getMessage())
                        .contains("[SQLState 55P03]").doesNotContain("Gave up"));
        assertThat(log).noneMatch(l -> l.contains("failed on a lock timeout"));
    }

    @Test
    void aNonTransactionalMigrationIsNotRetriedOnceAStatementRan() {
        f.write("002_index.up.sql", "INSERT INTO audit VALUES ('outside a transaction');\n"
                + "CREATE INDEX CONCURRENTLY accounts_id_idx ON accounts (id);\n");
        assertThatThrownBy(() -> runner("300ms").lockRetries(new LockRetryPolicy(2, Duration.ofMillis(50)))
                .migrate(null, false))
                .isInstanceOfSatisfying(MigrationFailure.class, e -> {
                    assertThat(e.getMessage()).contains("[SQLState 55P03]").doesNotContain("Gave up");
                    assertThat(e.aftermath()).startsWith("Statement 1 of 2 of 002_index ran outside a transaction");
                });
        assertThat(log).anyMatch(l -> l.startsWith("WARNING: 002_index failed on a lock timeout (blocked by " + blockerNamed())
                && l.endsWith("not retried, they would run twice"));
        // one attempt only: the INSERT ran once
        assertThat(f.query("SELECT count(*) FROM audit")).containsExactly("1");
    }

    @Test
    void aNonTransactionalMigrationWhoseFirstStatementTimesOutIsRetried() {
        f.write("002_index.up.sql", "CREATE INDEX CONCURRENTLY accounts_id_idx ON accounts (id);\n");
        assertThatThrownBy(() -> runner("300ms").lockRetries(new LockRetryPolicy(1, Duration.ofMillis(50)))
                .migrate(null, false))
                .isInstanceOfSatisfying(MigrationFailure.class, e -> assertThat(e.failure())
                        .contains("Gave up after 2 attempts").contains("blocked by " + blockerNamed()));
    }

    @Test
    void aNegativeRetryCountIsRefused() {
        assertThatThrownBy(() -> new LockRetryPolicy(-1, Duration.ZERO))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("LOCK_RETRIES_BAD_COUNT");
                    assertThat(e.getMessage()).contains("confiture.lockRetries is -1");
                });
    }
}
