package dev.confiture.maven;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.Environment;
import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.fleet.FleetGoals;
import dev.confiture.runner.report.RollbackReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Rolls back the last confiture.steps applied migrations (default 1), newest first, or every one newer
 * than confiture.target, with their down files. Refused on an environment with protected: true.
 */
@Mojo(name = "rollback", threadSafe = true)
public class RollbackMojo extends AbstractFleetMojo {

    /** How many applied migrations to roll back, newest first (1 when unset; ignored when confiture.target is set). */
    @Parameter(property = "confiture.steps")
    protected Integer steps;

    /** Roll back every applied migration newer than this version (exclusive). */
    @Parameter(property = "confiture.target")
    protected String target;

    /** Only list what would be rolled back; change nothing. */
    @Parameter(property = "confiture.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /**
     * Writes the psql script that does what this rollback would do (each migration in its transaction with
     * its tracking row, placeholders applied, callbacks included) to this file, and changes nothing: a
     * dry run even without {@code confiture.dryRun}. Run it with {@code psql -v ON_ERROR_STOP=1 -f} and the file.
     * See docs/migrations.md, "A script for the DBA".
     */
    @Parameter(property = "confiture.dryRunOutput")
    protected java.io.File dryRunOutput;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        List<String> lines = new ArrayList<>();
        Environment e = environment();
        if (e.protectedEnv()) {
            throw new ConfitureException("ENV_PROTECTED", "Environment '" + e.name() + "' is protected (protected: true in "
                    + e.configFile() + "): rollback refuses to run on it. Undo a change there with a new"
                    + " migration (confiture:generate), or run rollback against a non-protected environment.");
        }
        refuseDryRunOnFleet(dryRun, dryRunOutput);
        if (runFleet("rollback", FleetGoals.rollback(steps, target))) {
            return;
        }
        RollbackReport report = new MigrationRunner(runnerConfig(), RunnerOutput.listener(getLog(), lines))
                .rollback(steps, target, dryRun, dryRunOutput == null ? null : dryRunOutput.toPath());
        RunnerOutput.publish(report, lines, jsonFormat(), output, getLog());
    }
}
