package dev.confiture.maven;

import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.fleet.FleetGoals;
import dev.confiture.runner.report.RunnerText;
import dev.confiture.runner.report.StatusReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Shows the current version and the target database, then every migration with its kind, status
 * (applied, pending, modified, missing ...), when and by whom it was applied and how long it ran, and a
 * total line. Reads only.
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractFleetMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (runFleet("status", FleetGoals::status)) {
            return;
        }
        StatusReport report = new MigrationRunner(runnerConfig(), null).status();
        publish(report, () -> RunnerText.statusTable(report));
    }
}
