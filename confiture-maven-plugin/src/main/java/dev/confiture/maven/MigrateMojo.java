package dev.confiture.maven;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.report.MigrateReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies the pending migrations in version order, each in its own transaction with its tracking-table
 * row. Names the database it changes.
 */
@Mojo(name = "migrate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class MigrateMojo extends AbstractConfitureMojo {

    /** Stop after this version (inclusive); all pending migrations when unset. */
    @Parameter(property = "confiture.target")
    protected String target;

    /** Only list what would run; change nothing, not even the tracking table. */
    @Parameter(property = "confiture.dryRun", defaultValue = "false")
    protected boolean dryRun;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        List<String> lines = new ArrayList<>();
        MigrateReport report = new MigrationRunner(runnerConfig(), RunnerOutput.listener(getLog(), lines))
                .migrate(target, dryRun);
        RunnerOutput.publish(report, lines, jsonFormat(), output, getLog());
    }
}
