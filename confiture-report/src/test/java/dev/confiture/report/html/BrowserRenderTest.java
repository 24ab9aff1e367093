package dev.confiture.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import dev.confiture.model.files.IncludeScope;
import dev.confiture.report.ReportCollector;
import dev.confiture.report.ReportModel;
import dev.confiture.report.ReportRequest;
import dev.confiture.runner.RunnerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report as a browser shows it: not blank, and the migrations and tables are in the rendered DOM. */
class BrowserRenderTest {

    @TempDir
    Path dir;

    @Test
    void theReportRendersInHeadlessChromiumWithItsMigrationsAndTables() throws Exception {
        Chromium chromium = Chromium.find();
        assumeTrue(chromium != null, Chromium.MISSING);
        Path project = dir.resolve("shop");
        write(project, "db/schema/users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
                + "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n"
                + "CREATE TABLE order_lines (order_id bigint REFERENCES orders (id), sku text, qty int);\n");
        write(project, "db/migrations/001_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
        write(project, "db/migrations/002_create_orders.up.sql",
                "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n"
                + "CREATE TABLE order_lines (order_id bigint REFERENCES orders (id), sku text, qty int);\n");
        ReportModel model = new ReportCollector(new ReportRequest("local", project, List.of(project.resolve("db/schema")),
                IncludeScope.within(project), RunnerConfig.of(null, project.resolve("db/migrations")),
                project.resolve("target/confiture"), null), null).collect();
        Path page = HtmlReport.write(model, project.resolve("target/confiture/report"));

        Path png = dir.resolve("report.png");
        chromium.screenshot(page, png, Files.createDirectories(dir.resolve("profile-1")));
        String dom = chromium.dumpDom(page, Files.createDirectories(dir.resolve("profile-2")));

        assertThat(dom).contains("001_create_users", "002_create_orders", "order_lines", "public.orders");
        // the script ran: it wrote the diagram's status line
        assertThat(dom).contains("<span id=\"status\">3 tables</span>");
        // focus on one table: it and its neighbours stay, the rest of the picture is hidden
        String focused = chromium.dumpDom(page, "#table=public.orders", Files.createDirectories(dir.resolve("profile-3")));
        assertThat(focused).contains("<span id=\"status\">public.orders: 2 neighbours</span>", "class=\"focused\"");
        assertThat(focused).containsPattern("<g class=\"t center\"[^>]*data-n=\"public.orders\"");
        assertThat(focused).containsPattern("<g class=\"t\"[^>]*data-n=\"public.users\"");
        assertThat(focused).containsPattern("<line class=\"fe\"");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(luminanceVariance(image)).as("the screenshot is not blank").isGreaterThan(100.0);
    }

    @Test
    void lintFindingsAreOnTheRenderedPageAndALinkToALineOpensItsFoldedSql() throws Exception {
        Chromium chromium = Chromium.find();
        assumeTrue(chromium != null, Chromium.MISSING);
        Path project = dir.resolve("lint");
        write(project, "db/schema/users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
        write(project, "db/migrations/001_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
        // long enough to start folded: its finding's line (306) exists only once the SQL is opened
        write(project, "db/migrations/002_index_email.up.sql", "-- a long comment\n".repeat(305)
                + "CREATE INDEX users_email ON users (email);\n");
        write(project, "db/migrations/003_drop_email.up.sql", "ALTER TABLE users DROP COLUMN email;\n");
        ReportModel model = new ReportCollector(new ReportRequest("local", project, List.of(project.resolve("db/schema")),
                IncludeScope.within(project), RunnerConfig.of(null, project.resolve("db/migrations")),
                project.resolve("target/confiture"), null), null).collect();
        Path page = HtmlReport.write(model, project.resolve("target/confiture/report"));

        String dom = chromium.dumpDom(page, Files.createDirectories(dir.resolve("profile-4")));
        assertThat(dom).contains("Lint (PostgreSQL 15): <span class=\"badge error\">1 error</span>",
                "<b class=\"rule\">require-concurrent-index-creation</b> <a class=\"line\" href=\"#p-002-l306\">line 306</a>",
                "<span class=\"l flag warning\" id=\"p-003-l1\" data-rule=\"breaking-rename-or-drop\">");
        // folded: its lines are still text in the inert block, not elements
        assertThat(dom).containsPattern("<details class=\"lazy\" data-change=\"p-002\"><summary>[^<]*</summary>"
                + "<pre class=\"sql\"><code></code></pre><script type=\"text/x-confiture-sql\">");

        String opened = chromium.dumpDom(page, "#p-002-l306", Files.createDirectories(dir.resolve("profile-5")));
        assertThat(opened).contains("<details class=\"lazy\" data-change=\"p-002\" open=\"\">")
                .contains("<span class=\"l flag error\" id=\"p-002-l306\" data-rule=\"require-concurrent-index-creation\">")
                .doesNotContain("<script type=\"text/x-confiture-sql\">");
    }

    @Test
    void aLargeSchemaShownWholeHidesItsUnreadableTextsUntilOneTableIsFocused() throws Exception {
        Chromium chromium = Chromium.find();
        assumeTrue(chromium != null, Chromium.MISSING);
        Path project = dir.resolve("large");
        StringBuilder schema = new StringBuilder("CREATE TABLE t0 (id bigint PRIMARY KEY, name text);\n");
        for (int i = 1; i < 400; i++) {
            schema.append("CREATE TABLE t").append(i).append(" (id bigint PRIMARY KEY, name text, parent bigint REFERENCES t")
                    .append(i / 2).append(" (id));\n");
        }
        write(project, "db/schema/tables.sql", schema.toString());
        ReportModel model = new ReportCollector(new ReportRequest("local", project, List.of(project.resolve("db/schema")),
                IncludeScope.within(project), RunnerConfig.of(null, project.resolve("db/migrations")),
                project.resolve("target/confiture"), null), null).collect();
        Path page = HtmlReport.write(model, project.resolve("target/confiture/report"));

        // 400 boxes in an 800 x 600 window: a column line would be a few pixels high
        String whole = chromium.dumpDom(page, Files.createDirectories(dir.resolve("profile-6")));
        assertThat(whole).containsPattern("<svg id=\"er\" [^>]*class=\"far( farther)?\"");
        String focused = chromium.dumpDom(page, "#table=public.t3", Files.createDirectories(dir.resolve("profile-7")));
        assertThat(focused).containsPattern("<svg id=\"er\" [^>]*class=\"focused\"")
                .contains("<span id=\"status\">public.t3: 3 neighbours</span>");
    }

    /** Variance of the pixels' luminance: about 0 for a blank (one-colour) page, in the thousands for text and boxes. */
    static double luminanceVariance(BufferedImage image) {
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                double l = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                sum += l;
                squares += l * l;
                n++;
            }
        }
        double mean = sum / n;
        return squares / n - mean * mean;
    }

    private static void write(Path project, String relative, String content) throws Exception {
        Path p = project.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
