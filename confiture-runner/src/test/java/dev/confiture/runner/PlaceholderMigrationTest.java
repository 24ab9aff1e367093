package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import dev.confiture.runner.migration.Checksums;
import dev.confiture.sql.Placeholders;
import org.junit.jupiter.api.Test;

/** Placeholders through migrate and rollback on a real database. */
class PlaceholderMigrationTest extends WithRunnerFixture {

    private MigrationRunner runner(Map<String, String> values) {
        return f.runner(f.config().withRunSettings(new RunSettings("test", new Placeholders(values, true), List.of(), null)));
    }

    @Test
    void migrateAndRollbackRunTheSubstitutedTextAndRecordTheChecksumOfTheFileAsWritten() {
        Path up = f.write("001_t.up.sql", "CREATE TABLE ${table} (id int);\n"
                + "COMMENT ON TABLE ${table} IS '${confiture:env} ${confiture:database} ${confiture:user}';");
        f.write("001_t.down.sql", "DROP TABLE ${table};");

        runner(Map.of("table", "things")).migrate(null, false);

        assertThat(f.tableExists("things")).isTrue();
        assertThat(f.query("SELECT obj_description('things'::regclass)"))
                .containsExactly("test " + f.query("SELECT current_database()").get(0) + " " + f.db.user());
        assertThat(f.query("SELECT up_checksum FROM confiture_migrations")).containsExactly(Checksums.ofUp(up));
        // Another value does not make the applied migration look edited.
        assertThat(runner(Map.of("table", "other")).status().migrations().get(0).status()).isEqualTo("applied");

        runner(Map.of("table", "things")).rollback(1, null, false);
        assertThat(f.tableExists("things")).isFalse();
        assertThat(f.appliedVersions()).isEmpty();
    }

    @Test
    void anUnknownPlaceholderInAnyPendingMigrationFailsBeforeTheFirstRuns() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        Path bad = f.write("002_b.up.sql", "-- ${in_a_comment} is fine\nCREATE TABLE b (id int);\nGRANT SELECT ON b TO ${reader};");

        assertThatThrownBy(() -> runner(Map.of()).migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(Placeholders.CODE_UNKNOWN);
                    assertThat(e.file()).isEqualTo(bad);
                    assertThat(e.line()).isEqualTo(3);
                });
        assertThat(f.tableExists("a")).isFalse();
        assertThat(f.appliedVersions()).isEmpty();
    }

    @Test
    void anUnknownPlaceholderInADownFileFailsRollbackBeforeAnythingIsRolledBack() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("001_a.down.sql", "DROP TABLE a;");
        f.write("002_b.up.sql", "CREATE TABLE b (id int);");
        f.write("002_b.down.sql", "DROP TABLE ${b};");
        runner(Map.of()).migrate(null, false);

        assertThatThrownBy(() -> runner(Map.of()).rollback(2, null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code()).isEqualTo(Placeholders.CODE_UNKNOWN));
        assertThat(f.appliedVersions()).containsExactly("001", "002");
    }

    @Test
    void withReplacementOffTheTextReachesPostgresqlAsWritten() {
        f.write("001_a.up.sql", "CREATE TABLE a (t text DEFAULT '${kept}');");
        f.runner(f.config().withRunSettings(new RunSettings("test", Placeholders.OFF, List.of(), null))).migrate(null, false);
        assertThat(f.query("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'a'::regclass"))
                .containsExactly("'${kept}'::text");
    }
}
