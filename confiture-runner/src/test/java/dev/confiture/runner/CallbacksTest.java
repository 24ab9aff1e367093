package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import dev.confiture.sql.MigrationScript;
import dev.confiture.runner.migration.Callbacks;
import dev.confiture.sql.Placeholders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** db/callbacks: each event runs where docs/migrations.md says, per-migration ones in the migration's transaction. */
class CallbacksTest extends WithRunnerFixture {

    @TempDir
    Path callbacksDir;

    @BeforeEach
    void setUp() {
        f.db.execute("CREATE TABLE cb_log (seq serial, what text, recorded bigint)");
    }

    private MigrationRunner runner() {
        return f.runner(f.config().withRunSettings(new RunSettings("test", new Placeholders(Map.of("who", "cb"), true),
                List.of(), callbacksDir)));
    }

    /** A callback that logs its event and how many migrations are recorded at that moment. */
    private void callback(String file) {
        String event = file.replace(".sql", "");
        write(file, "-- ${not_checked_in_comments}\nINSERT INTO cb_log (what, recorded) VALUES ('" + event
                + " ${who} ${confiture:env}', (SELECT count(*) FROM confiture_migrations));");
    }

    private Path write(String name, String content) {
        try {
            return java.nio.file.Files.writeString(callbacksDir.resolve(name), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> logged() {
        return f.query("SELECT what || ' ' || recorded FROM cb_log ORDER BY seq");
    }

    @Test
    void migrateRunsEachEventInItsPlaceSeveralPerEventInNameOrderWithPlaceholders() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("002_b.up.sql", "CREATE INDEX CONCURRENTLY b_idx ON a (id);");
        for (String file : List.of("beforeMigrate.sql", "beforeMigrate__2_more.sql", "beforeEachMigrate.sql",
                "afterEachMigrate.sql", "afterMigrate.sql", "afterMigrateError.sql")) {
            callback(file);
        }
        write("README.md", "not a callback: ignored");

        runner().migrate(null, false);

        assertThat(logged()).containsExactly("beforeMigrate cb test 0", "beforeMigrate__2_more cb test 0",
                "beforeEachMigrate cb test 0", "afterEachMigrate cb test 0",
                // 002 runs outside a transaction (CREATE INDEX CONCURRENTLY): its callbacks run around it all the same
                "beforeEachMigrate cb test 1", "afterEachMigrate cb test 1", "afterMigrate cb test 2");

        f.db.execute("TRUNCATE cb_log");
        runner().migrate(null, false);
        assertThat(logged()).as("nothing pending: the goal-level ones still run, as in Flyway")
                .containsExactly("beforeMigrate cb test 2", "beforeMigrate__2_more cb test 2", "afterMigrate cb test 2");
    }

    @Test
    void aFailingPerMigrationCallbackRollsItsMigrationBackNamesItsFileAndLineAndRunsAfterMigrateError() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("002_b.up.sql", "CREATE TABLE b (id int);");
        Path bad = write("afterEachMigrate.sql", "SELECT 1;\n"
                + "DO $$ BEGIN IF to_regclass('b') IS NOT NULL THEN RAISE EXCEPTION 'b is not welcome'; END IF; END $$;");
        callback("afterMigrateError.sql");
        callback("afterMigrate.sql");

        assertThatThrownBy(() -> runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(bad);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("Callback afterEachMigrate.sql (afterEachMigrate of 002_b) failed"
                            + " in statement 2 of 2", "b is not welcome", "Nothing of 002_b was applied");
                });
        assertThat(f.appliedVersions()).containsExactly("001");
        assertThat(f.tableExists("b")).isFalse();
        assertThat(logged()).containsExactly("afterMigrateError cb test 1");
    }

    @Test
    void aRepeatableGetsThePerMigrationCallbacksInItsOwnTransaction() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("R__a_ids.sql", "CREATE OR REPLACE VIEW a_ids AS SELECT id FROM a;");
        callback("beforeEachMigrate.sql");
        callback("afterEachMigrate.sql");
        callback("afterMigrate.sql");

        runner().migrate(null, false);

        // the repeatable's callbacks see 001 recorded and not yet its own row: they run before it, in its transaction
        assertThat(logged()).containsExactly("beforeEachMigrate cb test 0", "afterEachMigrate cb test 0",
                "beforeEachMigrate cb test 1", "afterEachMigrate cb test 1", "afterMigrate cb test 2");
    }

    @Test
    void aFailingCallbackOfARepeatableRollsItBackNamesTheCallbackAndRunsAfterMigrateError() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("R__a_ids.sql", "CREATE OR REPLACE VIEW a_ids AS SELECT id FROM a;");
        Path bad = write("afterEachMigrate.sql", "SELECT 1;\n"
                + "DO $$ BEGIN IF to_regclass('a_ids') IS NOT NULL THEN RAISE EXCEPTION 'no views please'; END IF; END $$;");
        callback("afterMigrateError.sql");

        assertThatThrownBy(() -> runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(bad);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("Callback afterEachMigrate.sql (afterEachMigrate of R__a_ids) failed"
                            + " in statement 2 of 2", "no views please", "Nothing of R__a_ids was applied",
                            "the 1 migration(s) before it in this run stay applied and recorded");
                });
        assertThat(f.appliedVersions()).containsExactly("001");
        assertThat(f.tableExists("a_ids")).as("the view went with the repeatable's transaction").isFalse();
        assertThat(f.query("SELECT count(*) FROM confiture_migrations WHERE version = 'R__a_ids'")).containsExactly("0");
        assertThat(logged()).containsExactly("afterMigrateError cb test 1");
    }

    @Test
    void aFailingRepeatableRunsAfterMigrateError() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("R__broken.sql", "CREATE OR REPLACE VIEW broken AS SELECT nosuchcolumn FROM a;");
        callback("afterMigrateError.sql");
        callback("afterMigrate.sql");

        assertThatThrownBy(() -> runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e ->
                        assertThat(e.getMessage()).contains("R__broken", "nosuchcolumn"));
        assertThat(logged()).as("afterMigrateError, not afterMigrate").containsExactly("afterMigrateError cb test 1");
    }

    @Test
    void aCallbackThatEndsItsOwnSessionIsReportedAsTheFailureNotTheClosedConnectionAfterIt() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        // The session ends under the callback: its rollback and the autocommit restore after it fail too.
        Path bad = write("beforeMigrate.sql", "SELECT 1;\nSELECT pg_terminate_backend(pg_backend_pid());");

        assertThatThrownBy(() -> runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(bad);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("Callback beforeMigrate.sql (beforeMigrate) failed in statement 2 of 2",
                            "Nothing was applied");
                    assertThat(e.getSuppressed()).as("the failed rollback and restore ride along")
                            .isNotEmpty().allSatisfy(s -> assertThat(s).isInstanceOf(java.sql.SQLException.class));
                });
        assertThat(f.tableExists("a")).isFalse();
    }

    @Test
    void rollbackRunsItsCallbacksAroundTheDowns() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("001_a.down.sql", "DROP TABLE a;");
        runner().migrate(null, false);
        callback("beforeRollback.sql");
        callback("afterRollback.sql");
        callback("beforeEachMigrate.sql");

        runner().rollback(1, null, false);

        assertThat(logged()).containsExactly("beforeRollback cb test 1", "afterRollback cb test 0");
    }

    @Test
    void aFileThatNamesNoEventIsAnErrorNamingTheValidEventsBeforeAnythingRuns() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        Path bad = write("aftermigrate.sql", "SELECT 1;");
        assertThatThrownBy(() -> runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(Callbacks.CODE_UNKNOWN);
                    assertThat(e.file()).isEqualTo(bad);
                    assertThat(e.getMessage()).contains("'aftermigrate.sql' names no event", "beforeMigrate, beforeEachMigrate,"
                            + " afterEachMigrate, afterMigrate, afterMigrateError, beforeRollback, afterRollback");
                });
        assertThat(f.tableExists("a")).isFalse();
    }

    @Test
    void transactionControlOrAnUnknownPlaceholderInACallbackIsRefusedBeforeAnythingRuns() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        Path commit = write("afterMigrate__x.sql", "SELECT 1;\nCOMMIT;");
        assertThatThrownBy(() -> runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(MigrationScript.TRANSACTION_CONTROL);
                    assertThat(e.file()).isEqualTo(commit);
                    assertThat(e.line()).isEqualTo(2);
                });
        write("afterMigrate__x.sql", "SELECT '${nobody}';");
        assertThatThrownBy(() -> runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code()).isEqualTo(Placeholders.CODE_UNKNOWN));
        assertThat(f.tableExists("a")).isFalse();
        assertThat(f.appliedVersions()).isEmpty();
    }

    @Test
    void javaCallbacksRunAfterTheSqlOnesOfTheirEventAndAFailingPerMigrationOneRollsItsMigrationBack() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        callback("beforeMigrate.sql");
        RunnerConfig config = f.config().withRunSettings(new RunSettings("test", new Placeholders(Map.of("who", "cb"), true),
                List.of(), callbacksDir));

        f.runner(config.withJavaMigrations(getClass().getClassLoader(), "dev.confiture.runner.testmigrations.callbacks"))
                .migrate(null, false);

        assertThat(logged()).containsExactly("beforeMigrate cb test 0", "java beforeMigrate 0", "java beforeEachMigrate 0",
                "java afterEachMigrate 0", "java afterMigrate 1");

        f.write("002_b.up.sql", "CREATE TABLE b (id int);");
        assertThatThrownBy(() -> f.runner(config.withJavaMigrations(getClass().getClassLoader(),
                "dev.confiture.runner.testmigrations.callbacksfailing")).migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.getMessage()).contains(
                        "Java callback dev.confiture.runner.testmigrations.callbacksfailing.RefuseTableB failed at"
                                + " afterEachMigrate of 002_b", "b is not welcome", "Nothing of 002_b was applied"));
        assertThat(f.tableExists("b")).isFalse();
        assertThat(f.appliedVersions()).containsExactly("001");
    }
}
