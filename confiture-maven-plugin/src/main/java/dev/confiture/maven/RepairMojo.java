package dev.confiture.maven;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.config.ProtectedEnvironment;
import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.fleet.FleetGoals;
import dev.confiture.runner.report.RepairReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Realigns the tracking table with the migration files after a deliberate edit: the recorded checksums
 * of applied migrations whose up or down file changed, and, with confiture.removeMissing=true, the
 * records of migrations whose files are gone. Runs no migration, takes the migration lock, names the
 * database and prints every change. Refused on an environment with protected: true unless
 * confiture.force=true.
 */
@Mojo(name = "repair", threadSafe = true)
public class RepairMojo extends AbstractFleetMojo {

    /**
     * Also remove the records of applied migrations whose files are gone. Off by default: such a record
     * is kept and listed, since removing it lets a migration of that version be applied again.
     */
    @Parameter(property = "confiture.removeMissing", defaultValue = "false")
    protected boolean removeMissing;

    /** Run on an environment with protected: true all the same. */
    @Parameter(property = "confiture.force", defaultValue = "false")
    protected boolean force;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        ProtectedEnvironment.refuseUnlessForced(environment(), "repair", "rewrites its tracking table", force);
        if (runFleet("repair", FleetGoals.repair(removeMissing))) {
            return;
        }
        List<String> lines = new ArrayList<>();
        RepairReport report = new MigrationRunner(runnerConfig(), RunnerOutput.listener(getLog(), lines)).repair(removeMissing);
        RunnerOutput.publish(report, lines, jsonFormat(), output, getLog());
    }
}
