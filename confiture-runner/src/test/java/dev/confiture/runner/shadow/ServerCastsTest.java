package dev.confiture.runner.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.confiture.diff.DiffResult;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.catalog.CatalogReader;
import dev.confiture.runner.diff.DiffService;
import dev.confiture.testing.TestPostgres;
import dev.confiture.testing.TestServer;

/**
 * Shadow mode converts a column the way the server it runs on can ({@code pg_cast}, user casts
 * included); offline mode knows only PostgreSQL's built-in casts. The same pair of scripts shows
 * the difference: a user-defined assignment cast from integer to date.
 */
class ServerCastsTest {

    private static final String OLD = "CREATE TABLE public.t (day integer);\n";
    private static final String NEW = """
            CREATE FUNCTION public.int_to_date(integer) RETURNS date LANGUAGE sql IMMUTABLE
                AS $$ SELECT DATE '2000-01-01' + $1 $$;
            CREATE CAST (integer AS date) WITH FUNCTION public.int_to_date(integer) AS ASSIGNMENT;
            CREATE TABLE public.t (day date);
            """;

    private static ShadowDiff shadow;

    @BeforeAll
    static void server() {
        TestServer s = TestPostgres.server();
        shadow = new ShadowDiff(ScratchDatabases.on(new DatabaseSettings(s.jdbcUrl(s.adminDatabase()), s.user(),
                s.password())), new CatalogReader());
    }

    @Test
    void shadowModeUsesTheServersOwnCastsUserCastsIncluded() {
        DiffResult diff = shadow.diff(List.of(SqlScript.text("old.sql", OLD)), List.of(SqlScript.text("new.sql", NEW)));
        assertThat(diff.upSql()).contains("ALTER TABLE public.t ALTER COLUMN day TYPE date")
                .doesNotContain("::text::date").doesNotContain("DROP COLUMN");
        assertThat(diff.warnings()).noneMatch(w -> w.startsWith("review:"));
    }

    @Test
    void offlineModeHasOnlyTheBuiltInCasts() {
        DiffResult diff = SchemaDiff.compare(DiffService.offline(List.of(SqlScript.text("old.sql", OLD))),
                DiffService.offline(List.of(SqlScript.text("new.sql", "CREATE TABLE public.t (day date);"))));
        assertThat(diff.upSql()).contains("USING day::text::date");
        assertThat(diff.warnings()).anyMatch(w -> w.startsWith("review:"));
    }

    @Test
    void readsEveryCastOfTheServer() {
        ShadowDiff.Side side = shadow.side(List.of(SqlScript.text("empty.sql", "")));
        assertThat(side.casts().size()).isGreaterThan(200);
    }
}
