package dev.confiture.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import dev.confiture.lint.Finding;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.report.html.HtmlReport;
import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.RunnerConfig;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pending changes with what confiture-lint says of each, judged against the schema before it. */
class ReportLintTest {

    @TempDir
    Path dir;

    /** The shop, an index build on its existing orders table, and a new table indexed in its own migration. */
    private ReportFixture shopWithIndexes() {
        return new ReportFixture(dir).shop()
                .write("db/migrations/004_index_orders.up.sql", "CREATE INDEX orders_total ON orders (total);\n")
                .write("db/migrations/005_create_coupons.up.sql", "CREATE TABLE coupons (code text PRIMARY KEY, user_id bigint);\n"
                        + "CREATE INDEX coupons_user ON coupons (user_id);\n");
    }

    private static ReportModel.PendingChange change(ReportModel m, String name) {
        return m.pending().stream().filter(p -> p.displayName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void fromTheFilesAloneEachMigrationIsLintedAgainstTheSchemaTheOnesBeforeItMake() {
        ReportModel m = new ReportCollector(shopWithIndexes().request(null), null).collect();

        Finding index = change(m, "004_index_orders").lint().findings().get(0);
        assertThat(change(m, "004_index_orders").lint().findings()).hasSize(1);
        assertThat(index.ruleId()).isEqualTo("require-concurrent-index-creation");
        assertThat(index.severity()).isEqualTo("error");
        assertThat(index.line()).isEqualTo(1);
        assertThat(index.lock()).isEqualTo("SHARE");
        assertThat(index.blocks()).isEqualTo("writes");
        assertThat(index.safeAlternative()).contains("CREATE INDEX CONCURRENTLY");
        assertThat(change(m, "003_drop_nickname").lint().findings()).extracting(Finding::ruleId, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("breaking-rename-or-drop", "warning"));
        // a table the migration itself creates is used by nobody yet; CREATE TABLE alone is harmless
        assertThat(change(m, "005_create_coupons").lint().findings()).isEmpty();
        assertThat(change(m, "001_create_users").lint().findings()).isEmpty();
        assertThat(m.pending()).allSatisfy(p -> assertThat(p.lint().postgresVersion()).isEqualTo(15));
    }

    @Test
    void withTheDatabaseTablesOfPendingMigrationsAreNewAndTheServersVersionIsJudged() throws Exception {
        ReportFixture f = shopWithIndexes();
        try (TestDatabase db = TestPostgres.newDatabase("report_lint")) {
            DatabaseSettings settings = new DatabaseSettings(db.jdbcUrl(), db.user(), db.password());
            new MigrationRunner(RunnerConfig.of(settings, dir.resolve("db/migrations")), null).migrate("001", false);

            ReportModel m = new ReportCollector(f.request(settings), null).collect();

            assertThat(m.pending()).extracting(ReportModel.PendingChange::displayName).containsExactly(
                    "002_create_orders", "003_drop_nickname", "004_index_orders", "005_create_coupons");
            // orders comes from pending 002: nobody uses it yet, so indexing it locks nobody out
            assertThat(change(m, "004_index_orders").lint().findings()).isEmpty();
            // users was applied: dropping its column breaks whoever reads it
            assertThat(change(m, "003_drop_nickname").lint().findings()).extracting(Finding::ruleId)
                    .containsExactly("breaking-rename-or-drop");
            int server;
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                server = c.getMetaData().getDatabaseMajorVersion();
            }
            assertThat(change(m, "003_drop_nickname").lint().postgresVersion()).isEqualTo(server);
        }
    }

    @Test
    void anIgnoreCommentSilencesWithItsReasonAndOneWithoutAReasonIsShownNotThrown() {
        ReportFixture f = new ReportFixture(dir).shop()
                .write("db/migrations/004_index_orders.up.sql", "-- confiture:lint-ignore require-concurrent-index-creation"
                        + " orders is empty in every environment\nCREATE INDEX orders_total ON orders (total);\n")
                .write("db/migrations/005_index_users.up.sql", "-- confiture:lint-ignore require-concurrent-index-creation\n"
                        + "CREATE INDEX users_email ON users (email);\n");

        ReportModel m = new ReportCollector(f.request(null), null).collect();

        ReportModel.LintResult silenced = change(m, "004_index_orders").lint();
        assertThat(silenced.findings()).isEmpty();
        assertThat(silenced.ignored()).extracting(Finding::ruleId, Finding::ignoreReason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("require-concurrent-index-creation", "orders is empty in every environment"));
        ReportModel.LintResult refused = change(m, "005_index_users").lint();
        assertThat(refused.error()).contains("db/migrations/005_index_users.up.sql:1", "needs a rule id and a reason");
        assertThat(refused.findings()).isEmpty();

        String page = HtmlReport.render(m);
        assertThat(page).contains("Lint could not judge this migration: db/migrations/005_index_users.up.sql:1",
                "<summary>Ignored by a comment (1)</summary><ul><li><b class=\"rule\">require-concurrent-index-creation</b>"
                        + " line 2: orders is empty in every environment</li>",
                "; 1 ignored by a comment; <span class=\"badge error\">1 not judged</span>.");
    }

    @Test
    void thePageCountsTheFindingsAndMarksEachOnesLineInTheSql() {
        ReportModel m = new ReportCollector(shopWithIndexes().request(null), null).collect();

        String page = HtmlReport.render(m);

        assertThat(page).contains("<p class=\"lint-summary\">Lint (PostgreSQL 15): <span class=\"badge error\">1 error</span>"
                + " <span class=\"badge warning\">1 warning</span> in 2 of 5 pending migrations.</p>");
        assertThat(page).contains("<li class=\"finding error\"><span class=\"badge error\">error</span>"
                + " <b class=\"rule\">require-concurrent-index-creation</b> <a class=\"line\" href=\"#p-004-l1\">line 1</a>: ");
        assertThat(page).contains("<div class=\"lock\">takes <b>SHARE</b>, which blocks writes</div>",
                "<div class=\"safe\">safe form:<pre class=\"sql\"><code><span class=\"k\">CREATE</span> <span class=\"k\">INDEX</span>"
                        + " <span class=\"k\">CONCURRENTLY</span>");
        assertThat(page).contains("<span class=\"l flag error\" id=\"p-004-l1\" data-rule=\"require-concurrent-index-creation\">"
                + "<span class=\"k\">CREATE</span> <span class=\"k\">INDEX</span> orders_total");
        assertThat(page).contains("<span class=\"l flag warning\" id=\"p-003-l1\" data-rule=\"breaking-rename-or-drop\">");
        assertThat(page).contains("<article class=\"change\" id=\"p-005\"><h3>005_create_coupons</h3>"
                + "<p class=\"src\">db/migrations/005_create_coupons.up.sql</p><p class=\"lint-clean\">Lint: no findings.</p>");
        assertThat(List.of(page.split("id=\"p-00[0-9]-l", -1))).hasSize(3);
    }
}
