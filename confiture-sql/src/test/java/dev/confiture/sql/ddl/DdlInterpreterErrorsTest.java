package dev.confiture.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlInterpreterErrorsTest {

    private static final String SCRIPT = """
            CREATE TABLE t (id int);

            CREATE LANGUAGE plsample
              HANDLER plsample_call_handler;
            ALTER TABLE missing ADD COLUMN x int;
            CREATE TABLE u (id int);
            CREATE TEMP TABLE scratch (x int);
            """;

    @Test
    void strictModeNamesFileLineStatementAndWhatToDo() {
        assertThatThrownBy(() -> new DdlInterpreter().interpret(SchemaModel.empty(),
                List.of(new SqlSource("db/schema/10_t.sql", SCRIPT))))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("DDL_UNSUPPORTED");
                    assertThat(e.file()).isEqualTo(Path.of("db/schema/10_t.sql"));
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.isFinding()).isFalse();
                    assertThat(e.getMessage()).startsWith("db/schema/10_t.sql:3: ")
                            .contains("CREATE LANGUAGE plsample HANDLER").contains("CREATE LANGUAGE is not supported")
                            .contains("move it out of the schema files");
                });
    }

    @Test
    void strictModeRefusesWhatPostgresqlWouldRefuse() {
        assertThatThrownBy(() -> new DdlInterpreter().interpret(SchemaModel.empty(),
                List.of(new SqlSource("a.sql", "CREATE TABLE t (id int);\nALTER TABLE missing ADD COLUMN x int;"))))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("DDL_OBJECT_STATE");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("table public.missing does not exist");
                });
        assertThatThrownBy(() -> new DdlInterpreter().interpret(SchemaModel.empty(),
                List.of(new SqlSource("a.sql", "CREATE TABLE t (id int); CREATE TABLE t (id int);"))))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code())
                        .isEqualTo("DDL_OBJECT_STATE"));
    }

    /** Index and constraint names are looked up in an index kept in step with every table and view change. */
    @Test
    void relationNamesFollowRenamesDropsAndMaterializedViews() {
        String base = """
                CREATE TABLE t (id int CONSTRAINT t_key PRIMARY KEY, n int);
                CREATE INDEX t_n ON t (n);
                CREATE MATERIALIZED VIEW mv AS SELECT 1 AS x;
                CREATE INDEX mv_x ON mv (x);
                """;
        for (String taken : List.of("CREATE INDEX t_n ON t (id);", "CREATE INDEX t_key ON t (n);",
                "CREATE INDEX mv_x ON t (n);", "CREATE SEQUENCE t_n;",
                "ALTER TABLE t RENAME TO u; CREATE INDEX t_n ON u (id);")) {
            assertThatThrownBy(() -> new DdlInterpreter().interpret(SchemaModel.empty(),
                    List.of(new SqlSource("a.sql", base + taken))))
                    .as(taken).isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code())
                            .isEqualTo("DDL_OBJECT_STATE"));
        }
        SchemaModel freed = new DdlInterpreter().interpret(SchemaModel.empty(), List.of(new SqlSource("a.sql", base + """
                DROP INDEX t_n;
                CREATE INDEX t_n ON t (id);
                ALTER INDEX t_n RENAME TO t_id;
                CREATE INDEX t_n ON t (n);
                DROP MATERIALIZED VIEW mv;
                CREATE INDEX mv_x ON t (n);
                ALTER TABLE t DROP CONSTRAINT t_key;
                CREATE INDEX t_key ON t (n);
                DROP TABLE t;
                CREATE SEQUENCE t_n;
                """)));
        assertThat(freed.tables()).isEmpty();
        assertThat(freed.sequences()).containsKey(QualifiedName.of("public", "t_n"));
    }

    @Test
    void aMigrationIsRefusedForTransactionControlAndMetaCommandsAsTheRunnerRefusesIt() {
        SchemaModel users = new DdlInterpreter().interpret(SchemaModel.empty(),
                List.of(new SqlSource("db/schema/users.sql", "CREATE TABLE users (id int);")));
        String rollback = "BEGIN;\nALTER TABLE users ADD COLUMN phone text;\nROLLBACK;\n";
        assertThatThrownBy(() -> new DdlInterpreter().interpretMigration(users,
                new SqlSource("db/migrations/002_phone.up.sql", rollback)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(dev.confiture.sql.MigrationScript.TRANSACTION_CONTROL);
                    assertThat(e.file()).isEqualTo(Path.of("db/migrations/002_phone.up.sql"));
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.getMessage()).isEqualTo(dev.confiture.sql.MigrationScript
                            .refusals(rollback, Path.of("db/migrations/002_phone.up.sql")).get(0).toException().getMessage());
                });
        assertThatThrownBy(() -> new DdlInterpreter().interpretMigration(users,
                new SqlSource("db/migrations/003_x.up.sql", "\\connect other\nCREATE TABLE x (id int);")))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(dev.confiture.sql.MigrationScript.META_COMMAND);
                    assertThat(e.line()).isEqualTo(1);
                });
        // the same text as a schema file is read as before: transaction control has no structural effect there
        assertThat(new DdlInterpreter().interpret(users, List.of(new SqlSource("db/schema/x.sql", rollback)))
                .tables().get(QualifiedName.of("public", "users")).columns()).hasSize(2);
        assertThat(new DdlInterpreter().interpretMigration(users, new SqlSource("db/migrations/004_ok.up.sql",
                "ALTER TABLE users ADD COLUMN phone text;")).tables().get(QualifiedName.of("public", "users")).columns())
                .hasSize(2);
    }

    @Test
    void lenientModeReportsAndGoesOn() {
        InterpretResult r = new DdlInterpreter().interpretLenient(SchemaModel.empty(),
                List.of(new SqlSource("s.sql", SCRIPT)));
        assertThat(r.model().tables()).containsOnlyKeys(QualifiedName.of("public", "t"),
                QualifiedName.of("public", "u"));
        assertThat(r.problems()).extracting(Diagnostic::line, Diagnostic::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, Diagnostic.Kind.UNSUPPORTED),
                org.assertj.core.groups.Tuple.tuple(5, Diagnostic.Kind.OBJECT_STATE));
        assertThat(r.diagnostics()).anySatisfy(d -> {
            assertThat(d.line()).isEqualTo(7);
            assertThat(d.kind()).isEqualTo(Diagnostic.Kind.NOTE);
            assertThat(d.message()).contains("temporary");
        });
        assertThat(r.problems().get(0).statementExcerpt()).startsWith("CREATE LANGUAGE plsample HANDLER");
    }

    @Test
    void unterminatedQuoteIsAnErrorInStrictAndADiagnosticInLenient() {
        List<SqlSource> src = List.of(new SqlSource("q.sql", "CREATE TABLE t (id int);\nCOMMENT ON TABLE t IS 'oops;\n"));
        assertThatThrownBy(() -> new DdlInterpreter().interpret(SchemaModel.empty(), src))
                .isInstanceOf(ConfitureException.class);
        InterpretResult r = new DdlInterpreter().interpretLenient(SchemaModel.empty(), src);
        assertThat(r.problems()).singleElement().satisfies(d -> assertThat(d.source()).isEqualTo("q.sql"));
    }

    @Test
    void garbageIsUnsupportedNotACrash() {
        for (String sql : List.of("CREATE TABLE (", "ALTER TABLE t ADD", "CREATE INDEX ON", "GRANT", "xyzzy 1 2 3",
                "CREATE TABLE t (id int) PARTITION", "COMMENT ON TABLE t IS 42", "CREATE FUNCTION f() RETURNS int")) {
            InterpretResult r = new DdlInterpreter().interpretLenient(SchemaModel.empty(), List.of(
                    new SqlSource("g.sql", "CREATE TABLE t (id int);\n" + sql)));
            assertThat(r.problems()).as(sql).hasSize(1);
        }
    }
}
