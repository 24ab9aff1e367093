package dev.confiture.maven;

import java.io.File;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.Fleet;
import dev.confiture.runner.MigrationListener;
import dev.confiture.runner.fleet.FleetExecutor;
import dev.confiture.runner.fleet.FleetOptions;
import dev.confiture.runner.fleet.FleetOutcome;
import dev.confiture.runner.fleet.FleetReport;
import dev.confiture.runner.fleet.FleetSelection;
import dev.confiture.runner.fleet.FleetTarget;
import dev.confiture.runner.fleet.FleetTargets;
import dev.confiture.runner.report.RunnerText;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/** One fleet goal in the plugin: the targets selected, the goal run on them, the summary logged and written. */
final class FleetRun {

    private final String goal;
    private final List<FleetTarget> targets;
    private final FleetOptions options;
    private final Log log;

    FleetRun(String goal, Fleet fleet, String trackingTable, String targetsProperty, String shardProperty,
             FleetOptions options, Log log) {
        this.goal = goal;
        List<FleetTarget> all = FleetTargets.resolve(fleet, trackingTable);
        this.targets = FleetSelection.shard(FleetSelection.select(all, targetsProperty), shardProperty);
        this.options = options;
        this.log = log;
    }

    /** Each target's runner lines, prefixed with its name: targets run side by side in one log. */
    MigrationListener listener(FleetTarget target) {
        String prefix = "[" + target.name() + "] ";
        return RunnerText.lines(line -> log.info(prefix + line), line -> log.warn(prefix + line));
    }

    /** Runs the goal on the targets; logs and writes the report (to standard output too with {@code json}); fails on nothing. */
    FleetReport execute(FleetExecutor.TargetAction action, boolean json, File output, File fleetJson) throws MojoExecutionException {
        log.info("Fleet " + goal + ": " + targets.size() + " target(s), " + options.parallel() + " at a time"
                + (options.failFast() ? ", fail fast" : ""));
        for (FleetTarget t : targets) {
            log.info("  " + t.name() + ": " + t.database().describe() + (t.tenant() == null ? "" : " schema " + t.tenant()));
        }
        FleetReport report = FleetExecutor.run(goal, targets, options, action);
        ReportPublisher.write(fleetJson, ReportPublisher.toJson(report) + System.lineSeparator(), log);
        ReportPublisher.publish(report, report.summaryLines(), json, output, log);
        return report;
    }

    /** Fails the goal when a target failed, naming every failed target with what failed, and how many did not start. */
    static void failOnFailures(FleetReport report) {
        List<FleetOutcome> failed = report.failed();
        if (!failed.isEmpty()) {
            StringBuilder message = new StringBuilder("Fleet " + report.goal() + " failed on " + failed.size() + " target(s):");
            failed.forEach(f -> message.append("\n  ").append(f.target()).append(": ").append(f.detail()));
            long notStarted = report.count(FleetOutcome.State.NOT_STARTED);
            if (notStarted > 0) {
                message.append("\n  ").append(notStarted).append(" target(s) not started; run again to continue.");
            }
            throw new ConfitureException("FLEET_FAILED", message.toString());
        }
    }
}
