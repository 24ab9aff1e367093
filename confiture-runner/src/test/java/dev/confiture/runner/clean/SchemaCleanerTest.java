package dev.confiture.runner.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaCleanerTest {

    private final TestDatabase db = TestPostgres.newDatabase("clean");
    private final List<String> log = new ArrayList<>();
    private final SchemaCleaner cleaner = new SchemaCleaner(log::add);

    @AfterEach
    void drop() throws SQLException {
        db.close();
        // Roles belong to the server, not the database: remove the ones a test made.
        try (Connection c = db.server().connect(db.server().adminDatabase()); Statement st = c.createStatement()) {
            st.execute("DROP ROLE IF EXISTS clean_reader_" + db.name());
        }
    }

    private DatabaseSettings settings() {
        return new DatabaseSettings(db.jdbcUrl(), db.user(), db.password());
    }

    private void exec(String... sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private List<String> query(String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private CleanReport clean(List<String> schemas) {
        return cleaner.clean(settings(), schemas, "confiture_migrations", Duration.ofSeconds(5));
    }

    /** Every kind clean counts, in schema app, plus what the schema itself carries. */
    private void appSchemaWithEveryKind() {
        exec("CREATE ROLE clean_reader_" + db.name() + " NOLOGIN",
                "CREATE SCHEMA app",
                "COMMENT ON SCHEMA app IS 'the app''s objects'",
                "GRANT USAGE ON SCHEMA app TO clean_reader_" + db.name(),
                "ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO clean_reader_" + db.name(),
                "CREATE EXTENSION citext SCHEMA app",
                "CREATE TYPE app.mood AS ENUM ('ok', 'sad')",
                "CREATE TYPE app.pair AS (a int, b int)",
                "CREATE DOMAIN app.email AS app.citext CHECK (VALUE LIKE '%@%')",
                "CREATE SEQUENCE app.counter",
                "CREATE TABLE app.users (id bigserial PRIMARY KEY, email app.email, mood app.mood)",
                "CREATE TABLE app.events (id int, at date) PARTITION BY RANGE (at)",
                "CREATE TABLE app.events_2026 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE VIEW app.happy AS SELECT id FROM app.users WHERE mood = 'ok'",
                "CREATE MATERIALIZED VIEW app.user_count AS SELECT count(*) FROM app.users",
                "CREATE FUNCTION app.add(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b'",
                "CREATE PROCEDURE app.noop() LANGUAGE sql AS 'SELECT 1'",
                "CREATE TABLE confiture_migrations (version text PRIMARY KEY)",
                "CREATE TABLE public.keep_me (id int)");
    }

    @Test
    void cleanDropsEveryObjectOfTheSchemaAndCountsThemPerKind() {
        appSchemaWithEveryKind();

        CleanReport report = clean(List.of("app"));

        assertThat(report.schemas()).hasSize(1);
        assertThat(report.schemas().get(0).dropped()).isEqualTo(Map.of("tables", 2, "views", 1, "materialized_views", 1,
                "sequences", 2, "functions", 1, "procedures", 1, "types", 2, "domains", 1, "extensions", 1));
        assertThat(query("SELECT count(*) FROM pg_class WHERE relnamespace = 'app'::regnamespace")).containsExactly("0");
        assertThat(query("SELECT count(*) FROM pg_proc WHERE pronamespace = 'app'::regnamespace")).containsExactly("0");
        assertThat(query("SELECT count(*) FROM pg_type WHERE typnamespace = 'app'::regnamespace")).containsExactly("0");
        assertThat(query("SELECT extname FROM pg_extension WHERE extname = 'citext'")).isEmpty();
        assertThat(log).anyMatch(l -> l.startsWith("Cleaning app on jdbc:postgresql:"))
                .contains("Cleaned schema app: dropped 1 domain, 1 extension, 1 function, 1 materialized view, 1 procedure,"
                        + " 2 sequences, 2 tables, 2 types, 1 view");
    }

    @Test
    void theSchemaKeepsItsOwnerGrantsDefaultPrivilegesAndComment() {
        appSchemaWithEveryKind();
        List<String> before = schemaState();

        clean(List.of("app"));

        assertThat(schemaState()).isEqualTo(before);
        assertThat(query("SELECT obj_description('app'::regnamespace, 'pg_namespace')")).containsExactly("the app's objects");
        assertThat(query("SELECT has_schema_privilege('clean_reader_" + db.name() + "', 'app', 'USAGE')")).containsExactly("t");
        // the default privilege still applies to a table created after the clean
        exec("CREATE TABLE app.later (id int)");
        assertThat(query("SELECT has_table_privilege('clean_reader_" + db.name() + "', 'app.later', 'SELECT')")).containsExactly("t");
    }

    @Test
    void theTrackingTableGoesEvenOutsideTheCleanedSchemasAndOtherSchemasStay() {
        appSchemaWithEveryKind();

        CleanReport report = clean(List.of("app"));

        assertThat(report.trackingTableDropped()).isTrue();
        assertThat(query("SELECT to_regclass('public.confiture_migrations') IS NULL")).containsExactly("t");
        assertThat(query("SELECT to_regclass('public.keep_me') IS NOT NULL")).containsExactly("t");
    }

    @Test
    void anUnknownSchemaIsRefusedNamingTheExistingOnesAndNothingChanges() {
        appSchemaWithEveryKind();

        assertThatThrownBy(() -> clean(List.of("app", "nope")))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("CLEAN_SCHEMA_UNKNOWN");
                    assertThat(e.getMessage()).contains("No schema nope").contains("app, public").contains("Nothing was changed");
                });
        assertThat(query("SELECT to_regclass('app.users') IS NOT NULL")).containsExactly("t");
        assertThat(query("SELECT to_regclass('public.confiture_migrations') IS NOT NULL")).containsExactly("t");
    }

    @Test
    void aSystemSchemaIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> cleaner.clean(new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/none", "x", null),
                List.of("pg_catalog"), "confiture_migrations", Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code()).isEqualTo("CLEAN_SYSTEM_SCHEMA"));
    }

    @Test
    void aFailureHalfWayChangesNothing() {
        appSchemaWithEveryKind();
        // The schema is dropped, then its re-creation is refused: the drop must be undone too.
        exec("CREATE FUNCTION public.no_new_schemas() RETURNS event_trigger LANGUAGE plpgsql AS"
                        + " 'BEGIN RAISE EXCEPTION ''no new schemas here''; END'",
                "CREATE EVENT TRIGGER no_new_schemas ON ddl_command_start WHEN TAG IN ('CREATE SCHEMA')"
                        + " EXECUTE FUNCTION public.no_new_schemas()");

        assertThatThrownBy(() -> clean(List.of("app")))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("CLEAN_FAILED");
                    assertThat(e.getMessage()).contains("no new schemas here").contains("Nothing was changed");
                });
        assertThat(query("SELECT to_regclass('app.users') IS NOT NULL")).containsExactly("t");
        assertThat(query("SELECT to_regclass('public.confiture_migrations') IS NOT NULL")).containsExactly("t");
    }

    @Test
    void aSchemaNameThatNeedsQuotingIsCleaned() {
        exec("CREATE SCHEMA \"we\"\"ird\"", "CREATE TABLE \"we\"\"ird\".t (id int)");

        CleanReport report = clean(List.of("we\"ird"));

        assertThat(report.schemas().get(0).dropped()).isEqualTo(Map.of("tables", 1));
        assertThat(report.trackingTableDropped()).isFalse();
        assertThat(query("SELECT count(*) FROM pg_namespace WHERE nspname = 'we\"ird'")).containsExactly("1");
        assertThat(query("SELECT to_regclass('\"we\"\"ird\".t') IS NULL")).containsExactly("t");
    }

    @Test
    void protectedOrNotEnabledEnvironmentsAreRefused() {
        assertThatThrownBy(() -> SchemaCleaner.checkAllowed(new SchemaCleaner.Guard("production", true, false)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("CLEAN_PROTECTED");
                    assertThat(e.isFinding()).isTrue();
                });
        assertThatThrownBy(() -> SchemaCleaner.checkAllowed(new SchemaCleaner.Guard("dev", false, true)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("CLEAN_DISABLED");
                    assertThat(e.getMessage()).contains("cleanDisabled: false").contains("db/environments/dev.yaml");
                });
        SchemaCleaner.checkAllowed(new SchemaCleaner.Guard("dev", false, false));
    }

    @Test
    void countsAreWrittenForPeople() {
        assertThat(SchemaCleaner.describe(new java.util.TreeMap<>(Map.of("tables", 3, "views", 1, "materialized_views", 2))))
                .isEqualTo("2 materialized views, 3 tables, 1 view");
        assertThat(SchemaCleaner.describe(Map.of())).isEqualTo("nothing");
    }

    private List<String> schemaState() {
        return query("SELECT pg_get_userbyid(nspowner) || ' ' || coalesce(nspacl::text, '') FROM pg_namespace WHERE nspname = 'app'"
                + " UNION ALL SELECT defaclobjtype::text || ' ' || defaclacl::text FROM pg_default_acl"
                + " WHERE defaclnamespace = 'app'::regnamespace");
    }
}
