package dev.confiture.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;

/** Confiture's own objects are left out of both sides of every comparison, with what hangs off them. */
class OwnObjectsTest {

    private static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n";

    private static SchemaModel model(String sql) {
        return new DdlInterpreter().interpret(SchemaModel.empty(), List.of(new SqlSource("test.sql", sql)));
    }

    @Test
    void theTrackingTableWithItsSequenceIndexCommentAndGrantsIsNoDifference() {
        SchemaModel withTracking = model(USERS + """
                CREATE TABLE public.confiture_migrations (id serial, version text PRIMARY KEY, name text NOT NULL);
                CREATE INDEX confiture_migrations_name_idx ON public.confiture_migrations (name);
                COMMENT ON TABLE public.confiture_migrations IS 'applied migrations';
                COMMENT ON COLUMN public.confiture_migrations.name IS 'the name';
                GRANT SELECT ON public.confiture_migrations TO PUBLIC;
                """);
        DiffResult r = SchemaDiff.compare(withTracking, model(USERS));
        assertThat(r.changes()).isEmpty();
        assertThat(r.upSql()).isEmpty();
        assertThat(r.downSql()).isEmpty();
    }

    @Test
    void theCoordinationSchemaAndEverythingInItIsNoDifference() {
        SchemaModel withStore = model(USERS + """
                CREATE SCHEMA confiture_coordination;
                CREATE TYPE confiture_coordination.status AS ENUM ('REGISTERED', 'COMPLETED');
                CREATE TABLE confiture_coordination.intents (intent_id text PRIMARY KEY,
                    status confiture_coordination.status NOT NULL, history_id bigserial);
                CREATE VIEW confiture_coordination.active AS SELECT intent_id FROM confiture_coordination.intents;
                CREATE FUNCTION confiture_coordination.touch() RETURNS integer LANGUAGE sql AS 'SELECT 1';
                COMMENT ON SCHEMA confiture_coordination IS 'the store';
                GRANT USAGE ON SCHEMA confiture_coordination TO PUBLIC;
                """);
        assertThat(SchemaDiff.compare(model(USERS), withStore).changes()).isEmpty();
        assertThat(SchemaDiff.compare(withStore, model(USERS)).changes()).isEmpty();
    }

    @Test
    void aScratchTypeOfAnEnumRebuildIsNoDifference() {
        SchemaModel leftOver = model(USERS + "CREATE TYPE mood__confiture_old AS ENUM ('sad');\n");
        assertThat(SchemaDiff.compare(leftOver, model(USERS)).changes()).isEmpty();
    }

    @Test
    void aQualifiedTrackingTableTakesItsSchemaWhenNothingElseLivesThere() {
        String tracking = "CREATE SCHEMA ops;\nCREATE TABLE ops.schema_history (version text PRIMARY KEY);\n";
        OwnObjects own = OwnObjects.of("ops.schema_history");
        assertThat(SchemaDiff.compare(model(USERS + tracking), model(USERS), own).changes()).isEmpty();
        // a user table beside it keeps the schema
        SchemaModel shared = own.strip(model(USERS + tracking + "CREATE TABLE ops.jobs (id int);\n"));
        assertThat(shared.schemas()).containsKey("ops");
        assertThat(shared.tables()).containsKey(QualifiedName.of("ops", "jobs"))
                .doesNotContainKey(QualifiedName.of("ops", "schema_history"));
        // with another tracking table configured, public.confiture_migrations is the user's
        assertThat(SchemaDiff.compare(model(USERS + "CREATE TABLE confiture_migrations (v text);\n"), model(USERS), own)
                .upSql()).contains("DROP TABLE public.confiture_migrations");
    }

    @Test
    void anUnqualifiedTrackingTableMatchesInAnySchema() {
        SchemaModel elsewhere = model(USERS + "CREATE SCHEMA app;\nCREATE TABLE app.confiture_migrations (v text);\n"
                + "CREATE TABLE app.orders (id int);\n");
        SchemaModel stripped = OwnObjects.DEFAULT.strip(elsewhere);
        assertThat(stripped.tables()).doesNotContainKey(QualifiedName.of("app", "confiture_migrations"))
                .containsKey(QualifiedName.of("app", "orders"));
    }

    @Test
    void aModelWithoutOwnObjectsIsReturnedAsItIs() {
        SchemaModel plain = model(USERS);
        assertThat(OwnObjects.DEFAULT.strip(plain)).isSameAs(plain);
    }
}
