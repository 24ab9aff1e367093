package dev.confiture.maven;

import java.io.File;
import java.util.List;

import dev.confiture.runner.MigrationListener;
import dev.confiture.runner.report.RunnerText;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * How the runner goals talk: a line per migration logged as it happens (so a long run shows
 * progress), then the report, as JSON alone on standard output with {@code format=json}, and to
 * {@code confiture.output} in the chosen format.
 */
final class RunnerOutput {

    private RunnerOutput() {
    }

    /**
     * Logs each event as it happens (warnings, such as an edited down file, at Maven's warn level) and
     * keeps the lines for the report file. A blocked migration is reported from the runner's watching
     * thread, hence one line at a time.
     */
    static MigrationListener listener(Log log, List<String> lines) {
        return RunnerText.lines(line -> {
            synchronized (lines) {
                lines.add(line);
                log.info(line);
            }
        }, warning -> {
            synchronized (lines) {
                lines.add("WARNING: " + warning);
                log.warn(warning);
            }
        });
    }

    /** The lines were logged live already; publish the JSON (stdout + file) or the text file. */
    static void publish(Object report, List<String> lines, boolean json, File output, Log log) throws MojoExecutionException {
        if (json) {
            ReportPublisher.publish(report, lines, true, output, log);
        } else {
            ReportPublisher.write(output, String.join(System.lineSeparator(), lines) + System.lineSeparator(), log);
        }
    }
}
