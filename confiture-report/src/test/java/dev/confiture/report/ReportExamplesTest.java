package dev.confiture.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.confiture.model.config.Environment;
import dev.confiture.model.config.EnvironmentLoader;
import dev.confiture.report.html.HtmlReport;
import dev.confiture.runner.RunnerConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The report of the repository's examples, from their files (their local databases are embedded ones). */
class ReportExamplesTest {

    @TempDir
    Path out;

    @ParameterizedTest
    @CsvSource({
            "quickstart, 001_create_users_table, public.users",
            "enterprise/orders-service, 002_create_orders, public.orders",
            "enterprise/billing-service, 002_add_issued_at, public.invoices",
    })
    void theExamplesReportTheirMigrationsAndTables(String example, String lastMigration, String table) throws Exception {
        Path project = Path.of("..", "examples", example).toAbsolutePath().normalize();
        Environment env = EnvironmentLoader.load(project, "local", null, Map.of());
        RunnerConfig files = new RunnerConfig(null, env.migrationsDir(), env.trackingTable(), null, null, null,
                env.includeScope());

        Path page = ReportService.write(ReportRequest.of(env, files, out.resolve("results")), out, null);

        String html = Files.readString(page);
        assertThat(page).isEqualTo(out.resolve(HtmlReport.INDEX));
        assertThat(html).contains(lastMigration, "data-n=\"" + table + "\"", "From the files alone");
        // the interpreter reads every statement of the examples' schema files
        assertThat(html).doesNotContain("could not be read");
    }
}
