package dev.confiture.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.ObjectRef.Kind;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.RoutineSignature;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;

/**
 * The kinds kept as opaque objects (OpaqueDdl): identity as DROP names the object, definition in
 * OpaqueSql's canonical text, ALTERs that complete the object kept after its CREATE, comments, drops, and
 * the forms refused with the form named. PgDumpProofTest checks the same against a real catalog.
 */
class DdlInterpreterOpaqueKindsTest {

    private static final String KINDS = """
            CREATE SCHEMA app;
            SET search_path = app;
            CREATE TABLE items (id int PRIMARY KEY, name text);
            CREATE TYPE mood AS ENUM ('sad', 'happy');
            CREATE FUNCTION cmp(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 0 $$;
            CREATE OPERATOR FAMILY int_fam USING btree;
            CREATE OPERATOR CLASS int_ops FOR TYPE int4 USING btree FAMILY int_fam AS OPERATOR 1 <, FUNCTION 1 cmp(int, int);
            CREATE CAST (mood AS text) WITH INOUT;
            CREATE DEFAULT CONVERSION my_conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
            CREATE TEXT SEARCH PARSER my_parser (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);
            CREATE TEXT SEARCH TEMPLATE my_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
            CREATE TEXT SEARCH DICTIONARY my_dict (TEMPLATE = my_template);
            CREATE TEXT SEARCH CONFIGURATION my_config (PARSER = my_parser);
            ALTER TEXT SEARCH CONFIGURATION my_config ADD MAPPING FOR word WITH my_dict;
            ALTER TEXT SEARCH CONFIGURATION my_config OWNER TO someone;
            CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
            CREATE TRANSFORM FOR mood LANGUAGE sql (FROM SQL WITH FUNCTION f(internal), TO SQL WITH FUNCTION g(internal));
            CREATE FOREIGN DATA WRAPPER my_fdw;
            CREATE SERVER my_server FOREIGN DATA WRAPPER my_fdw OPTIONS (host 'example.org');
            CREATE USER MAPPING FOR CURRENT_USER SERVER my_server;
            CREATE USER MAPPING FOR public SERVER my_server;
            CREATE FOREIGN TABLE remote_items (id integer NOT NULL) SERVER my_server;
            ALTER FOREIGN TABLE ONLY remote_items ALTER COLUMN id OPTIONS (column_name 'ID');
            CREATE EVENT TRIGGER my_event ON ddl_command_end EXECUTE FUNCTION cmp();
            CREATE PUBLICATION my_pub WITH (publish = 'insert');
            ALTER PUBLICATION my_pub ADD TABLE ONLY items;
            CREATE SUBSCRIPTION my_sub CONNECTION 'host=x' PUBLICATION my_pub WITH (connect = false);
            CREATE STATISTICS IF NOT EXISTS items_stats (dependencies) ON id, name FROM items;
            CREATE OR REPLACE RULE items_log AS ON DELETE TO items DO ALSO NOTHING;
            """;

    private static SchemaModel run(String sql) {
        return new DdlInterpreter().interpret(SchemaModel.empty(), List.of(new SqlSource("s.sql", sql)));
    }

    @Test
    void everyKindIsAnOpaqueObjectNamedAsItsDropNamesIt() {
        SchemaModel m = run(KINDS);
        assertThat(m.others().keySet()).containsExactlyInAnyOrder(
                new ObjectRef(Kind.OPERATOR_FAMILY, "app.int_fam USING btree"),
                new ObjectRef(Kind.OPERATOR_CLASS, "app.int_ops USING btree"),
                new ObjectRef(Kind.CAST, "(app.mood AS text)"),
                new ObjectRef(Kind.CONVERSION, "app.my_conv"),
                new ObjectRef(Kind.TEXT_SEARCH_PARSER, "app.my_parser"),
                new ObjectRef(Kind.TEXT_SEARCH_TEMPLATE, "app.my_template"),
                new ObjectRef(Kind.TEXT_SEARCH_DICTIONARY, "app.my_dict"),
                new ObjectRef(Kind.TEXT_SEARCH_CONFIGURATION, "app.my_config"),
                new ObjectRef(Kind.ACCESS_METHOD, "heap2"),
                new ObjectRef(Kind.TRANSFORM, "FOR app.mood LANGUAGE sql"),
                new ObjectRef(Kind.FOREIGN_DATA_WRAPPER, "my_fdw"),
                new ObjectRef(Kind.SERVER, "my_server"),
                new ObjectRef(Kind.USER_MAPPING, "FOR CURRENT_USER SERVER my_server"),
                new ObjectRef(Kind.USER_MAPPING, "FOR PUBLIC SERVER my_server"),
                new ObjectRef(Kind.FOREIGN_TABLE, "app.remote_items"),
                new ObjectRef(Kind.EVENT_TRIGGER, "my_event"),
                new ObjectRef(Kind.PUBLICATION, "my_pub"),
                new ObjectRef(Kind.SUBSCRIPTION, "my_sub"),
                new ObjectRef(Kind.STATISTICS, "app.items_stats"),
                new ObjectRef(Kind.RULE, "items_log ON app.items"));
        // the name schema-qualified, IF NOT EXISTS / OR REPLACE left out, canonical text
        assertThat(m.others().get(new ObjectRef(Kind.STATISTICS, "app.items_stats")).createSql())
                .isEqualTo("create statistics app.items_stats(dependencies) on id, name from items");
        assertThat(m.others().get(new ObjectRef(Kind.RULE, "items_log ON app.items")).createSql())
                .isEqualTo("create rule items_log as on delete to items do also nothing");
        assertThat(m.others().get(new ObjectRef(Kind.CONVERSION, "app.my_conv")).createSql())
                .isEqualTo("create default conversion app.my_conv for 'LATIN1' to 'UTF8' from iso8859_1_to_utf8");
        assertThat(m.others().get(new ObjectRef(Kind.OPERATOR_CLASS, "app.int_ops USING btree")).dropSql())
                .isEqualTo("DROP OPERATOR CLASS app.int_ops USING btree");
    }

    @Test
    void altersThatCompleteAnObjectFollowItsCreateAndOwnersAreNotKept() {
        SchemaModel m = run(KINDS);
        assertThat(m.others().get(new ObjectRef(Kind.TEXT_SEARCH_CONFIGURATION, "app.my_config")).createSql())
                .isEqualTo("create text search configuration app.my_config(parser = my_parser);\n"
                        + "alter text search configuration app.my_config add mapping for word with my_dict");
        assertThat(m.others().get(new ObjectRef(Kind.PUBLICATION, "my_pub")).createSql())
                .isEqualTo("create publication my_pub with (publish = 'insert');\n"
                        + "alter publication my_pub add table only items");
        assertThat(m.others().get(new ObjectRef(Kind.FOREIGN_TABLE, "app.remote_items")).createSql())
                .endsWith(";\nalter foreign table only app.remote_items alter column id options(column_name 'ID')");
    }

    @Test
    void commentsAndDropsGoByTheSameIdentity() {
        SchemaModel m = run(KINDS + """
                COMMENT ON CAST (app.mood AS pg_catalog.text) IS 'as text';
                COMMENT ON RULE items_log ON items IS 'logs';
                COMMENT ON SERVER my_server IS 'remote';
                DROP SERVER my_server;
                DROP RULE IF EXISTS missing ON items;
                DROP TEXT SEARCH DICTIONARY IF EXISTS nothing_here;
                """);
        assertThat(m.comments()).containsEntry(new ObjectRef(Kind.CAST, "(app.mood AS text)"), "as text")
                .containsEntry(new ObjectRef(Kind.RULE, "items_log ON app.items"), "logs")
                .doesNotContainKey(new ObjectRef(Kind.SERVER, "my_server"));
        assertThat(m.others()).doesNotContainKey(new ObjectRef(Kind.SERVER, "my_server"))
                .containsKey(new ObjectRef(Kind.TEXT_SEARCH_DICTIONARY, "app.my_dict"));
        // a table's drop takes its rules along, as PostgreSQL's does
        SchemaModel dropped = run(KINDS + "COMMENT ON RULE items_log ON items IS 'logs';\nDROP TABLE items;");
        assertThat(dropped.others()).doesNotContainKey(new ObjectRef(Kind.RULE, "items_log ON app.items"));
        assertThat(dropped.comments()).doesNotContainKey(new ObjectRef(Kind.RULE, "items_log ON app.items"));
    }

    @Test
    void aSchemasDropTakesItsOpaqueObjectsAndRefusesWithoutCascade() {
        assertThatThrownBy(() -> run("CREATE SCHEMA s;\nCREATE TEXT SEARCH DICTIONARY s.d (TEMPLATE = simple);\n"
                + "DROP SCHEMA s;")).hasMessageContaining("cannot drop schema s because objects depend on it");
        SchemaModel m = run(KINDS + "DROP SCHEMA app CASCADE;");
        // the cast and the transform of app.mood go with the type
        assertThat(m.others().keySet()).noneMatch(r -> r.identity().contains("app."))
                .contains(new ObjectRef(Kind.SERVER, "my_server"), new ObjectRef(Kind.EVENT_TRIGGER, "my_event"));
    }

    @Test
    void formsThatAreNotModelledAreRefusedWithTheFormNamed() {
        assertThatThrownBy(() -> run(KINDS + "DROP SERVER my_server CASCADE;"))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("DDL_UNSUPPORTED");
                    assertThat(e.line()).isEqualTo(KINDS.split("\n").length + 1);
                    assertThat(e.getMessage()).contains("DROP SERVER ... CASCADE");
                });
        assertThatThrownBy(() -> run(KINDS + "ALTER PUBLICATION my_pub RENAME TO other;"))
                .hasMessageContaining("ALTER PUBLICATION ... 'RENAME' (write DROP and CREATE");
        assertThatThrownBy(() -> run(KINDS + "CREATE SERVER my_server FOREIGN DATA WRAPPER my_fdw;"))
                .isInstanceOfSatisfying(ConfitureException.class,
                        e -> assertThat(e.code()).isEqualTo("DDL_OBJECT_STATE"))
                .hasMessageContaining("server my_server already exists");
        assertThatThrownBy(() -> run("DROP CAST (integer AS text);"))
                .hasMessageContaining("cast (integer AS text) does not exist");
        // a form no reader knows stays an error naming file, line and form
        assertThatThrownBy(() -> run("CREATE TABLE t (id int);\nCREATE LANGUAGE plsample HANDLER h;"))
                .hasMessageStartingWith("s.sql:2: ").hasMessageContaining("CREATE LANGUAGE is not supported");
    }

    /** Issue 14: a one-line plpgsql body came out reformatted, and PostgreSQL saw another function. */
    @Test
    void aRoutineBodyIsKeptExactlyAsWritten() {
        SchemaModel m = run("CREATE FUNCTION public.touch() RETURNS trigger\n    LANGUAGE plpgsql\n"
                + "    AS $$ BEGIN RETURN NEW; END; $$;");
        Routine touch = m.routines().get(new RoutineSignature(QualifiedName.of("public", "touch"), List.of()));
        assertThat(touch.definition()).isEqualTo("CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n"
                + " LANGUAGE plpgsql\nAS $function$ BEGIN RETURN NEW; END; $function$");
    }

    /**
     * A range type is kept whole, in the spelling pg_dump and the catalog reader give it (PgDumpProofTest
     * checks that against a real catalog): however the schema file spells it, a migration that a diff wrote
     * from a database reads back as the same object.
     */
    @Test
    void rangeTypesAreKeptInPgDumpsSpelling() {
        String sql = """
                CREATE FUNCTION my_diff(a float8, b float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$ SELECT a - b $$;
                CREATE TYPE floatrange AS RANGE (SUBTYPE = float8, subtype_diff = my_diff);
                CREATE TYPE textspan AS RANGE (subtype = text, collation = "C");
                CREATE TYPE slots AS RANGE (subtype = int4, subtype_diff = int4range_subdiff, multirange_type_name = slot_set);
                CREATE TABLE bookings (score floatrange, spans textspan_multirange, free slot_set);
                ALTER TYPE floatrange OWNER TO someone;
                """;
        SchemaModel m = run(sql);
        assertThat(m.others().get(new ObjectRef(Kind.TYPE, "public.floatrange")).createSql()).isEqualTo("create type"
                + " public.floatrange as range (subtype = double precision, multirange_type_name = public.floatmultirange,"
                + " subtype_diff = public.my_diff)");
        assertThat(m.others().get(new ObjectRef(Kind.TYPE, "public.textspan")).createSql()).isEqualTo("create type"
                + " public.textspan as range (subtype = text, multirange_type_name = public.textspan_multirange,"
                + " collation = pg_catalog.\"C\")");
        assertThat(m.others().get(new ObjectRef(Kind.TYPE, "public.slots")).createSql()).isEqualTo("create type"
                + " public.slots as range (subtype = integer, multirange_type_name = public.slot_set,"
                + " subtype_diff = int4range_subdiff)");
        assertThat(m.others().get(new ObjectRef(Kind.TYPE, "public.slots")).dropSql()).isEqualTo("DROP TYPE public.slots");
        // the range and multirange types are the schema's own: columns name them qualified
        assertThat(m.tables().get(QualifiedName.of("public", "bookings")).columns()).extracting(c -> c.type())
                .containsExactly("public.floatrange", "public.textspan_multirange", "public.slot_set");
        // what a diff writes from the database reads back as the same object
        SchemaModel fromDatabase = run("""
                CREATE FUNCTION public.my_diff(a double precision, b double precision) RETURNS double precision
                    LANGUAGE sql IMMUTABLE AS $$ SELECT a - b $$;
                create type public.floatrange as range (subtype = double precision,
                    multirange_type_name = public.floatmultirange, subtype_diff = public.my_diff);
                """);
        assertThat(fromDatabase.others()).containsEntry(new ObjectRef(Kind.TYPE, "public.floatrange"),
                m.others().get(new ObjectRef(Kind.TYPE, "public.floatrange")));

        assertThat(run(sql + "DROP TABLE bookings;\nDROP TYPE slots, textspan;").others())
                .containsOnlyKeys(new ObjectRef(Kind.TYPE, "public.floatrange"));
        assertThatThrownBy(() -> run(sql + "ALTER TYPE slots RENAME TO spans;"))
                .hasMessageContaining("ALTER TYPE 'RENAME' on the range type public.slots (write DROP TYPE and CREATE TYPE");
        assertThatThrownBy(() -> run("CREATE TYPE r AS RANGE (subtype = int4, subtype_diff = f, colour = 'red');"))
                .hasMessageContaining("AS RANGE option colour");
        assertThatThrownBy(() -> run("CREATE TYPE r AS RANGE (collation = \"C\");"))
                .hasMessageContaining("needs subtype = ...");
    }
}
