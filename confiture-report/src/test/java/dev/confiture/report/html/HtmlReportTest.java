package dev.confiture.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.confiture.report.ReportCollector;
import dev.confiture.report.ReportModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void thePageIsSelfContainedAndEscapesWhatItShows() throws Exception {
        Files.createDirectories(dir.resolve("db/migrations"));
        Files.writeString(dir.resolve("db/migrations/001_a.up.sql"), "CREATE TABLE \"x<y>\" (id int PRIMARY KEY);\n");
        Files.createDirectories(dir.resolve("db/schema"));
        Files.writeString(dir.resolve("db/schema/a.sql"), "CREATE TABLE \"x<y>\" (id int PRIMARY KEY);\n");
        ReportModel m = new ReportCollector(new dev.confiture.report.ReportRequest("local", dir, java.util.List.of(dir.resolve("db/schema")),
                dev.confiture.model.files.IncludeScope.within(dir),
                dev.confiture.runner.RunnerConfig.of(null, dir.resolve("db/migrations")), dir.resolve("target"), null), null)
                .collect();
        Path page = HtmlReport.write(m, dir.resolve("out"));

        String html = Files.readString(page);
        assertThat(page.getFileName().toString()).isEqualTo("index.html");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<script>", "<svg id=\"er\"");
        // nothing from the network: no external script, stylesheet, font or image
        assertThat(html).doesNotContain("<script src", "<link ", "@import", "url(http", "src=\"http");
        assertThat(html).contains("x&lt;y&gt;").doesNotContain("\"x<y>\"");
        assertThat(html).contains("001_a", "data-n=\"public.x&lt;y&gt;\"");
    }

    @Test
    void sqlIsHighlightedByTheLexersTokens() {
        String html = SqlHighlighter.highlight("-- note\nCREATE TABLE t (a text DEFAULT 'it''s', b int DEFAULT 42);\n"
                + "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;");
        assertThat(html).contains("<span class=\"c\">-- note</span>\n", "<span class=\"k\">CREATE</span>",
                "<span class=\"s\">&#39;it&#39;&#39;s&#39;</span>", "<span class=\"n\">42</span>", "<span class=\"s\">$$ SELECT 1 $$</span>");
        assertThat(html.replaceAll("<[^>]+>", "").replace("&#39;", "'"))
                .isEqualTo("-- note\nCREATE TABLE t (a text DEFAULT 'it''s', b int DEFAULT 42);\n"
                        + "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;");
    }

    @Test
    void aStringOrCommentOverSeveralLinesIsCutIntoOneSpanPerLine() {
        String html = SqlHighlighter.highlight("/* one\ntwo */ SELECT 'a\nb';");
        assertThat(html).isEqualTo("<span class=\"c\">/* one</span>\n<span class=\"c\">two */</span> "
                + "<span class=\"k\">SELECT</span> <span class=\"s\">&#39;a</span>\n<span class=\"s\">b&#39;</span>"
                + ";");
    }

    @Test
    void sqlTheLexerCannotReadIsShownAsItIs() {
        assertThat(SqlHighlighter.highlight("SELECT 'open <b>")).isEqualTo("SELECT &#39;open &lt;b&gt;");
    }

    @Test
    void longListsAndLongSqlStartFoldedShortOnesOpen() {
        java.util.List<String> many = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "CREATE TABLE public.t" + i).toList();
        String longSql = "SELECT 1;\n".repeat(400);
        ReportModel m = new ReportModel(new ReportModel.EnvironmentSummary("local", "(none configured)", "db/migrations",
                "confiture_migrations", "p"), "2026-11-30T02:00:00Z",
                new ReportModel.History(false, "From the files alone", java.util.List.of(), 0, 2, 0, 0),
                java.util.List.of(new ReportModel.PendingChange("001", "big", "db/migrations/001_big.up.sql", longSql, many,
                                java.util.List.of(), java.util.List.of(), null),
                        new ReportModel.PendingChange("002", "small", "db/migrations/002_small.up.sql", "SELECT 1;",
                                java.util.List.of("ALTER TABLE public.t1"), java.util.List.of("drop column public.t1.a"),
                                java.util.List.of(), null)),
                java.util.List.of(), new ReportModel.SchemaPicture("the schema files (0)", java.util.List.of(),
                        dev.confiture.report.diagram.ErDiagram.empty()));

        String html = HtmlReport.render(m);

        assertThat(html).contains("<details><summary class=\"label\">Touches (40)</summary>",
                "<details class=\"lazy\" data-change=\"p-001\"><summary>SQL (400 lines)</summary><pre class=\"sql\"><code></code></pre>"
                        + "<script type=\"text/x-confiture-sql\"><span class=\"l\"><span class=\"k\">SELECT</span>",
                "<details open><summary class=\"label\">Touches (1)</summary>",
                "<details open><summary class=\"label\">Destructive (1)</summary>",
                "<details open><summary>SQL</summary><pre class=\"sql\"><code><span class=\"l\">", "<p class=\"empty\">No tables.</p>");
        // a Java migration or a model without lint: no lint lines at all
        assertThat(html).doesNotContain("Lint");
    }
}
