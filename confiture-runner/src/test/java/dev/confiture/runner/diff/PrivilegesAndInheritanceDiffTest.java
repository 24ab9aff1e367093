package dev.confiture.runner.diff;

import static dev.confiture.runner.diff.BothReaders.interpret;
import static dev.confiture.runner.diff.BothReaders.read;
import static dev.confiture.runner.diff.BothReaders.run;
import static dev.confiture.runner.diff.BothReaders.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.confiture.diff.DiffResult;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/**
 * Two changes a diff used to get wrong without a word, each judged with both readers (the catalog reader on
 * real databases, as shadow mode does, and the DDL interpreter, as offline mode does) and run on a database:
 * PUBLIC's default EXECUTE revoked from a function (the migration left it callable by everyone), and a
 * parent table gaining a column its child already has (the migration dropped the child's column, values
 * and all, before the parent's ADD brought an empty one back).
 */
class PrivilegesAndInheritanceDiffTest {

    private static final String FUNCTION = """
            CREATE FUNCTION secret() RETURNS integer LANGUAGE sql SECURITY DEFINER AS $$ SELECT 42 $$;
            CREATE TYPE mood AS ENUM ('sad', 'happy');
            """;
    private static final String LOCKED = FUNCTION + """
            REVOKE ALL ON FUNCTION secret() FROM PUBLIC;
            REVOKE USAGE ON TYPE mood FROM PUBLIC;
            """;

    @Test
    void defaultPrivilegesRevokedFromPublicAreKeptAndGivenBack() throws SQLException {
        Grant execute = Grant.revokedFromPublic(new ObjectRef(ObjectRef.Kind.FUNCTION, "public.secret()"), "EXECUTE");
        Grant usage = Grant.revokedFromPublic(new ObjectRef(ObjectRef.Kind.TYPE, "public.mood"), "USAGE");
        assertThat(interpret(LOCKED).grants()).containsExactlyInAnyOrder(execute, usage);
        assertThat(interpret(LOCKED + "GRANT EXECUTE ON FUNCTION secret() TO PUBLIC;").grants()).containsExactly(usage);
        try (TestDatabase a = TestPostgres.newDatabase("priv_a"); TestDatabase b = TestPostgres.newDatabase("priv_b")) {
            a.execute(FUNCTION);
            b.execute(LOCKED);
            assertThat(read(b).grants()).filteredOn(Grant::revoked).containsExactlyInAnyOrder(execute, usage);
            for (DiffResult diff : List.of(SchemaDiff.compare(read(a), read(b)),
                    SchemaDiff.compare(interpret(FUNCTION), interpret(LOCKED)))) {
                assertThat(diff.upSql()).contains("REVOKE EXECUTE ON FUNCTION public.secret() FROM PUBLIC");
                run(a, diff.up());
                assertThat(publicMayExecute(a)).isFalse();
                assertThat(SchemaDiff.compare(read(a), read(b)).isEmpty()).isTrue();
                run(a, diff.down());
                assertThat(publicMayExecute(a)).isTrue();
            }
        }
    }

    @Test
    void aParentGainingAColumnItsChildHasKeepsTheChildsValues() throws SQLException {
        String before = "CREATE TABLE parent (id integer);\nCREATE TABLE child (id integer, note text) INHERITS (parent);\n";
        String after = "CREATE TABLE parent (id integer, note text);\n"
                + "CREATE TABLE child (id integer, note text) INHERITS (parent);\n";
        try (TestDatabase a = TestPostgres.newDatabase("inh_a"); TestDatabase b = TestPostgres.newDatabase("inh_b")) {
            a.execute(before);
            b.execute(after);
            for (DiffResult diff : List.of(SchemaDiff.compare(read(a), read(b)),
                    SchemaDiff.compare(interpret(before), interpret(after)))) {
                assertThat(diff.upSql()).doesNotContain("DROP COLUMN");
                a.execute("TRUNCATE child; INSERT INTO child VALUES (1, 'kept')");
                run(a, diff.up());
                assertThat(text(a, "SELECT note FROM child")).isEqualTo("kept");
                assertThat(text(a, "SELECT note FROM parent")).isEqualTo("kept");
                assertThat(SchemaDiff.compare(read(a), read(b)).isEmpty()).isTrue();
                run(a, diff.down());
                assertThat(text(a, "SELECT note FROM child")).isEqualTo("kept");
            }
        }
    }

    private static boolean publicMayExecute(TestDatabase db) throws SQLException {
        return text(db, "SELECT EXISTS (SELECT 1 FROM pg_proc p, aclexplode(coalesce(p.proacl,"
                + " acldefault('f', p.proowner))) a WHERE p.proname = 'secret' AND a.grantee = 0)").equals("t");
    }

}
