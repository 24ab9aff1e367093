package dev.confiture.sql.ddl;

import static dev.confiture.sql.ddl.DdlInterpreterTableTest.run;
import static dev.confiture.sql.ddl.DdlInterpreterTableTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;

/**
 * Calls of the file's own functions in expressions are written schema-qualified, as the search path
 * at that point resolves them and as pg_dump prints them (musicbrainz sets its own search path): a
 * migration made of them runs under any search path.
 */
class DdlInterpreterQualifiedCallsTest {

    private static final String FUNCTION = """
            CREATE SCHEMA mb;
            SET search_path = mb, public;
            CREATE FUNCTION controlled(text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 = btrim($1) $$;
            """;

    @Test
    void checksDefaultsDomainsAndIndexesCallTheFunctionByItsSchema() {
        SchemaModel m = run(FUNCTION + """
                CREATE DOMAIN clean_text AS text CHECK (controlled(VALUE));
                CREATE TABLE area (name text CHECK (controlled(name)), comment varchar(255) DEFAULT lower('x'));
                ALTER TABLE area ADD CONSTRAINT comment_ok CHECK (controlled(comment) AND length(comment) < 10);
                CREATE INDEX area_controlled ON area (controlled(name));
                """);
        var area = table(m, "mb", "area");
        assertThat(area.constraints().get("area_name_check").definition()).isEqualTo("CHECK (mb.controlled(name))");
        assertThat(area.constraints().get("comment_ok").definition())
                .isEqualTo("CHECK ((mb.controlled(comment) and length(comment) < 10))");
        assertThat(area.column("comment").orElseThrow().defaultExpression()).isEqualTo("lower('x')");
        assertThat(area.indexes().get("area_controlled").keys()).anyMatch(k -> k.contains("mb.controlled(name)"));
        assertThat(m.domains().get(QualifiedName.of("mb", "clean_text")).checks().toString()).contains("mb.controlled(VALUE)");
    }

    @Test
    void aColumnsCollationOfTheFilesOwnIsQualifiedAndABuiltInOneIsNot() {
        SchemaModel m = run("""
                CREATE SCHEMA mb;
                SET search_path = mb, public;
                CREATE COLLATION musicbrainz (provider = icu, locale = 'und-u-kf-lower');
                CREATE TABLE artist (name varchar COLLATE musicbrainz NOT NULL, code text COLLATE "C");
                """);
        var artist = table(m, "mb", "artist");
        assertThat(artist.column("name").orElseThrow().collation()).isEqualTo("mb.musicbrainz");
        assertThat(artist.column("code").orElseThrow().collation()).isEqualTo("\"C\"");
    }

    @Test
    void anAlterOfATextSearchConfigurationNamesItAsTheSearchPathResolvedIt() {
        SchemaModel m = run("""
                CREATE SCHEMA mb;
                SET search_path = mb, public;
                CREATE TEXT SEARCH CONFIGURATION mb_simple (COPY = pg_catalog.simple);
                ALTER TEXT SEARCH CONFIGURATION mb_simple ALTER MAPPING FOR word WITH simple;
                """);
        String sql = m.others().get(new dev.confiture.model.schema.ObjectRef(
                dev.confiture.model.schema.ObjectRef.Kind.TEXT_SEARCH_CONFIGURATION, "mb.mb_simple")).createSql();
        assertThat(sql.toLowerCase(java.util.Locale.ROOT))
                .contains("alter text search configuration mb.mb_simple alter mapping for word with simple");
    }

    @Test
    void aQualifiedCallOrAnotherSchemasFunctionIsLeftAsWritten() {
        SchemaModel m = run(FUNCTION + """
                CREATE SCHEMA other;
                CREATE FUNCTION other.f(text) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$;
                SET search_path = public;
                CREATE TABLE t (a text CHECK (mb.controlled(a)), b text CHECK (f(b)), c text CHECK (controlled(c)));
                """);
        var t = table(m, "public", "t");
        assertThat(t.constraints().get("t_a_check").definition()).isEqualTo("CHECK (mb.controlled(a))");
        // under search_path = public neither resolves: left as written (PostgreSQL would refuse them)
        assertThat(t.constraints().get("t_b_check").definition()).isEqualTo("CHECK (f(b))");
        assertThat(t.constraints().get("t_c_check").definition()).isEqualTo("CHECK (controlled(c))");
    }
}
