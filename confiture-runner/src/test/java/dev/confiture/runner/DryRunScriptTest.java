package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.SessionSetting;
import dev.confiture.sql.Placeholders;
import dev.confiture.runner.report.StatusEntry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dry-run script, run by the real psql: afterwards the database is where migrate (or rollback)
 * would have put it, so status shows everything applied and migrate has nothing to do.
 */
class DryRunScriptTest extends WithRunnerFixture {

    @TempDir
    Path out;

    private MigrationRunner runner(Path callbacks) {
        return f.runner(f.config().withRunSettings(new RunSettings("test", new Placeholders(Map.of("table", "items"), true),
                List.of(new SessionSetting("lock_timeout", "5s", null, 0, "test")), callbacks)));
    }

    /** psql -v ON_ERROR_STOP=1 -f script against the fixture's database; its exit code and output. */
    private String psql(Path script, int expectedExit) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")) || which("psql"), "psql is not installed");
        URI uri = URI.create(f.db.jdbcUrl().substring("jdbc:".length()));
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", uri.getHost(),
                "-p", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()), "-U", f.db.user(),
                "-d", uri.getPath().substring(1), "-f", script.toString()).redirectErrorStream(true);
        if (f.db.password() != null) {
            pb.environment().put("PGPASSWORD", f.db.password());
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(expectedExit);
        return output;
    }

    private static boolean which(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theMigrateScriptRunByPsqlLeavesNothingForMigrateAndTheRollbackScriptUndoesAsRollbackWould() throws Exception {
        Path callbacks = Files.createDirectories(out.resolve("callbacks"));
        Files.writeString(callbacks.resolve("beforeMigrate.sql"), "CREATE TABLE IF NOT EXISTS cb_log (what text, lt text);");
        Files.writeString(callbacks.resolve("afterEachMigrate.sql"),
                "INSERT INTO cb_log VALUES ('${confiture:env}', current_setting('lock_timeout'));");
        Files.writeString(callbacks.resolve("beforeRollback.sql"), "INSERT INTO cb_log VALUES ('rollback', 'x');");
        f.write("001_items.up.sql", "CREATE TABLE ${table} (id int PRIMARY KEY, label text);\n"
                + "COPY ${table} (id, label) FROM stdin;\n1\tone\n2\ttwo\n\\.\n"
                + "CREATE FUNCTION item_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM ${table} $$;");
        f.write("001_items.down.sql", "DROP FUNCTION item_count();\nDROP TABLE ${table};");
        f.write("002_index.up.sql", "CREATE INDEX CONCURRENTLY items_label ON items (label);");
        f.write("002_index.down.sql", "DROP INDEX CONCURRENTLY items_label;");
        f.write("003_path.up.sql", "SELECT pg_catalog.set_config('search_path', '', false);\n"
                + "CREATE TABLE public.later (id int);");
        f.write("003_path.down.sql", "DROP TABLE later;");
        Path script = out.resolve("target/confiture/migrate.sql");

        runner(callbacks).migrate(null, false, script);

        assertThat(f.tableExists("confiture_migrations")).as("a dry run changes nothing").isFalse();
        assertThat(f.tableExists("items")).isFalse();
        String text = Files.readString(script);
        assertThat(text).contains("SET lock_timeout TO '5s';", "SELECT pg_advisory_lock(", "CREATE TABLE items",
                "-- 002_index: ", "Outside a transaction", "1\tone\n2\ttwo\n\\.\n", "SELECT count(*) FROM items");

        psql(script, 0);

        assertThat(runner(callbacks).status().migrations()).extracting(StatusEntry::status)
                .containsExactly("applied", "applied", "applied");
        assertThat(runner(callbacks).migrate(null, false).migrations()).isEmpty();
        assertThat(f.query("SELECT item_count()")).containsExactly("2");
        assertThat(f.query("SELECT what || ' ' || lt FROM cb_log")).containsExactly("test 5s", "test 5s", "test 5s");
        assertThat(f.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).containsExactly("0");

        Path rollback = out.resolve("rollback.sql");
        runner(callbacks).rollback(2, null, false, rollback);
        assertThat(f.appliedVersions()).containsExactly("001", "002", "003");

        psql(rollback, 0);

        assertThat(f.appliedVersions()).containsExactly("001");
        assertThat(f.tableExists("later")).isFalse();
        assertThat(f.query("SELECT count(*) FROM pg_indexes WHERE indexname = 'items_label'")).containsExactly("0");
        assertThat(f.query("SELECT count(*) FROM cb_log WHERE what = 'rollback'")).containsExactly("1");
        assertThat(runner(callbacks).rollback(2, null, true).migrations()).hasSize(1);
    }

    @Test
    void repeatableMigrationsAreInTheScriptAfterTheVersionedOnesWithTheirRows() throws Exception {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("R__a_ids.sql", "CREATE OR REPLACE VIEW a_ids AS SELECT id FROM a;");
        Path script = out.resolve("m.sql");
        runner(null).migrate(null, false, script);
        String text = Files.readString(script);
        assertThat(text.indexOf("-- R__a_ids (repeatable)")).isGreaterThan(text.indexOf("CREATE TABLE a"));

        psql(script, 0);

        assertThat(runner(null).status().migrations()).extracting(e -> e.version() + ":" + e.status())
                .containsExactly("001:applied", "R__a_ids:applied");
        assertThat(runner(null).migrate(null, false).migrations()).isEmpty();
        // edited: the next script applies it again, over its row
        f.write("R__a_ids.sql", "CREATE OR REPLACE VIEW a_ids AS SELECT id, id + 1 AS next_id FROM a;");
        runner(null).migrate(null, false, script);
        psql(script, 0);
        assertThat(runner(null).status().migrations()).extracting(StatusEntry::status).containsOnly("applied");
        assertThat(f.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'a_ids'")).containsExactly("2");
    }

    @Test
    void aRepeatableHasThePerMigrationCallbacksInTheScriptAsTheRunnerRunsThem() throws Exception {
        Path callbacks = Files.createDirectories(out.resolve("callbacks"));
        Files.writeString(callbacks.resolve("beforeMigrate.sql"), "CREATE TABLE IF NOT EXISTS cb_log (what text);");
        Files.writeString(callbacks.resolve("beforeEachMigrate.sql"), "INSERT INTO cb_log VALUES ('before');");
        Files.writeString(callbacks.resolve("afterEachMigrate.sql"), "INSERT INTO cb_log VALUES ('after');");
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("R__a_ids.sql", "CREATE OR REPLACE VIEW a_ids AS SELECT id FROM a;");
        Path script = out.resolve("m.sql");

        runner(callbacks).migrate(null, false, script);

        String text = Files.readString(script);
        String repeatable = text.substring(text.indexOf("-- R__a_ids (repeatable)"));
        assertThat(repeatable).containsSubsequence("BEGIN;", "INSERT INTO cb_log VALUES ('before');",
                "CREATE OR REPLACE VIEW a_ids", "INSERT INTO cb_log VALUES ('after');", "R__a_ids", "COMMIT;");

        psql(script, 0);

        assertThat(f.query("SELECT what FROM cb_log")).containsExactly("before", "after", "before", "after");
        assertThat(runner(callbacks).migrate(null, false).migrations()).isEmpty();
    }

    @Test
    void aScriptRunAfterTheDatabaseMovedOnStopsAtTheTrackingRowWithNothingOfThatMigrationKept() throws Exception {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        Path script = out.resolve("m.sql");
        runner(null).migrate(null, false, script);
        runner(null).migrate(null, false);
        f.db.execute("DROP TABLE a");

        String output = psql(script, 3);

        assertThat(output).contains("duplicate key");
        assertThat(f.tableExists("a")).as("its transaction was rolled back").isFalse();
    }

    @Test
    void baselineOnMigrateRowsAreInTheScriptAndAnOutOfOrderMigrationIsRefusedBeforeAnyScriptIsWritten() throws Exception {
        f.db.execute("CREATE TABLE legacy (id int)");
        f.write("001_legacy.up.sql", "CREATE TABLE legacy (id int);");
        f.write("002_more.up.sql", "CREATE TABLE more (id int);");
        Path script = out.resolve("baseline.sql");

        runner(null).migrate(null, false, new MigrateOptions(false, true, "001"), script);
        psql(script, 0);

        assertThat(f.query("SELECT version || ':' || kind FROM confiture_migrations ORDER BY version"))
                .containsExactly("001:baseline", "002:sql");
        assertThat(runner(null).migrate(null, false).migrations()).isEmpty();

        f.write("000_late.up.sql", "CREATE TABLE late (id int);");
        Path refused = out.resolve("late.sql");
        assertThatThrownBy(() -> runner(null).migrate(null, false, refused))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.getMessage()).contains("confiture.outOfOrder"));
        assertThat(refused).doesNotExist();
    }

    @Test
    void aJavaMigrationCannotBeScriptedAndNoScriptIsWritten() {
        f.write("001_create_users.up.sql", "CREATE TABLE users (id int, email text);");
        Path script = out.resolve("m.sql");
        assertThatThrownBy(() -> f.runner(f.config().withJavaMigrations(getClass().getClassLoader(),
                "dev.confiture.runner.testmigrations.ok")).migrate(null, false, script))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(DryRunScript.CODE_JAVA);
                    assertThat(e.getMessage()).contains("is a Java migration", "no script was written");
                });
        assertThat(script).doesNotExist();
        assertThat(f.tableExists("users")).isFalse();
    }
}
