package dev.confiture.lint;

import static dev.confiture.lint.Lints.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;

/** No noise: tables nobody uses yet, and findings silenced with a reason. */
class LintContextTest {

    @Test
    void tableCreatedEarlierInTheSameMigrationIsNotBusy() {
        assertThat(Lints.rules("CREATE TABLE events (id bigint, at timestamptz);\n"
                + "CREATE INDEX events_at_idx ON events (at);\n"
                + "ALTER TABLE events ALTER COLUMN id SET NOT NULL;")).isEmpty();
    }

    @Test
    void tableCreatedInAPendingMigrationIsNotBusy() {
        List<LintMigration> all = Lints.migrations(USERS, "CREATE TABLE events (id bigint);",
                "CREATE INDEX events_id_idx ON events (id);");
        LintReport pending = new LintEngine().lint(all, new LintScope(null, Set.of("002_m2.sql", "003_m3.sql"), 15));
        assertThat(pending.findings()).isEmpty();
        LintReport applied = new LintEngine().lint(all, LintScope.all(15));
        assertThat(applied.findings()).extracting(Finding::migration).containsExactly("003_m3.sql");
        assertThat(applied.migrations()).containsExactly("001_m1.sql", "002_m2.sql", "003_m3.sql");
    }

    @Test
    void ignoreCommentSilencesItsStatementWithTheReason() {
        LintReport r = Lints.last(15, USERS, "-- confiture:lint-ignore require-concurrent-index-creation users is tiny\n"
                + "CREATE INDEX users_name_idx ON users (name);\n"
                + "CREATE INDEX users_org_idx ON users (org_id);");
        assertThat(r.findings()).extracting(Finding::line).containsExactly(3);
        assertThat(r.ignored()).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.ignoreReason()).isEqualTo("users is tiny");
        });
    }

    @Test
    void ignoreCommentForAnotherRuleSilencesNothing() {
        LintReport r = Lints.last(15, USERS, "-- confiture:lint-ignore changing-column-type no\n"
                + "CREATE INDEX users_name_idx ON users (name);");
        assertThat(r.findings()).hasSize(1);
        assertThat(r.ignored()).isEmpty();
    }

    @Test
    void ignoreCommentWithoutReasonIsAnError() {
        assertThatThrownBy(() -> Lints.last(15, USERS, "CREATE INDEX users_name_idx ON users (name); "
                + "-- confiture:lint-ignore require-concurrent-index-creation"))
                .isInstanceOf(ConfitureException.class)
                .satisfies(e -> assertThat(((ConfitureException) e).code()).isEqualTo(LintEngine.IGNORE_WITHOUT_REASON))
                .hasMessageContaining("needs a rule id and a reason");
    }

    @Test
    void unqualifiedNamesAreLookedUpInTheSearchPathTheMigrationSets() {
        String app = "CREATE SCHEMA app;\nCREATE TABLE app.artist (id bigint PRIMARY KEY, name text);";
        // the busy table app.artist, reached through SET search_path, set_config, and a quoted path
        assertThat(Lints.last(15, app, "SET search_path = app, public;\nCREATE INDEX artist_name_idx ON artist (name);")
                .findings()).extracting(Finding::ruleId).containsExactly("require-concurrent-index-creation");
        assertThat(Lints.last(15, app, "SELECT pg_catalog.set_config('search_path', 'app', false);\nUPDATE artist SET name = '';")
                .findings()).extracting(Finding::ruleId).containsExactly("update-or-delete-without-where");
        assertThat(Lints.last(15, app, "SET search_path TO \"$user\", 'app';\nDROP INDEX artist_pkey;")
                .findings()).isNotEmpty();
        // without the SET, artist is public.artist, which does not exist: a new table, no finding
        assertThat(Lints.last(15, app, "CREATE INDEX artist_name_idx ON artist (name);").findings()).isEmpty();
        // RESET goes back to public
        assertThat(Lints.last(15, app, "SET search_path = app;\nRESET search_path;\nUPDATE artist SET name = '';")
                .findings()).isEmpty();
    }
}
