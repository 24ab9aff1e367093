package dev.confiture.maven;

import java.io.File;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.Fleet;
import dev.confiture.runner.fleet.FleetGoals;
import dev.confiture.runner.fleet.FleetOptions;
import dev.confiture.runner.fleet.FleetReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that act on every target of an environment's {@code fleet:} (docs/fleet.md): migrate, status,
 * rollback, baseline, repair, verify and lint. The fleet's parameters live here, so that the other goals'
 * help does not list them.
 */
public abstract class AbstractFleetMojo extends AbstractConfitureMojo {

    /**
     * With a fleet: in the environment, the targets to act on: a comma list of names or globs
     * ({@code eu,us/tenant_*}); a database's name selects all its tenants. All targets when unset. A name
     * that matches nothing fails the goal. See docs/fleet.md.
     */
    @Parameter(property = "confiture.targets")
    protected String targets;

    /**
     * With a fleet: K/N takes the K-th of N stable slices of the selected targets (by a hash of each
     * target's name), so N CI jobs share a fleet without talking to each other. See docs/fleet.md.
     */
    @Parameter(property = "confiture.shard")
    protected String shard;

    /** With a fleet: how many targets run at a time; default the number of cores, capped by confiture.maxConnections. */
    @Parameter(property = "confiture.parallel", defaultValue = "0")
    protected int parallel;

    /** With a fleet: the most connections the run may hold at once (one per running target, from one pool per database); 0 for no cap. */
    @Parameter(property = "confiture.maxConnections", defaultValue = "0")
    protected int maxConnections;

    /**
     * With a fleet: true stops starting new targets at the first failure (running ones finish); false
     * runs every target. Either way a failure fails the goal and the summary names it.
     */
    @Parameter(property = "confiture.failFast", defaultValue = "true")
    protected boolean failFast;

    /**
     * With a fleet: targets (names or globs) or a count of the first targets to run first, one at a
     * time; if one of them fails, no other target starts. See docs/fleet.md.
     */
    @Parameter(property = "confiture.canary")
    protected String canary;
    /**
     * Runs a goal on every selected target of the environment's {@code fleet:} and fails on any failure;
     * false (nothing done) when the environment has no fleet. Writes {@code target/confiture/fleet.json}.
     */
    protected boolean runFleet(String goal, FleetGoals.Goal goalAction) throws MojoExecutionException {
        FleetReport report = fleetReport(goal, goalAction, jsonFormat());
        if (report == null) {
            return false;
        }
        FleetRun.failOnFailures(report);
        return true;
    }

    /**
     * {@link #runFleet} without failing: the report (null without a fleet), logged and written to
     * {@code target/confiture/fleet.json}, and to standard output with {@code json} (false when the goal prints
     * its own JSON document); the goal calls {@link FleetRun#failOnFailures} when it is done.
     */
    protected FleetReport fleetReport(String goal, FleetGoals.Goal goalAction, boolean json) throws MojoExecutionException {
        Fleet fleet = environment().fleet();
        if (fleet == null) {
            return null;
        }
        if (serverId != null && !serverId.isBlank()) {
            fleet = FleetCredentials.withServer(fleet, serverCredentials(serverId.trim()));
        }
        FleetRun run = new FleetRun(goal, fleet, environment().trackingTable(), targets, shard,
                new FleetOptions(parallel > 0 ? parallel : FleetOptions.defaultParallel(), failFast, canary, maxConnections),
                getLog());
        return run.execute(goalAction.on(runnerConfig(null), run::listener), json, output,
                new File(buildDirectory, "confiture/fleet.json"));
    }

    /** A dry run (and its script) shows one database's plan: refused with a fleet rather than run for real. */
    protected void refuseDryRunOnFleet(boolean dryRun, File dryRunOutput) {
        if (environment().fleet() != null && (dryRun || dryRunOutput != null)) {
            throw new ConfitureException("FLEET_DRY_RUN_UNSUPPORTED", "confiture.dryRun and"
                    + " confiture.dryRunOutput do not work with a fleet yet: select one target's database with confiture.url"
                    + " (and confiture.env without fleet:) to see its script. Nothing was run.");
        }
    }
}
