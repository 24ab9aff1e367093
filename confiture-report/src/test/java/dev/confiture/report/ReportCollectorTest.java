package dev.confiture.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.report.ReportModel.HistoryEntry;
import dev.confiture.report.html.HtmlReport;
import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.RunnerConfig;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCollectorTest {

    @TempDir
    Path dir;

    @Test
    void withoutADatabaseTheHistoryComesFromTheFilesAndSaysSo() {
        ReportFixture f = new ReportFixture(dir).shop();
        ReportModel m = new ReportCollector(f.request(null), null).collect();

        assertThat(m.history().fromDatabase()).isFalse();
        assertThat(m.history().note()).contains("From the files alone", "no database is configured");
        assertThat(m.history().entries()).extracting(HistoryEntry::displayName, HistoryEntry::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("001_create_users", "pending"),
                        org.assertj.core.groups.Tuple.tuple("002_create_orders", "pending"),
                        org.assertj.core.groups.Tuple.tuple("003_drop_nickname", "pending"));
        assertThat(m.schema().source()).startsWith("the schema files");
        assertThat(m.schema().diagram().tables()).extracting(t -> t.qualifiedName())
                .containsExactly("public.orders", "public.users");
        assertThat(m.generatedAt()).isEqualTo("2026-11-30T02:00:00Z");
        assertThat(m.environment().database()).isEqualTo("(none configured)");
    }

    @Test
    void aPendingMigrationShowsWhatItTouchesAndItsDestructiveChanges() {
        ReportFixture f = new ReportFixture(dir).shop();
        ReportModel m = new ReportCollector(f.request(null), null).collect();

        ReportModel.PendingChange drop = m.pending().get(2);
        assertThat(drop.displayName()).isEqualTo("003_drop_nickname");
        assertThat(drop.file()).isEqualTo("db/migrations/003_drop_nickname.up.sql");
        assertThat(drop.touches()).contains("ALTER TABLE public.users", "DROP COLUMN public.users.nickname");
        assertThat(drop.warnings()).singleElement().asString().isEqualTo("drop column public.users.nickname");
        assertThat(m.pending().get(1).warnings()).isEmpty();
        // the columns and keys of a new table are part of its CREATE TABLE; the table it references is named
        assertThat(m.pending().get(1).touches()).containsExactly("CREATE TABLE public.orders", "ALTER TABLE public.users");
    }

    @Test
    void anUnreachableDatabaseFallsBackToTheFilesWithoutShowingItsPassword() {
        ReportFixture f = new ReportFixture(dir).shop();
        DatabaseSettings nowhere = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/nowhere?password=s3cret-url",
                "alice", "s3cret-pw");
        ReportModel m = new ReportCollector(f.request(nowhere), null).collect();

        assertThat(m.history().fromDatabase()).isFalse();
        assertThat(m.history().note()).contains("did not answer");
        String page = HtmlReport.render(m);
        assertThat(page).doesNotContain("s3cret").contains("password=***").contains("did not answer");
    }

    @Test
    void withTheDatabaseTheTimelineHasWhenByWhomAndHowLongAndTheCatalogDrawsTheSchema() throws Exception {
        ReportFixture f = new ReportFixture(dir).shop();
        try (TestDatabase db = TestPostgres.newDatabase("report")) {
            DatabaseSettings settings = new DatabaseSettings(db.jdbcUrl(), db.user(), db.password());
            new MigrationRunner(RunnerConfig.of(settings, dir.resolve("db/migrations")), null).migrate("002", false);
            // 002 applied, then its file edited: modified; a row for a file that is gone: missing
            f.write("db/migrations/002_create_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
            db.execute("INSERT INTO confiture_migrations (version, name, checksum, kind) VALUES ('000', 'old_setup', 'x', 'sql')");
            List<String> progress = new ArrayList<>();

            ReportModel m = new ReportCollector(f.request(settings), progress::add).collect();

            assertThat(m.history().fromDatabase()).isTrue();
            assertThat(m.history().entries()).extracting(HistoryEntry::displayName, HistoryEntry::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("000_old_setup", "missing"),
                            org.assertj.core.groups.Tuple.tuple("001_create_users", "applied"),
                            org.assertj.core.groups.Tuple.tuple("002_create_orders", "modified"),
                            org.assertj.core.groups.Tuple.tuple("003_drop_nickname", "pending"));
            HistoryEntry applied = m.history().entries().get(1);
            assertThat(applied.appliedBy()).isEqualTo(db.user());
            assertThat(applied.appliedAt()).isNotNull();
            assertThat(applied.executionTimeMs()).isNotNull();
            assertThat(applied.kind()).isEqualTo("sql");
            assertThat(m.pending()).extracting(ReportModel.PendingChange::displayName).containsExactly("003_drop_nickname");
            assertThat(m.schema().source()).isEqualTo("the database catalog");
            assertThat(m.schema().diagram().tables()).extracting(t -> t.qualifiedName())
                    .containsExactly("public.orders", "public.users");
            assertThat(m.schema().diagram().tables().get(1).columns()).extracting(c -> c.name())
                    .containsExactly("id", "email", "nickname");
            assertThat(progress).anyMatch(l -> l.startsWith("Reading the catalog"));
        }
    }

    @Test
    void theLatestValidateAndVerifyReportsAreShownWithTheirFindings() {
        ReportFixture f = new ReportFixture(dir).shop();
        f.write("target/confiture/validate.json", """
                {"status":"failed","base":"abc","target":"HEAD","checks":[{"name":"drift","status":"failed",
                 "findings":[{"object":"TABLE public.users","message":"schema and migrations differ","file":"db/schema/10_tables/users.sql"}]}]}
                """);
        f.write("target/confiture/verify.json", "{\"status\":\"passed\",\"checks\":[{\"name\":\"replay\",\"status\":\"passed\","
                + "\"summary\":\"3 migrations\",\"findings\":[]}]}");
        ReportModel m = new ReportCollector(f.request(null), null).collect();

        assertThat(m.checks()).extracting(ReportModel.CheckResult::goal, ReportModel.CheckResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("validate", "failed"),
                        org.assertj.core.groups.Tuple.tuple("verify", "passed"));
        assertThat(m.checks().get(0).checks().get(0).findings()).singleElement().asString()
                .isEqualTo("TABLE public.users: schema and migrations differ (db/schema/10_tables/users.sql)");
        assertThat(m.checks().get(1).checks().get(0).summary()).isEqualTo("3 migrations");
    }

    @Test
    void aBrokenCheckReportIsShownAsUnreadableNotFatal() {
        ReportFixture f = new ReportFixture(dir).shop();
        f.write("target/confiture/verify.json", "{not json");
        ReportModel m = new ReportCollector(f.request(null), null).collect();
        assertThat(m.checks()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("unreadable"));
    }

    @Test
    void aSchemaFileThatIsNotUtf8FailsNamingItAndWritesNothing() throws Exception {
        ReportFixture f = new ReportFixture(dir).shop();
        java.nio.file.Files.write(dir.resolve("db/schema/10_tables/latin1.sql"), new byte[] {'-', '-', ' ', (byte) 0xE9, '\n'});
        Path out = dir.resolve("out");

        assertThatThrownBy(() -> ReportService.write(f.request(null), out, null))
                .isInstanceOf(dev.confiture.model.ConfitureException.class)
                .hasMessageContaining("latin1.sql");
        assertThat(out).doesNotExist();
    }
}
