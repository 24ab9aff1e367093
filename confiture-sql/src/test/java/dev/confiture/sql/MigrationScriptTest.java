package dev.confiture.sql;

import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationScriptTest {

    private static final Path FILE = Path.of("db/migrations/002_add_phone.up.sql");

    @Test
    void aRollbackIsRefusedWithFileLineAndWhatToDo() {
        String sql = "CREATE TABLE z (id int);\n\nROLLBACK;\n";
        assertThat(MigrationScript.refusals(sql, FILE)).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(MigrationScript.TRANSACTION_CONTROL);
            assertThat(r.file()).isEqualTo(FILE);
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.message()).contains("ROLLBACK", "own transaction", "Remove the statement", "split the migration",
                    "outside a transaction");
        });
        assertThatThrownBy(() -> MigrationScript.split(sql, FILE))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(MigrationScript.TRANSACTION_CONTROL);
                    assertThat(e.file()).isEqualTo(FILE);
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).startsWith(FILE + ":3: ");
                });
    }

    @Test
    void everyTransactionControlStatementIsListedInOrder() {
        String sql = "BEGIN;\nALTER TABLE users ADD COLUMN phone text;\nSAVEPOINT s;\nCOMMIT;\n";
        assertThat(MigrationScript.refusals(sql, FILE)).extracting(MigrationScript.Refusal::line).containsExactly(1, 3, 4);
    }

    @Test
    void psqlMetaCommandsAreRefusedWithTheirLineButNotTheirArguments() {
        String sql = "CREATE TABLE a (id int);\n\\connect other password=secret\n  \\i more.sql\nCREATE TABLE b (id int);\n";
        List<MigrationScript.Refusal> refusals = MigrationScript.refusals(sql, FILE);
        assertThat(refusals).extracting(MigrationScript.Refusal::code).containsOnly(MigrationScript.META_COMMAND);
        assertThat(refusals).extracting(MigrationScript.Refusal::line).containsExactly(2, 3);
        assertThat(refusals.get(0).message()).contains("\\connect", "psql meta-command").doesNotContain("secret");
        assertThat(refusals.get(1).message()).contains("\\i");
    }

    @Test
    void statementsThatReleaseTheMigrationLockAreRefusedWithFileAndLine() {
        String sql = """
                CREATE TABLE a (id int);
                DISCARD ALL;
                discard temp;
                SELECT pg_advisory_unlock_all();
                SELECT pg_catalog.pg_advisory_unlock(42);
                SELECT "pg_advisory_unlock_all"();
                DO $$ BEGIN PERFORM pg_advisory_unlock_all(); END $$;
                SELECT PG_Advisory_Unlock(7);
                Discard Plans;
                """;
        List<MigrationScript.Refusal> refusals = MigrationScript.refusals(sql, FILE);
        assertThat(refusals).extracting(MigrationScript.Refusal::code).containsOnly(MigrationScript.RELEASES_LOCK);
        assertThat(refusals).extracting(MigrationScript.Refusal::line).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(refusals.get(0).message()).contains("'DISCARD ALL' releases every advisory lock the session holds",
                "holds the migration lock", "another runner", "pg_advisory_xact_lock");
        assertThat(refusals.get(1).message()).contains("'discard temp' resets state of the session, as DISCARD ALL does");
        assertThat(refusals.get(2).message()).contains("calls pg_advisory_unlock_all()");
        assertThat(refusals.get(3).message()).contains("calls pg_advisory_unlock(...)");
        assertThatThrownBy(() -> MigrationScript.split(sql, FILE))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(MigrationScript.RELEASES_LOCK);
                    assertThat(e.line()).isEqualTo(2);
                });
    }

    @Test
    void advisoryLockWordsThatReleaseNothingHereAreNotRefused() {
        String sql = """
                -- SELECT pg_advisory_unlock_all();
                COMMENT ON TABLE a IS 'never call pg_advisory_unlock_all() or DISCARD ALL';
                SELECT pg_advisory_xact_lock(42);
                SELECT pg_advisory_unlock_shared(7);
                CREATE FUNCTION release() RETURNS void LANGUAGE sql AS $$ SELECT pg_advisory_unlock_all() $$;
                CREATE TABLE discard (pg_advisory_unlock int);
                """;
        assertThat(MigrationScript.refusals(sql, FILE)).isEmpty();
    }

    @Test
    void beginAndEndInsideRoutineBodiesAndDoBlocksAreNotRefused() {
        String sql = """
                DO $$ BEGIN PERFORM 1; END $$;
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$
                BEGIN
                  RETURN 1;
                END;
                $fn$;
                create or replace function g(a int) returns int
                language sql
                begin atomic
                  select case when a > 0 then a else 0 end;
                end;
                CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END;
                CALL p();
                """;
        assertThat(MigrationScript.refusals(sql, FILE)).isEmpty();
        assertThat(MigrationScript.split(sql, FILE)).hasSize(5);
    }
}
