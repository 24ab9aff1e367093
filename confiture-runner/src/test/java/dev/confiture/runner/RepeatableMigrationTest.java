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
import dev.confiture.runner.report.MigrateReport;
import dev.confiture.runner.report.MigrationOutcome;
import dev.confiture.runner.report.RunnerText;
import dev.confiture.runner.report.StatusEntry;
import dev.confiture.runner.report.StatusReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** R__<name>.sql: after the versioned migrations, in name order, again whenever the file changes; never rolled back. */
class RepeatableMigrationTest extends WithRunnerFixture {

    @BeforeEach
    void writeMigrations() {
        f.writeUsersAndBio();
        // b_ depends on a_: name order is the order they run in
        f.write("R__b_bios.sql", "CREATE OR REPLACE VIEW user_bios AS SELECT id, bio FROM user_emails_and_bios;\n");
        f.write("views/R__a_emails.sql", "CREATE OR REPLACE VIEW user_emails_and_bios AS SELECT id, email, bio FROM users;\n");
    }

    private List<String> rows() {
        return f.query("SELECT version || ':' || name || ':' || kind FROM confiture_migrations ORDER BY version");
    }

    private List<String> status() {
        return f.runner().status().migrations().stream().map(e -> e.version() + ":" + e.status() + ":" + e.kind()).toList();
    }

    @Test
    void theyRunAfterTheVersionedOnesInNameOrderAndAreTracked() {
        assertThat(status()).containsExactly("001:pending:sql", "002:pending:sql", "R__a_emails:pending:repeatable",
                "R__b_bios:pending:repeatable");

        MigrateReport report = f.runner().migrate(null, false);

        assertThat(report.migrations()).extracting(MigrationOutcome::displayName)
                .containsExactly("001_users", "002_bio", "R__a_emails", "R__b_bios");
        assertThat(rows()).containsExactly("001:users:sql", "002:bio:sql", "R__a_emails:a_emails:repeatable",
                "R__b_bios:b_bios:repeatable");
        assertThat(f.log).contains("Found 2 pending migration(s) and 2 repeatable migration(s) to apply")
                .anyMatch(l -> l.matches("Applying R__b_bios \\.\\.\\. ok \\(\\d+ ms\\)"));
        StatusReport status = f.runner().status();
        assertThat(status.migrations()).extracting(StatusEntry::status).containsOnly("applied");
        assertThat(status.currentVersion()).isEqualTo("002");

        // unchanged: nothing to do
        f.log.clear();
        assertThat(f.runner().migrate(null, false).migrations()).isEmpty();
        assertThat(f.log).anyMatch(l -> l.startsWith("Database is up to date"));
    }

    @Test
    void anEditedOneIsOutdatedAndRunsAgainAloneWithItsRowUpdated() {
        f.runner().migrate(null, false);
        String before = f.query("SELECT checksum FROM confiture_migrations WHERE version = 'R__a_emails'").get(0);
        f.write("views/R__a_emails.sql", "CREATE OR REPLACE VIEW user_emails_and_bios AS SELECT id, email, bio,"
                + " length(bio) AS bio_length FROM users;\n");
        f.write("R__c_new.sql", "CREATE OR REPLACE VIEW user_ids AS SELECT id FROM users;\n");

        assertThat(status()).containsExactly("001:applied:sql", "002:applied:sql", "R__a_emails:outdated:repeatable",
                "R__b_bios:applied:repeatable", "R__c_new:pending:repeatable");
        assertThat(f.runner().status().pending()).isEqualTo(2);

        assertThat(f.runner().migrate(null, false).migrations()).extracting(MigrationOutcome::displayName)
                .containsExactly("R__a_emails", "R__c_new");
        assertThat(f.query("SELECT checksum FROM confiture_migrations WHERE version = 'R__a_emails'").get(0)).isNotEqualTo(before);
        assertThat(f.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'user_emails_and_bios'"))
                .containsExactly("4");
        // a line-ending change alone is not an edit
        f.write("R__c_new.sql", "CREATE OR REPLACE VIEW user_ids AS SELECT id FROM users;\r\n\r\n");
        assertThat(f.runner().migrate(null, false).migrations()).isEmpty();
    }

    @Test
    void rollbackLeavesThemAloneAndATargetShortOfTheEndDoesNotRunThem() {
        assertThat(f.runner().migrate("001", false).migrations()).extracting(MigrationOutcome::displayName)
                .containsExactly("001_users");
        assertThat(rows()).containsExactly("001:users:sql");

        f.runner().migrate(null, false);
        // a down that drops what a repeatable's view reads needs CASCADE: rollback does not touch the view
        f.write("002_bio.down.sql", "ALTER TABLE users DROP COLUMN bio CASCADE;\n");
        f.runner().rollback(2, null, false);
        assertThat(rows()).containsExactly("R__a_emails:a_emails:repeatable", "R__b_bios:b_bios:repeatable");
        assertThat(f.log).noneMatch(l -> l.startsWith("Rolling back R__"));
    }

    @Test
    void aFailingOneNamesItsFileAndLineAndLeavesItsRowAsItWas() {
        f.runner().migrate(null, false);
        Path bad = f.write("R__b_bios.sql", "CREATE OR REPLACE VIEW user_bios AS\n  SELECT id, nosuchcolumn FROM users;\n");
        f.write("003_phone.up.sql", "ALTER TABLE users ADD COLUMN phone text;\n");
        String row = f.query("SELECT checksum FROM confiture_migrations WHERE version = 'R__b_bios'").get(0);

        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(bad);
                    assertThat(e.line()).isEqualTo(2);
                })
                .hasMessageContaining("R__b_bios")
                .hasMessageContaining("nosuchcolumn")
                .hasMessageContaining("Nothing of R__b_bios was applied");
        assertThat(f.query("SELECT checksum FROM confiture_migrations WHERE version = 'R__b_bios'")).containsExactly(row);
        // the versioned migration before it in the run stays applied
        assertThat(f.query("SELECT version FROM confiture_migrations WHERE kind = 'sql' ORDER BY version"))
                .containsExactly("001", "002", "003");
    }

    @Test
    void aRepeatableWaitingOnAnotherSessionsLockNamesThatSession() throws Exception {
        // Issue 12: the watch of BlockedMigrationTest covers repeatables too.
        f.runner().migrate(null, false);
        f.write("views/R__a_emails.sql", "CREATE OR REPLACE VIEW user_emails_and_bios AS SELECT id, email, bio FROM users"
                + " WHERE email IS NOT NULL;\n");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        MigrationRunner runner = new MigrationRunner(f.config(), RunnerText.lines(log::add))
                .checkBlockedEvery(Duration.ofMillis(200));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (TableLocker blocker = TableLocker.lock(f, "nightly-report", "users")) {
            Future<MigrateReport> run = pool.submit(() -> runner.migrate(null, false));
            String blocked = RunnerFixture.awaitLine(log, "is blocked by");
            assertThat(run.isDone()).isFalse();
            assertThat(blocked)
                    .startsWith("R__a_emails has waited ")
                    .contains("(application 'nightly-report'", "last query: LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            blocker.release();
            assertThat(run.get(60, TimeUnit.SECONDS).migrations()).extracting(MigrationOutcome::displayName)
                    .containsExactly("R__a_emails");
        } finally {
            pool.shutdownNow();
        }
        // the watch's own connection went with the repeatable it watched
        f.awaitNoConfitureSession();
    }

    @Test
    void aTrackingTableFromBeforeRepeatablesIsWidenedInPlace() {
        f.db.execute("CREATE TABLE confiture_migrations (version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
                + " up_checksum text, applied_at timestamptz NOT NULL DEFAULT now(), execution_time_ms bigint NOT NULL DEFAULT 0,"
                + " applied_by text NOT NULL DEFAULT current_user,"
                + " kind text NOT NULL CHECK (kind IN ('sql', 'java', 'baseline')))");
        f.runner().migrate(null, false);
        assertThat(rows()).contains("R__a_emails:a_emails:repeatable");
        assertThat(f.query("SELECT count(*) FROM pg_constraint WHERE conrelid = 'confiture_migrations'::regclass AND contype = 'c'"))
                .containsExactly("1");
    }

    @Test
    void aBadNameOrTwoFilesOfOneNameAreRefusedBeforeAnythingRuns() {
        f.write("sub/R__b_bios.sql", "SELECT 1;");
        assertThatThrownBy(() -> f.runner().migrate(null, false)).isInstanceOfSatisfying(ConfitureException.class,
                e -> assertThat(e.code()).isEqualTo("MIGRATION_DUPLICATE_REPEATABLE"));
        assertThat(f.tableExists("users")).isFalse();
    }
}
