package dev.confiture.report;

import java.nio.file.Path;
import java.util.function.Consumer;

import dev.confiture.report.html.HtmlReport;

/**
 * The report in one call, usable from plain Java: gather ({@link ReportCollector}), then write
 * {@code index.html} into a folder ({@link HtmlReport}).
 *
 * <pre>
 * Path page = ReportService.write(ReportRequest.of(env, runnerConfig, Path.of("target/confiture")),
 *         Path.of("target/confiture/report"), System.out::println);
 * </pre>
 */
public final class ReportService {

    private ReportService() {
    }

    /** Writes the report of {@code request} into {@code dir} and returns the page's path. */
    public static Path write(ReportRequest request, Path dir, Consumer<String> progress) {
        ReportModel model = new ReportCollector(request, progress).collect();
        return HtmlReport.write(model, dir);
    }
}
