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
    void sqlTheLexerCannotReadIsShownAsItIs() {
        assertThat(SqlHighlighter.highlight("SELECT 'open <b>")).isEqualTo("SELECT &#39;open &lt;b&gt;");
    }
}
