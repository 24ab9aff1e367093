package dev.confiture.maven;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.fleet.FleetGoals;
import dev.confiture.runner.report.BaselineReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Records the migrations up to confiture.through as applied (kind baseline) without running them, for a
 * database that already has that schema.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends AbstractFleetMojo {

    /** The last version to record (inclusive); every migration on disk when unset. */
    @Parameter(property = "confiture.through")
    protected String through;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (runFleet("baseline", FleetGoals.baseline(through))) {
            return;
        }
        List<String> lines = new ArrayList<>();
        BaselineReport report = new MigrationRunner(runnerConfig(), RunnerOutput.listener(getLog(), lines)).baseline(through);
        RunnerOutput.publish(report, lines, jsonFormat(), output, getLog());
    }
}
