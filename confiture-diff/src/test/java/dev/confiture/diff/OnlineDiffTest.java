package dev.confiture.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.confiture.model.schema.SchemaModel;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;

/**
 * Which changes the online form spreads over migrations and which keep the plain form, on models from
 * the DDL interpreter (no database; OnlineDiffApplyTest in confiture-runner applies the form for real).
 */
class OnlineDiffTest {

    private static SchemaModel model(String sql) {
        return new DdlInterpreter().interpret(SchemaModel.empty(), List.of(new SqlSource("test.sql", sql)));
    }

    private static List<OnlineStep> steps(String from, String to) {
        return OnlineDiff.plan(model(from), model(to), OwnObjects.DEFAULT, null).steps();
    }

    private static List<String> suffixes(List<OnlineStep> steps) {
        return steps.stream().map(OnlineStep::suffix).toList();
    }

    @Test
    void noDifferenceIsNoMigration() {
        assertThat(steps("CREATE TABLE t (id int);", "CREATE TABLE t (id int);")).isEmpty();
    }

    @Test
    void aChangedIndexIsDroppedThenBuiltConcurrentlyAroundTheMainMigration() {
        List<OnlineStep> steps = steps("CREATE TABLE t (id int, a text); CREATE INDEX t_a ON t (a);",
                "CREATE TABLE t (id int, a text, b text); CREATE INDEX t_a ON t (a, b);");
        assertThat(suffixes(steps)).containsExactly("drop_index_t_a", "", "index_t_a");
        assertThat(steps.get(0).up()).containsExactly("SET lock_timeout = '5s'", "DROP INDEX CONCURRENTLY IF EXISTS public.t_a");
        assertThat(steps.get(0).down()).containsExactly("SET lock_timeout = '5s'",
                "CREATE INDEX CONCURRENTLY t_a ON public.t USING btree (a)");
        assertThat(steps.get(1).upSql()).contains("ADD COLUMN b text").doesNotContain("INDEX");
        assertThat(steps.get(2).up()).containsExactly("SET lock_timeout = '5s'",
                "CREATE INDEX CONCURRENTLY t_a ON public.t USING btree (a, b)");
        assertThat(steps.get(2).transactional()).isFalse();
        assertThat(steps.get(1).transactional()).isTrue();
    }

    @Test
    void anIndexReplacedUnderAnotherNameIsDroppedOnlyOnceItsReplacementIsBuilt() {
        List<OnlineStep> steps = steps("CREATE TABLE t (id int, a text); CREATE INDEX t_a ON t (a);",
                "CREATE TABLE t (id int, a text); CREATE INDEX t_a_id ON t (a, id);");
        assertThat(suffixes(steps)).containsExactly("index_t_a_id", "drop_index_t_a");
        assertThat(steps.get(1).up()).containsExactly("SET lock_timeout = '5s'", "DROP INDEX CONCURRENTLY IF EXISTS public.t_a");
    }

    @Test
    void anIndexOnATableThatLosesAColumnIsDroppedBeforeTheColumn() {
        List<OnlineStep> steps = steps("CREATE TABLE t (id int, a text, b text); CREATE INDEX t_b ON t (b);",
                "CREATE TABLE t (id int, a text);");
        assertThat(suffixes(steps)).containsExactly("drop_index_t_b", "");
        assertThat(steps.get(1).upSql()).contains("DROP COLUMN b").doesNotContain("INDEX");
    }

    @Test
    void aConstraintAlreadyNotValidIsOnlyValidated() {
        List<OnlineStep> steps = steps("CREATE TABLE t (n int); ALTER TABLE t ADD CONSTRAINT n_pos CHECK (n > 0) NOT VALID;",
                "CREATE TABLE t (n int CONSTRAINT n_pos CHECK (n > 0));");
        assertThat(suffixes(steps)).containsExactly("validate");
        assertThat(steps.get(0).up()).containsExactly("SET lock_timeout = '5s'",
                "ALTER TABLE public.t VALIDATE CONSTRAINT n_pos");
        assertThat(steps.get(0).down()).containsExactly("SET lock_timeout = '5s'",
                "ALTER TABLE public.t DROP CONSTRAINT n_pos", "ALTER TABLE public.t ADD CONSTRAINT n_pos " + checkOf(steps) + " NOT VALID");
    }

    private static String checkOf(List<OnlineStep> steps) {
        String add = steps.get(0).down().get(2);
        return add.substring(add.indexOf("CHECK"), add.lastIndexOf(" NOT VALID"));
    }

    @Test
    void aKeyThatAForeignKeyReferencesKeepsThePlainForm() {
        List<OnlineStep> steps = steps("CREATE TABLE t (id int NOT NULL);",
                "CREATE TABLE t (id int NOT NULL CONSTRAINT t_pkey PRIMARY KEY); CREATE TABLE c (t_id int REFERENCES t (id));");
        assertThat(suffixes(steps)).containsExactly("");
        assertThat(steps.get(0).upSql()).contains("ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id)");
    }

    @Test
    void aPlainPrimaryKeySetsItsColumnsNotNullItselfWithoutACheck() {
        List<OnlineStep> steps = steps("CREATE TABLE t (id int);",
                "CREATE TABLE t (id int CONSTRAINT t_pkey PRIMARY KEY); CREATE TABLE c (t_id int REFERENCES t (id));");
        assertThat(suffixes(steps)).containsExactly("");
        assertThat(steps.get(0).upSql()).contains("ADD CONSTRAINT t_pkey PRIMARY KEY (id)").doesNotContain("not_null");
    }

    @Test
    void aNewPrimaryKeyOnANullableColumnSetsItNotNullThroughTheCheckBeforeTheKey() {
        List<OnlineStep> steps = steps("CREATE TABLE t (id int);", "CREATE TABLE t (id int CONSTRAINT t_pkey PRIMARY KEY);");
        assertThat(suffixes(steps)).containsExactly("", "validate", "index_t_pkey", "keys");
        assertThat(steps.get(0).upSql()).contains("ADD CONSTRAINT id_not_null CHECK ((id IS NOT NULL)) NOT VALID");
        assertThat(steps.get(1).upSql()).contains("ALTER COLUMN id SET NOT NULL");
        assertThat(steps.get(2).up()).contains("CREATE UNIQUE INDEX CONCURRENTLY t_pkey ON public.t USING btree (id)");
        assertThat(steps.get(3).up()).contains("ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey");
    }

    @Test
    void aKeyWithOptionsKeepsThePlainForm() {
        List<OnlineStep> steps = steps("CREATE TABLE t (id int NOT NULL, v text);",
                "CREATE TABLE t (id int NOT NULL, v text, CONSTRAINT t_id_key UNIQUE (id) INCLUDE (v));");
        assertThat(suffixes(steps)).containsExactly("");
        assertThat(steps.get(0).upSql()).contains("ADD CONSTRAINT t_id_key UNIQUE (id) INCLUDE (v)");
    }

    @Test
    void partitionedTablesKeepThePlainForm() {
        List<OnlineStep> steps = steps("CREATE TABLE p (id int, at date) PARTITION BY RANGE (at);",
                "CREATE TABLE p (id int NOT NULL, at date) PARTITION BY RANGE (at); CREATE INDEX p_id ON p (id);");
        assertThat(suffixes(steps)).containsExactly("");
        assertThat(steps.get(0).upSql()).contains("CREATE INDEX p_id ON public.p", "ALTER COLUMN id SET NOT NULL")
                .doesNotContain("CONCURRENTLY", "NOT VALID");
    }

    @Test
    void theNotNullCheckGetsANameNoConstraintOfTheTableHasWithinPostgresLimit() {
        String column = "c".repeat(60);
        List<OnlineStep> steps = steps("CREATE TABLE t (" + column + " int, CONSTRAINT " + column
                        + "_no CHECK (" + column + " > 0));",
                "CREATE TABLE t (" + column + " int NOT NULL, CONSTRAINT " + column + "_no CHECK ("
                        + column + " > 0));");
        assertThat(suffixes(steps)).containsExactly("", "validate");
        String add = steps.get(0).up().get(1);
        String name = add.substring("ALTER TABLE public.t ADD CONSTRAINT ".length(), add.indexOf(" CHECK"));
        assertThat(name).hasSizeLessThanOrEqualTo(63).isEqualTo(column.substring(0, 58) + "_2");
        assertThat(steps.get(1).upSql()).contains("VALIDATE CONSTRAINT " + name, "SET NOT NULL", "DROP CONSTRAINT " + name);
    }
}
