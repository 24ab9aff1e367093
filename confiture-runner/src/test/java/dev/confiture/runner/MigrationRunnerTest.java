package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.runner.report.MigrateReport;
import dev.confiture.runner.report.MigrationOutcome;
import dev.confiture.runner.report.RollbackReport;
import dev.confiture.runner.report.StatusEntry;
import dev.confiture.runner.report.StatusReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationRunnerTest {

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

    private void usersAndBio() {
        f.write("001_create_users_table.up.sql", "CREATE TABLE users (\n  id serial PRIMARY KEY,\n  email text NOT NULL\n);\n");
        f.write("001_create_users_table.down.sql", "DROP TABLE users;\n");
        f.write("002_add_user_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;\n");
        f.write("002_add_user_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;\n");
    }

    @Test
    void migrateAppliesInVersionOrderAndRecordsEachRow() {
        usersAndBio();
        f.write("10_posts.up.sql", "CREATE TABLE posts (id int REFERENCES users);");

        MigrateReport report = f.runner().migrate(null, false);

        assertThat(report.migrations()).extracting(MigrationOutcome::displayName)
                .containsExactly("001_create_users_table", "002_add_user_bio", "10_posts");
        assertThat(f.appliedVersions()).containsExactly("001", "002", "10");
        assertThat(f.query("SELECT kind || '/' || applied_by || '/' || (applied_at IS NOT NULL) || '/' || (execution_time_ms >= 0)"
                + " || '/' || length(checksum) FROM confiture_migrations WHERE version = '001'"))
                .containsExactly("sql/" + f.db.user() + "/true/true/64");
        assertThat(f.query("SELECT name FROM confiture_migrations WHERE version = '002'")).containsExactly("add_user_bio");
        assertThat(f.log).contains("Found 3 pending migration(s)").anyMatch(l -> l.matches("Applying 001_create_users_table \\.\\.\\. ok \\(\\d+ ms\\)"))
                .anyMatch(l -> l.startsWith("Applied 3 migration(s) in "));
    }

    @Test
    void theTrackingTableHasExactlyTheContractColumns() {
        usersAndBio();
        f.runner().migrate(null, false);
        assertThat(f.query("SELECT column_name || ':' || data_type FROM information_schema.columns"
                + " WHERE table_name = 'confiture_migrations' ORDER BY ordinal_position"))
                .containsExactly("version:text", "name:text", "checksum:text", "up_checksum:text", "applied_at:timestamp with time zone",
                        "execution_time_ms:bigint", "applied_by:text", "kind:text");
        assertThat(f.query("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                + " WHERE i.indrelid = 'confiture_migrations'::regclass AND i.indisprimary")).containsExactly("version");
    }

    @Test
    void aSecondMigrateHasNothingToDo() {
        usersAndBio();
        f.runner().migrate(null, false);
        MigrateReport again = f.runner().migrate(null, false);
        assertThat(again.migrations()).isEmpty();
        assertThat(again.alreadyApplied()).isEqualTo(2);
        assertThat(f.log).anyMatch(l -> l.startsWith("Database is up to date"));
    }

    @Test
    void targetStopsAtAVersionComparedAsANumber() {
        f.write("2_a.up.sql", "CREATE TABLE a (id int);");
        f.write("9_b.up.sql", "CREATE TABLE b (id int);");
        f.write("10_c.up.sql", "CREATE TABLE c (id int);");
        f.runner().migrate("9", false);
        assertThat(f.appliedVersions()).containsExactly("2", "9");
        assertThat(f.tableExists("c")).isFalse();
    }

    @Test
    void aLateOlderMigrationIsRefusedBeforeAnythingRuns() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("003_c.up.sql", "CREATE TABLE c (id int);");
        f.runner().migrate(null, false);
        Path late = f.write("002_b.up.sql", "CREATE TABLE b (id int);");
        f.write("004_d.up.sql", "CREATE TABLE d (id int);");

        assertThat(f.runner().status().migrations()).extracting(StatusEntry::status)
                .containsExactly("applied", OutOfOrderGuard.STATUS, "applied", "pending");
        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("MIGRATION_OUT_OF_ORDER");
                    assertThat(e.file()).isEqualTo(late);
                    assertThat(e.isFinding()).isTrue();
                })
                .hasMessageContaining("002_b (version 002 < 003)")
                .hasMessageContaining("newest applied migration 003_c")
                .hasMessageContaining("-Dconfiture.outOfOrder=true")
                .hasMessageContaining("nothing was applied");
        // the newer 004 did not run either: the refusal comes before anything is applied
        assertThat(f.appliedVersions()).containsExactly("001", "003");
        assertThat(f.tableExists("d")).isFalse();
        // the dry run says the same
        assertThatThrownBy(() -> f.runner().migrate(null, true)).hasMessageContaining("002_b (version 002 < 003)");
    }

    @Test
    void aLateOlderMigrationRunsWithOutOfOrderAndSaysSo() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("003_c.up.sql", "CREATE TABLE c (id int);");
        f.runner().migrate(null, false);
        f.write("002_b.up.sql", "CREATE TABLE b (id int);");
        MigrateReport report = f.runner().migrate(null, false, MigrateOptions.DEFAULTS.withOutOfOrder(true));
        assertThat(report.migrations()).extracting(MigrationOutcome::version).containsExactly("002");
        assertThat(f.log).contains("002_b is older than the newest applied migration (003): applying it out of order"
                + " (confiture.outOfOrder=true)");
        assertThat(f.appliedVersions()).containsExactly("001", "002", "003");
        assertThat(f.runner().status().migrations()).extracting(StatusEntry::status).containsOnly("applied");
    }

    @Test
    void aTargetDecidesWhetherALateMigrationIsInTheRun() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("003_c.up.sql", "CREATE TABLE c (id int);");
        f.runner().migrate(null, false);
        f.write("002_b.up.sql", "CREATE TABLE b (id int);");
        // target 002 includes the late 002: refused; target 001 leaves it out: nothing to do, no refusal
        assertThatThrownBy(() -> f.runner().migrate("002", false)).hasMessageContaining("002_b (version 002 < 003)");
        assertThat(f.runner().migrate("001", false).migrations()).isEmpty();
    }

    @Test
    void aTargetThatIsNotAVersionIsRefused() {
        usersAndBio();
        assertThatThrownBy(() -> f.runner().migrate("latest", false)).hasMessageContaining("confiture.target=latest");
    }

    @Test
    void dryRunChangesNothing() {
        usersAndBio();
        MigrateReport report = f.runner().migrate(null, true);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.migrations()).extracting(MigrationOutcome::status).containsOnly("would_apply").hasSize(2);
        assertThat(f.tableExists("users")).isFalse();
        assertThat(f.tableExists("confiture_migrations")).isFalse();
        assertThat(f.log).anyMatch(l -> l.equals("Would apply 001_create_users_table"));

        f.runner().migrate("001", false);
        f.runner().migrate(null, true);
        assertThat(f.appliedVersions()).containsExactly("001");
        assertThat(f.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'bio'"))
                .containsExactly("0");
    }

    @Test
    void aFailingStatementNamesFileStatementMessageAndPositionAndLeavesNothingOfItsMigration() {
        f.write("001_ok.up.sql", "CREATE TABLE ok (id int);");
        Path bad = f.write("002_bad.up.sql", """
                -- a table, then a broken query
                CREATE TABLE half_done (id int);

                INSERT INTO half_done (id)
                SELECT id FROM ok
                 WHERE nosuchcolumn = 1;
                """);
        f.write("003_never.up.sql", "CREATE TABLE never (id int);");

        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(bad);
                    assertThat(e.line()).isEqualTo(6); // the column's line, mapped from the error position
                    assertThat(e.isFinding()).isFalse();
                    assertThat(e.getMessage())
                            .contains("002_bad.up.sql:6")
                            .contains("Migration 002_bad failed in statement 2 of 2 (starting at line 4)")
                            .contains("line 6, column 8")
                            .contains("column \"nosuchcolumn\" does not exist")
                            .contains("SQLState 42703")
                            .contains("Statement: INSERT INTO half_done (id) SELECT id FROM ok WHERE nosuchcolumn = 1")
                            .contains("Nothing of 002_bad was applied")
                            .contains("the 1 migration(s) before it in this run stay applied and recorded");
                });
        assertThat(f.tableExists("half_done")).isFalse();
        assertThat(f.tableExists("never")).isFalse();
        assertThat(f.tableExists("ok")).isTrue();
        assertThat(f.appliedVersions()).containsExactly("001");
    }

    @Test
    void aChangedAppliedMigrationFailsNamingItsFileBeforeAnythingRuns() {
        usersAndBio();
        f.runner().migrate(null, false);
        Path changed = f.write("001_create_users_table.up.sql", "CREATE TABLE users (id bigserial PRIMARY KEY);\n");
        f.write("003_posts.up.sql", "CREATE TABLE posts (id int);");

        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.isFinding()).isTrue();
                    assertThat(e.file()).isEqualTo(changed);
                    assertThat(e.getMessage()).contains("001_create_users_table").contains("changed after it was applied")
                            .contains(changed.toString());
                });
        assertThat(f.tableExists("posts")).isFalse();
        assertThat(f.appliedVersions()).containsExactly("001", "002");
    }

    @Test
    void aChangedDownFileIsAWarningNamingIt() {
        usersAndBio();
        f.runner().migrate(null, false);
        Path down = f.write("002_add_user_bio.down.sql", "ALTER TABLE users DROP COLUMN bio CASCADE;\n");
        f.runner().migrate(null, false);
        assertThat(f.log).anyMatch(l -> l.startsWith("WARNING: migration 002_add_user_bio") && l.contains(down.toString()));
    }

    @Test
    void aMissingAppliedMigrationFailsNamingIt() throws Exception {
        usersAndBio();
        f.runner().migrate(null, false);
        java.nio.file.Files.delete(dir.resolve("002_add_user_bio.up.sql"));
        java.nio.file.Files.delete(dir.resolve("002_add_user_bio.down.sql"));
        f.write("003_posts.up.sql", "CREATE TABLE posts (id int);");
        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.isFinding()).isTrue())
                .hasMessageContaining("002_add_user_bio is applied but its file is missing");
        assertThat(f.tableExists("posts")).isFalse();
    }

    @Test
    void statusShowsAppliedPendingModifiedAndMissing() throws Exception {
        usersAndBio();
        f.write("003_c.up.sql", "CREATE TABLE c (id int);");
        f.runner().migrate("003", false);
        f.write("002_add_user_bio.up.sql", "ALTER TABLE users ADD COLUMN bio varchar(200);\n");
        java.nio.file.Files.delete(dir.resolve("003_c.up.sql"));
        f.write("004_d.up.sql", "CREATE TABLE d (id int);");

        StatusReport status = f.runner().status();

        assertThat(status.migrations()).extracting(e -> e.version() + ":" + e.status())
                .containsExactly("001:applied", "002:modified", "003:missing", "004:pending");
        assertThat(status.total()).isEqualTo(4);
        assertThat(List.of(status.applied(), status.pending(), status.modified(), status.missing())).containsExactly(1, 1, 1, 1);
        assertThat(status.migrations().get(0).appliedAt()).isNotNull();
        assertThat(status.currentVersion()).isEqualTo("003");
        List<String> table = dev.confiture.runner.report.RunnerText.statusTable(status);
        assertThat(table.get(0)).isEqualTo("Current version: 003 on " + status.database()
                + " (tracking table confiture_migrations)");
        assertThat(table.get(2)).matches("\\| Version \\| Name +\\| Kind \\| Status +\\| Applied at +\\| By +\\| Time +\\|");
        assertThat(table)
                .anyMatch(l -> l.matches("\\| 002 +\\| add_user_bio +\\| sql +\\| modified +\\| \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d\\d:\\d\\d \\| " + f.query("SELECT current_user").get(0) + " +\\| \\d+ ms +\\|"))
                .anyMatch(l -> l.matches("\\| 004 +\\| d +\\| sql +\\| pending +\\| +\\| +\\| +\\|"))
                .last().isEqualTo("Total: 4 migrations (1 applied, 1 pending, 1 modified, 1 missing)");
    }

    @Test
    void statusNamesTheDatabaseUserAndTimeOfEachAppliedMigration() {
        usersAndBio();
        f.runner().migrate("001", false);

        StatusReport status = f.runner().status();

        StatusEntry applied = status.migrations().get(0);
        assertThat(applied.appliedBy()).isEqualTo(f.query("SELECT current_user").get(0));
        assertThat(applied.executionTimeMs()).isNotNull().isNotNegative();
        StatusEntry pending = status.migrations().get(1);
        assertThat(pending.appliedBy()).isNull();
        assertThat(pending.executionTimeMs()).isNull();
        assertThat(status.currentVersion()).isEqualTo("001");
    }

    @Test
    void statusOnAFreshDatabaseCreatesNothing() {
        usersAndBio();
        StatusReport status = f.runner().status();
        assertThat(status.migrations()).extracting(StatusEntry::status).containsOnly("pending");
        assertThat(status.currentVersion()).isNull();
        assertThat(dev.confiture.runner.report.RunnerText.statusTable(status).get(0))
                .startsWith("Current version: none (nothing applied yet) on jdbc:postgresql:");
        assertThat(f.tableExists("confiture_migrations")).isFalse();
    }

    @Test
    void rollbackUndoesTheNewestByDefault() {
        usersAndBio();
        f.runner().migrate(null, false);
        RollbackReport report = f.runner().rollback(null, null, false);
        assertThat(report.migrations()).extracting(MigrationOutcome::displayName).containsExactly("002_add_user_bio");
        assertThat(f.appliedVersions()).containsExactly("001");
        assertThat(f.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'bio'"))
                .containsExactly("0");
        assertThat(f.log).anyMatch(l -> l.matches("Rolling back 002_add_user_bio \\.\\.\\. ok \\(\\d+ ms\\)"));
    }

    @Test
    void rollbackToATargetIsExclusiveAndNewestFirst() {
        usersAndBio();
        f.write("003_c.up.sql", "CREATE TABLE c (id int REFERENCES users);");
        f.write("003_c.down.sql", "DROP TABLE c;");
        f.runner().migrate(null, false);
        RollbackReport report = f.runner().rollback(null, "1", false);
        assertThat(report.migrations()).extracting(MigrationOutcome::version).containsExactly("003", "002");
        assertThat(f.appliedVersions()).containsExactly("001");
        assertThat(f.tableExists("c")).isFalse();
    }

    @Test
    void rollbackOfAnIrreversibleMigrationChangesNothing() {
        usersAndBio();
        f.write("003_c.up.sql", "CREATE TABLE c (id int);");  // no down
        f.write("004_d.up.sql", "CREATE TABLE d (id int);");
        f.write("004_d.down.sql", "DROP TABLE d;");
        f.runner().migrate(null, false);

        assertThatThrownBy(() -> f.runner().rollback(3, null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("ROLLBACK_REFUSED");
                    assertThat(e.file()).isEqualTo(dir.resolve("003_c.up.sql"));
                })
                .hasMessageContaining("nothing was changed")
                .hasMessageContaining("003_c is irreversible: there is no 003_c.down.sql");
        // 004 is reversible and comes first, yet it was not rolled back either
        assertThat(f.appliedVersions()).containsExactly("001", "002", "003", "004");
        assertThat(f.tableExists("d")).isTrue();
    }

    @Test
    void rollbackWithNothingAppliedSaysSo() {
        usersAndBio();
        f.runner().migrate(null, true);
        RollbackReport report = f.runner().rollback(1, null, false);
        assertThat(report.migrations()).isEmpty();
        assertThat(f.log).contains("Nothing to roll back: no migration is applied");
    }

    @Test
    void rollbackRefusesBadSteps() {
        assertThatThrownBy(() -> f.runner().rollback(0, null, false)).hasMessageContaining("confiture.steps must be 1 or more");
    }

    @Test
    void aFailingDownLeavesTheMigrationApplied() {
        usersAndBio();
        f.write("002_add_user_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;\nALTER TABLE users DROP COLUMN nosuch;\n");
        f.runner().migrate(null, false);
        assertThatThrownBy(() -> f.runner().rollback(1, null, false))
                .hasMessageContaining("002_add_user_bio.down.sql:2").hasMessageContaining("nosuch");
        assertThat(f.appliedVersions()).containsExactly("001", "002");
        assertThat(f.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'bio'"))
                .containsExactly("1");
    }

    @Test
    void aStatementPostgresRefusesInATransactionRunsOutsideOneAndIsLogged() {
        usersAndBio();
        f.write("003_index_email.up.sql", "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
        f.write("003_index_email.down.sql", "DROP INDEX CONCURRENTLY users_email_idx;\n");

        MigrateReport report = f.runner().migrate(null, false);

        assertThat(report.migrations().get(2).transactional()).isFalse();
        assertThat(report.migrations().get(0).transactional()).isTrue();
        assertThat(f.query("SELECT indexrelid::regclass::text FROM pg_index WHERE indexrelid::regclass::text = 'users_email_idx' AND indisvalid"))
                .containsExactly("users_email_idx");
        assertThat(f.appliedVersions()).containsExactly("001", "002", "003");
        assertThat(f.log).anyMatch(l -> l.contains("003_index_email") && l.contains("one by one outside a transaction"))
                .anyMatch(l -> l.matches("Applying 003_index_email \\.\\.\\. ok \\(\\d+ ms\\) \\[outside a transaction\\]"));

        f.runner().rollback(1, null, false);
        assertThat(f.query("SELECT 1 FROM pg_class WHERE relname = 'users_email_idx'")).isEmpty();
        assertThat(f.appliedVersions()).containsExactly("001", "002");
    }

    @Test
    void aFailureOutsideATransactionSaysWhatStayed() {
        f.write("001_t.up.sql", "CREATE TABLE t (id int);");
        f.write("002_idx.up.sql", "CREATE INDEX CONCURRENTLY t_id_idx ON t (id);\nCREATE INDEX CONCURRENTLY t_x_idx ON t (nosuch);\n");
        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .hasMessageContaining("002_idx.up.sql:2")
                .hasMessageContaining("Statement 1 of 2 of 002_idx ran outside a transaction and stays applied: CREATE INDEX CONCURRENTLY t_id_idx ON t (id)")
                .hasMessageContaining("002_idx is not recorded as applied");
        assertThat(f.appliedVersions()).containsExactly("001");
    }

    @Test
    void baselineRecordsWithoutRunning() {
        usersAndBio();
        f.write("003_c.up.sql", "CREATE TABLE c (id int);");

        var report = f.runner().baseline("002");

        assertThat(report.recorded()).extracting(MigrationOutcome::version).containsExactly("001", "002");
        assertThat(f.tableExists("users")).isFalse();
        assertThat(f.query("SELECT version || ':' || kind FROM confiture_migrations ORDER BY version"))
                .containsExactly("001:baseline", "002:baseline");
        // the database really has users when it is baselined; create it so 003 can follow
        f.db.execute("CREATE TABLE users (id serial PRIMARY KEY, email text, bio text)");
        MigrateReport migrate = f.runner().migrate(null, false);
        assertThat(migrate.migrations()).extracting(MigrationOutcome::version).containsExactly("003");
        assertThat(f.runner().status().migrations()).extracting(StatusEntry::status).containsOnly("applied");
        // baselining again records nothing new
        assertThat(f.runner().baseline(null).recorded()).isEmpty();
    }

    @Test
    void aSchemaQualifiedTrackingTableIsCreatedInItsSchema() {
        usersAndBio();
        f.runner(f.config().withTrackingTable("ops.schema_history")).migrate(null, false);
        assertThat(f.query("SELECT version FROM ops.schema_history ORDER BY version")).containsExactly("001", "002");
        assertThat(f.tableExists("confiture_migrations")).isFalse();
    }

    @Test
    void aHostileTrackingTableNameIsRefused() {
        assertThatThrownBy(() -> f.runner(f.config().withTrackingTable("x; DROP TABLE users")).status())
                .hasMessageContaining("is not a usable tracking table name");
    }

    @Test
    void copyFromStdinDataInAMigrationIsLoaded() {
        f.write("001_countries.up.sql", "CREATE TABLE countries (code text PRIMARY KEY, name text);\n"
                + "COPY countries (code, name) FROM stdin;\nfr\tFrance\nde\tGermany\n\\.\n"
                + "UPDATE countries SET name = upper(name);\n");
        f.runner().migrate(null, false);
        assertThat(f.query("SELECT name FROM countries ORDER BY code")).containsExactly("GERMANY", "FRANCE");
    }

    @Test
    void dollarQuotedBodiesWithSemicolonsRunWhole() {
        f.write("001_fn.up.sql", """
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                  NEW.updated_at := now();
                  RETURN NEW;
                END;
                $body$;
                SELECT 'a;b' AS "x;y";
                """);
        f.runner().migrate(null, false);
        assertThat(f.query("SELECT proname FROM pg_proc WHERE proname = 'touch'")).containsExactly("touch");
    }

    @Test
    void emptyMigrationIsRecorded() {
        f.write("001_nothing.up.sql", "-- intentionally empty\n");
        f.runner().migrate(null, false);
        assertThat(f.appliedVersions()).containsExactly("001");
    }

    @Test
    void progressIsReportedOnLongRuns() {
        for (int i = 1; i <= 205; i++) {
            f.write(String.format("%03d_t%d.up.sql", i, i), "SELECT " + i + ";");
        }
        f.runner().migrate(null, false);
        assertThat(f.log).anyMatch(l -> l.startsWith("[100/205] "))
                .anyMatch(l -> l.startsWith("[200/205] "));
        assertThat(f.appliedVersions()).hasSize(205);
    }

    // ------------------------------------------------ rollback order, search_path, target line

    @Test
    void rollbackUndoesTheMigrationAppliedLastEvenWhenItsVersionIsOlder() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("001_a.down.sql", "DROP TABLE a;");
        f.write("003_c.up.sql", "CREATE TABLE c (id int);");
        f.write("003_c.down.sql", "DROP TABLE c;");
        f.runner().migrate(null, false);
        f.write("002_b.up.sql", "CREATE TABLE b (id int);");
        f.write("002_b.down.sql", "DROP TABLE b;");
        f.runner().migrate(null, false, MigrateOptions.DEFAULTS.withOutOfOrder(true));

        RollbackReport report = f.runner().rollback(1, null, false);

        assertThat(report.migrations()).extracting(MigrationOutcome::version).containsExactly("002");
        assertThat(f.appliedVersions()).containsExactly("001", "003");
        assertThat(f.tableExists("b")).isFalse();
        assertThat(f.tableExists("c")).isTrue();
        // then the next one back is 003, and rolling back to a target goes by applied order too
        assertThat(f.runner().rollback(null, "0", false).migrations()).extracting(MigrationOutcome::version)
                .containsExactly("003", "001");
    }

    @Test
    void rollbackAfterABaselineUndoesTheHighestBaselinedVersionFirst() {
        // baseline rows share one transaction, so one applied_at: the version breaks the tie
        for (int i = 1; i <= 12; i++) {
            String v = String.format("%03d", i);
            f.write(v + "_t.up.sql", "CREATE TABLE t" + v + " (id int);");
            f.write(v + "_t.down.sql", "DROP TABLE IF EXISTS t" + v + ";");
        }
        f.runner().baseline(null);
        assertThat(f.query("SELECT count(DISTINCT applied_at) FROM confiture_migrations")).containsExactly("1");

        assertThat(f.runner().rollback(3, null, false).migrations()).extracting(MigrationOutcome::version)
                .containsExactly("012", "011", "010");
    }

    @Test
    void aMigrationThatEmptiesTheSearchPathIsRecordedAndTheNextOneStartsFromTheSessionsPath() {
        // pg_dump's preamble: the rest of the session sees no schema unless it names one
        f.write("001_dump.up.sql", "SELECT pg_catalog.set_config('search_path', '', false);\n"
                + "CREATE TABLE public.dumped (id int);\n");
        f.write("001_dump.down.sql", "SELECT pg_catalog.set_config('search_path', '', false);\nDROP TABLE public.dumped;\n");
        f.write("002_plain.up.sql", "CREATE TABLE plain (id int);\n");
        f.write("002_plain.down.sql", "DROP TABLE plain;\n");
        // a Java-free statement-by-statement flavour: COPY data sends 003 one statement at a time
        f.write("003_copy.up.sql", "SELECT pg_catalog.set_config('search_path', '', false);\n"
                + "COPY public.dumped (id) FROM stdin;\n1\n\\.\n");
        f.write("004_plain.up.sql", "INSERT INTO plain SELECT id FROM dumped;\n");
        f.write("004_plain.down.sql", "DELETE FROM plain;\n");
        f.write("003_copy.down.sql", "SELECT pg_catalog.set_config('search_path', '', false);\nDELETE FROM public.dumped;\n");

        MigrateReport report = f.runner().migrate(null, false);

        assertThat(report.migrations()).hasSize(4);
        assertThat(f.appliedVersions()).containsExactly("001", "002", "003", "004");
        assertThat(f.query("SELECT table_schema || '.' || table_name FROM information_schema.tables"
                + " WHERE table_name IN ('dumped', 'plain') ORDER BY 1")).containsExactly("public.dumped", "public.plain");
        assertThat(f.query("SELECT count(*) FROM plain")).containsExactly("1");
        assertThat(f.runner().rollback(null, "0", false).migrations()).hasSize(4);
        assertThat(f.appliedVersions()).isEmpty();
    }

    @Test
    void aMigrationThatSetsAnotherSearchPathDoesNotMoveTheTrackingTable() {
        f.db.execute("CREATE SCHEMA other");
        f.write("001_switch.up.sql", "SET search_path TO other;\nCREATE TABLE in_other (id int);\n");
        f.write("002_next.up.sql", "CREATE TABLE in_default (id int);\n");

        f.runner().migrate(null, false);

        assertThat(f.appliedVersions()).containsExactly("001", "002");
        assertThat(f.query("SELECT table_schema || '.' || table_name FROM information_schema.tables"
                + " WHERE table_name IN ('in_other', 'in_default') ORDER BY 1")).containsExactly("other.in_other", "public.in_default");
        assertThat(f.query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'confiture_migrations'"))
                .containsExactly("1");
    }

    @Test
    void migrateRollbackAndBaselineNameTheTargetDatabaseBeforeAnythingElse() {
        usersAndBio();
        String name = f.db.jdbcUrl().substring(f.db.jdbcUrl().lastIndexOf('/') + 1);
        java.util.function.Consumer<String> named = first -> assertThat(first)
                .startsWith("Target database: ").contains(f.db.jdbcUrl()).endsWith(" as " + f.db.user()).contains(name);

        f.runner().migrate(null, false);
        named.accept(f.log.get(0));
        f.log.clear();
        f.runner().rollback(null, null, false);
        named.accept(f.log.get(0));
        f.log.clear();
        f.runner().baseline(null);
        named.accept(f.log.get(0));
    }

    // Issue 18: migrate lists the migrations folder by the include rule of schema files.

    private RunnerConfig projectConfig() {
        return RunnerConfig.of(f.settings(), dir.resolve("db/migrations")).withIncludeScope(IncludeScope.within(dir));
    }

    @Test
    void aLinkedMigrationInsideTheProjectIsApplied() throws Exception {
        f.write("db/migrations/001_create_users_table.up.sql", "CREATE TABLE users (id serial PRIMARY KEY);\n");
        f.write("shared/add_bio.sql", "ALTER TABLE users ADD COLUMN bio text;\n");
        Files.createSymbolicLink(dir.resolve("db/migrations/002_add_bio.up.sql"), Path.of("../../shared/add_bio.sql"));

        f.runner(projectConfig()).migrate(null, false);

        assertThat(f.appliedVersions()).containsExactly("001", "002");
        assertThat(f.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'bio'"))
                .containsExactly("1");
    }

    @Test
    void aMigrationLinkedOutsideTheProjectIsRefusedBeforeAnythingRuns() throws Exception {
        f.write("db/migrations/001_create_users_table.up.sql", "CREATE TABLE users (id serial PRIMARY KEY);\n");
        Path link = Files.createSymbolicLink(dir.resolve("db/migrations/002_passwd.up.sql"), Path.of("/etc/passwd"));

        assertThatThrownBy(() -> f.runner(projectConfig()).migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
                    assertThat(e.getMessage()).contains(link.toString(), "/etc/passwd");
                });
        assertThat(f.tableExists("users")).isFalse();
        assertThat(f.tableExists("confiture_migrations")).isFalse();
    }
}
