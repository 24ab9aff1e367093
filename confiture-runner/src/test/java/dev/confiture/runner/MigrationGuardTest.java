package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import dev.confiture.model.ConfitureException;
import dev.confiture.sql.MigrationScript;
import org.junit.jupiter.api.Test;

/**
 * What no migration may contain (its own transaction control, psql meta-commands) is refused before
 * anything runs, and every failure says truthfully what stays applied and what is recorded.
 */
class MigrationGuardTest extends WithRunnerFixture {

    @Test
    void aMigrationThatRollsItselfBackIsRefusedBeforeAnythingRuns() {
        f.write("001_ok.up.sql", "CREATE TABLE ok (id int);");
        Path bad = f.write("002_z.up.sql", "CREATE TABLE z (id int);\n\nROLLBACK;\n");

        for (boolean dryRun : new boolean[] {true, false}) {
            assertThatThrownBy(() -> f.runner().migrate(null, dryRun))
                    .isInstanceOfSatisfying(ConfitureException.class, e -> {
                        assertThat(e.code()).isEqualTo(MigrationScript.TRANSACTION_CONTROL);
                        assertThat(e.file()).isEqualTo(bad);
                        assertThat(e.line()).isEqualTo(3);
                        assertThat(e.isFinding()).isTrue();
                        assertThat(e.getMessage()).contains(bad + ":3: 'ROLLBACK' is transaction control",
                                "nothing was applied", "split the migration", "outside a transaction automatically");
                    });
        }
        assertThat(f.tableExists("ok")).isFalse();
        assertThat(f.tableExists("z")).isFalse();
        assertThat(f.appliedVersions()).isEmpty();
    }

    @Test
    void aMigrationThatWouldReleaseTheMigrationLockIsRefusedBeforeAnythingRuns() {
        // Issue 12: the migrations run on the session holding the lock; pg_advisory_unlock_all() would end it silently.
        f.write("001_ok.up.sql", "CREATE TABLE ok (id int);");
        Path bad = f.write("002_unlock.up.sql", "CREATE TABLE z (id int);\nSELECT pg_advisory_unlock_all();\n");
        Path down = f.write("002_unlock.down.sql", "DISCARD ALL;\nDROP TABLE z;\n");

        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(MigrationScript.RELEASES_LOCK);
                    assertThat(e.file()).isEqualTo(bad);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.isFinding()).isTrue();
                    assertThat(e.getMessage()).contains("nothing was applied",
                            bad + ":2: 'SELECT pg_advisory_unlock_all()' calls pg_advisory_unlock_all()",
                            down + ":1: 'DISCARD ALL' releases every advisory lock the session holds");
                });
        assertThat(f.tableExists("ok")).isFalse();
        assertThat(f.appliedVersions()).isEmpty();
    }

    @Test
    void aCommittedHalfFollowedByAFailingStatementIsRefusedBeforeAnythingRuns() {
        Path bad = f.write("001_half.up.sql", "BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE a (id int);\n");
        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(bad);
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.getMessage()).contains(bad + ":1: 'BEGIN'", bad + ":3: 'COMMIT'")
                            .doesNotContain("Nothing of 001_half was applied");
                });
        assertThat(f.tableExists("a")).isFalse();
        assertThat(f.appliedVersions()).isEmpty();
    }

    @Test
    void everyPendingMigrationUpAndDownIsCheckedBeforeTheFirstIsApplied() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("002_b.up.sql", "CREATE TABLE b (id int);");
        Path down = f.write("002_b.down.sql", "DROP TABLE b;\nCOMMIT;\n");
        Path meta = f.write("003_c.up.sql", "\\connect other_db\nCREATE TABLE c (id int);\n");

        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(down);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains(down + ":2: 'COMMIT'",
                            meta + ":1: '\\connect' is a psql meta-command").doesNotContain("other_db");
                });
        assertThat(f.tableExists("a")).isFalse();
        assertThat(f.appliedVersions()).isEmpty();
    }

    @Test
    void aMetaCommandIsRefusedWithFileAndLine() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        Path bad = f.write("002_b.up.sql", "CREATE TABLE b (id int);\n  \\i more.sql\n");
        f.runner().migrate("001", false);

        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(MigrationScript.META_COMMAND);
                    assertThat(e.file()).isEqualTo(bad);
                    assertThat(e.line()).isEqualTo(2);
                });
        assertThat(f.tableExists("b")).isFalse();
        assertThat(f.appliedVersions()).containsExactly("001");
    }

    @Test
    void rollbackRefusesADownWithTransactionControlBeforeAnyDownRuns() throws Exception {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        Path down = f.write("001_a.down.sql", "DROP TABLE a;\nEND;\n");
        f.write("002_b.up.sql", "CREATE TABLE b (id int);");
        f.write("002_b.down.sql", "DROP TABLE b;");
        // recorded without running (as a database built from the schema files is), so migrate's own check is not in the way
        f.runner().baseline(null);
        try (var c = f.db.connect(); var st = c.createStatement()) {
            st.execute("CREATE TABLE a (id int); CREATE TABLE b (id int)");
        }

        assertThatThrownBy(() -> f.runner().rollback(2, null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(MigrationScript.TRANSACTION_CONTROL);
                    assertThat(e.file()).isEqualTo(down);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("nothing was rolled back");
                });
        assertThat(f.tableExists("b")).isTrue();
        assertThat(f.appliedVersions()).containsExactly("001", "002");
    }

    @Test
    void sqlStandardFunctionBodiesAndDoBlocksAreNotTransactionControl() {
        f.write("001_routines.up.sql", """
                CREATE TABLE log (n int);
                CREATE FUNCTION bump(a int) RETURNS int
                LANGUAGE sql
                BEGIN ATOMIC
                  INSERT INTO log VALUES (a);
                  SELECT CASE WHEN a > 0 THEN a ELSE 0 END;
                END;
                DO $$ BEGIN PERFORM bump(1); END $$;
                """);
        f.runner().migrate(null, false);
        assertThat(f.query("SELECT n FROM log")).containsExactly("1");
        assertThat(f.appliedVersions()).containsExactly("001");
    }

    @Test
    void aNonTransactionalMigrationFailingHalfwaySaysWhichStatementsStayAndThatItIsNotRecorded() {
        f.write("001_t.up.sql", "CREATE TABLE t (a int, b int);");
        Path idx = f.write("002_idx.up.sql", """
                CREATE INDEX CONCURRENTLY t_a_idx ON t (a);
                CREATE INDEX CONCURRENTLY t_b_idx ON t (b);
                CREATE INDEX CONCURRENTLY t_x_idx ON t (nosuch);
                CREATE INDEX CONCURRENTLY t_ab_idx ON t (a, b);
                """);
        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(idx);
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("Statements 1-2 of 4 of 002_idx ran outside a transaction and stay"
                                    + " applied: CREATE INDEX CONCURRENTLY t_a_idx ON t (a); CREATE INDEX CONCURRENTLY t_b_idx ON t (b)",
                            "002_idx is not recorded as applied").doesNotContain("Nothing of");
                });
        assertThat(f.query("SELECT relname FROM pg_class WHERE relname LIKE 't\\_%idx' ORDER BY relname"))
                .containsExactly("t_a_idx", "t_b_idx");
        assertThat(f.appliedVersions()).containsExactly("001");
    }

    @Test
    void aNonTransactionalDownFailingHalfwaySaysTheMigrationIsStillRecordedAsApplied() {
        f.write("001_t.up.sql", "CREATE TABLE t (a int, b int);");
        f.write("002_idx.up.sql", "CREATE INDEX CONCURRENTLY t_a_idx ON t (a);\nCREATE INDEX CONCURRENTLY t_b_idx ON t (b);\n");
        Path down = f.write("002_idx.down.sql", "DROP INDEX CONCURRENTLY t_a_idx;\nDROP INDEX CONCURRENTLY t_nosuch_idx;\n"
                + "DROP INDEX CONCURRENTLY t_b_idx;\n");
        f.runner().migrate(null, false);

        assertThatThrownBy(() -> f.runner().rollback(1, null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(down);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("Statement 1 of 3 of the down of 002_idx ran outside a transaction"
                                    + " and stays done: DROP INDEX CONCURRENTLY t_a_idx",
                            "002_idx is still recorded as applied")
                            .doesNotContain("not recorded").doesNotContain("Nothing of");
                });
        assertThat(f.query("SELECT relname FROM pg_class WHERE relname LIKE 't\\_%idx' ORDER BY relname"))
                .containsExactly("t_b_idx");
        assertThat(f.appliedVersions()).containsExactly("001", "002");
    }

    @Test
    void aFailingTransactionalDownSaysTheMigrationStaysAppliedNotThatNothingWasApplied() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        f.write("001_a.down.sql", "DROP TABLE a;");
        f.write("002_b.up.sql", "CREATE TABLE b (id int);");
        Path down = f.write("002_b.down.sql", "DROP TABLE b;\nDROP TABLE nosuch;\n");
        f.runner().migrate(null, false);

        assertThatThrownBy(() -> f.runner().rollback(2, null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(down);
                    assertThat(e.getMessage()).contains("The down of 002_b was rolled back: 002_b stays applied and recorded")
                            .doesNotContain("Nothing of 002_b was applied");
                });
        assertThat(f.tableExists("b")).isTrue();
        assertThat(f.appliedVersions()).containsExactly("001", "002");
    }
    @Test
    void aMigrationThatIsNotUtf8NamesTheOffsetOfTheFirstBadByteBeforeAnythingRuns() throws Exception {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        Path latin1 = dir.resolve("002_cafe.up.sql");
        java.nio.file.Files.write(latin1, "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1); -- caf\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(latin1);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("is not UTF-8 text", "offset 57", "0xE9", "save the file as UTF-8");
                });
        assertThat(f.tableExists("a")).isFalse();
        assertThat(f.appliedVersions()).isEmpty();
    }
    @Test
    void anEditedOrDeletedDownFileOfAnAppliedMigrationIsNamed() throws Exception {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        Path down = f.write("001_a.down.sql", "DROP TABLE a;");
        f.runner().migrate(null, false);

        // A changed down file is a warning naming it, not a refusal (ChecksumChangeTest has the rest).
        f.write("001_a.down.sql", "DROP TABLE IF EXISTS a;");
        f.runner().migrate(null, false);
        assertThat(f.log).anyMatch(l -> l.contains("its down file " + down + " was edited"));
        java.nio.file.Files.delete(down);
        f.runner().migrate(null, false);
        assertThat(f.log).anyMatch(l -> l.contains("its down file " + down + " was deleted"));
    }
    @Test
    void aJavaMigrationCannotCommitThroughCtxExecuteSoNothingOfItStays() {
        f.write("001_a.up.sql", "CREATE TABLE a (id int);");
        MigrationRunner runner = f.runner(f.config().withJavaMigrations(getClass().getClassLoader(),
                "dev.confiture.runner.testmigrations.commits"));
        assertThatThrownBy(() -> runner.migrate(null, false))
                .hasMessageContaining("'COMMIT' is transaction control")
                .hasMessageContaining("Nothing of 002_commits_half_way was applied");
        assertThat(f.tableExists("java_committed")).isFalse();
        assertThat(f.appliedVersions()).containsExactly("001");
    }
}
