package dev.confiture.maven;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.runner.LockRetryPolicy;
import dev.confiture.runner.MigrateOptions;
import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.fleet.FleetGoals;
import dev.confiture.runner.report.MigrateReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Applies the pending migrations in version order, each in its own transaction with its tracking-table
 * row. Names the database it changes. A pending migration older than the newest applied one is refused
 * unless confiture.outOfOrder=true.
 */
@Mojo(name = "migrate", threadSafe = true)
public class MigrateMojo extends AbstractFleetMojo {

    /** Stop after this version (inclusive); all pending migrations when unset. */
    @Parameter(property = "confiture.target")
    protected String target;

    /** Only list what would run; change nothing, not even the tracking table. */
    @Parameter(property = "confiture.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /**
     * Apply a pending migration whose version is older than the newest applied one (a branch merged
     * late). By default such a migration is refused before anything runs, naming both versions.
     */
    @Parameter(property = "confiture.outOfOrder", defaultValue = "false")
    protected boolean outOfOrder;

    /**
     * On a database that already holds objects but has no applied migration (no tracking table), record
     * the migrations up to confiture.baselineVersion as applied without running them (kind baseline),
     * then apply the newer ones. Does nothing on an empty database or one with applied migrations.
     */
    @Parameter(property = "confiture.baselineOnMigrate", defaultValue = "false")
    protected boolean baselineOnMigrate;

    /**
     * With confiture.baselineOnMigrate: the last version the existing database already holds
     * (inclusive). Default 1, as in Flyway.
     */
    @Parameter(property = "confiture.baselineVersion", defaultValue = MigrateOptions.DEFAULT_BASELINE_VERSION)
    protected String baselineVersion;

    /**
     * Writes the psql script that does what this migrate would do (each migration in its transaction with
     * its tracking row, placeholders applied, callbacks included) to this file, and changes nothing: a
     * dry run even without {@code confiture.dryRun}. Run it with {@code psql -v ON_ERROR_STOP=1 -f} and the file.
     * See docs/migrations.md, "A script for the DBA".
     */
    @Parameter(property = "confiture.dryRunOutput")
    protected java.io.File dryRunOutput;

    /**
     * How many more times to try a migration that failed on a lock timeout (SQLSTATE 55P03, for
     * example from session_settings.lock_timeout) and left nothing applied: its transaction was rolled
     * back, so it runs again from the start. Each failed attempt is logged with the session that
     * blocked it and listed in the report's lock_retries. 0 makes the first lock timeout final. A
     * migration running outside a transaction is not retried once one of its statements ran.
     * See docs/migrations.md, "Lock retries".
     */
    @Parameter(property = "confiture.lockRetries", defaultValue = "3")
    protected int lockRetries;

    /**
     * Seconds to wait before the first lock retry; each next wait is twice the one before (5, 10, 20
     * seconds by default).
     */
    @Parameter(property = "confiture.lockRetryDelay", defaultValue = "5")
    protected int lockRetryDelay;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        refuseDryRunOnFleet(dryRun, dryRunOutput);
        MigrateOptions options = new MigrateOptions(outOfOrder, baselineOnMigrate, baselineVersion);
        LockRetryPolicy retries = new LockRetryPolicy(lockRetries, Duration.ofSeconds(Math.max(0, lockRetryDelay)));
        if (runFleet("migrate", FleetGoals.migrate(target, options, retries))) {
            return;
        }
        List<String> lines = new ArrayList<>();
        MigrateReport report = new MigrationRunner(runnerConfig(), RunnerOutput.listener(getLog(), lines))
                .lockRetries(retries)
                .migrate(target, dryRun, new MigrateOptions(outOfOrder, baselineOnMigrate, baselineVersion),
                        dryRunOutput == null ? null : dryRunOutput.toPath());
        RunnerOutput.publish(report, lines, jsonFormat(), output, getLog());
    }
}
