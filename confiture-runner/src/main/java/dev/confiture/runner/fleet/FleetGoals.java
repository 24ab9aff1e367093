package dev.confiture.runner.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.confiture.jdbc.ConnectionSource;
import dev.confiture.runner.LockRetryPolicy;
import dev.confiture.runner.MigrateOptions;
import dev.confiture.runner.MigrationListener;
import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.RunnerConfig;
import dev.confiture.runner.migration.FileChange;
import dev.confiture.runner.report.BaselineReport;
import dev.confiture.runner.report.MigrateReport;
import dev.confiture.runner.report.RepairReport;
import dev.confiture.runner.report.RollbackReport;
import dev.confiture.runner.report.StatusEntry;
import dev.confiture.runner.report.StatusReport;

/**
 * The runner goals as fleet target actions: the same {@link MigrationRunner} per target, its config derived
 * from one template, its connections from the target database's pool.
 */
public final class FleetGoals {

    /** A goal made into a target action, given the runner template and each target's listener. */
    @FunctionalInterface
    public interface Goal {
        FleetExecutor.TargetAction on(RunnerConfig template, Function<FleetTarget, MigrationListener> listeners);
    }

    private FleetGoals() {
    }

    private static MigrationRunner runner(RunnerConfig template, Function<FleetTarget, MigrationListener> listeners,
                                          FleetTarget target, ConnectionSource connections) {
        return new MigrationRunner(target.configFor(template), listeners.apply(target)).connectionsFrom(connections);
    }

    /** {@code migrate} on a target: applied N, or up to date; a failed migration fails the target. */
    public static FleetExecutor.TargetAction migrate(RunnerConfig template, Function<FleetTarget, MigrationListener> listeners) {
        return migrate(null, MigrateOptions.DEFAULTS).on(template, listeners);
    }

    /** {@code migrate} up to {@code version} (null for all) with these options, on a target. */
    public static Goal migrate(String version, MigrateOptions options) {
        return migrate(version, options, LockRetryPolicy.DEFAULT);
    }

    /** As above, retrying a migration that fails on a lock timeout as {@code lockRetries} says. */
    public static Goal migrate(String version, MigrateOptions options, LockRetryPolicy lockRetries) {
        return (template, listeners) -> (target, connections) -> {
            MigrationRunner runner = runner(template, listeners, target, connections).lockRetries(lockRetries);
            MigrateReport report = runner.migrate(version, false, options);
            StatusReport after = runner.status();
            return new FleetOutcome(target.name(), report.count() == 0 ? FleetOutcome.State.UP_TO_DATE : FleetOutcome.State.APPLIED,
                    report.count(), after.currentVersion(), after.pending(), null);
        };
    }

    /**
     * {@code status} on a target: up to date, or its pending count; modified or missing migrations noted;
     * every migration listed (the JSON's {@code migrations}).
     */
    public static FleetExecutor.TargetAction status(RunnerConfig template, Function<FleetTarget, MigrationListener> listeners) {
        return (target, connections) -> {
            StatusReport s = runner(template, listeners, target, connections).status();
            String note = s.modified() + s.missing() == 0 ? null
                    : s.modified() + " modified, " + s.missing() + " missing";
            return new FleetOutcome(target.name(), s.pending() == 0 ? FleetOutcome.State.UP_TO_DATE : FleetOutcome.State.PENDING, 0,
                    s.currentVersion(), s.pending(), note, s.migrations());
        };
    }

    /** {@code rollback} of {@code steps} migrations, or down to {@code version}, on a target. */
    public static Goal rollback(Integer steps, String version) {
        return (template, listeners) -> (target, connections) -> {
            MigrationRunner runner = runner(template, listeners, target, connections);
            RollbackReport report = runner.rollback(steps, version, false);
            return after(runner, target, report.migrations().size(), FleetOutcome.State.ROLLED_BACK);
        };
    }

    /** {@code baseline} through {@code version} (null: every migration on disk) on a target. */
    public static Goal baseline(String version) {
        return (template, listeners) -> (target, connections) -> {
            MigrationRunner runner = runner(template, listeners, target, connections);
            BaselineReport report = runner.baseline(version);
            return after(runner, target, report.recorded().size(), FleetOutcome.State.BASELINED);
        };
    }

    /** {@code repair} on a target: realigned checksums, and with {@code removeMissing} the records of missing files removed. */
    public static Goal repair(boolean removeMissing) {
        return (template, listeners) -> (target, connections) -> {
            MigrationRunner runner = runner(template, listeners, target, connections);
            RepairReport report = runner.repair(removeMissing);
            return after(runner, target, report.realigned() + report.removed(), FleetOutcome.State.REPAIRED);
        };
    }

    /**
     * {@code verify -Dconfiture.checkDatabase=true} on a target: its applied migrations against the files. A
     * migration changed since it was applied, or applied with its file gone, fails the target.
     */
    public static FleetExecutor.TargetAction checkDatabase(RunnerConfig template, Function<FleetTarget, MigrationListener> listeners) {
        return (target, connections) -> {
            StatusReport s = runner(template, listeners, target, connections).status();
            List<String> problems = new ArrayList<>();
            for (StatusEntry e : s.migrations()) {
                if (e.status().equals("modified")) {
                    problems.add("migration " + e.version() + "_" + e.name() + " was changed after it was applied (checksum differs)");
                } else if (e.status().equals("missing")) {
                    problems.add("migration " + e.version() + "_" + e.name() + " is applied but its file is missing");
                } else if (e.status().equals(FileChange.DOWN_EDITED.status()) || e.status().equals(FileChange.DOWN_DELETED.status())) {
                    listeners.apply(target).warning("the down file of " + e.version() + "_" + e.name() + " changed since it was applied");
                }
            }
            if (!problems.isEmpty()) {
                return new FleetOutcome(target.name(), FleetOutcome.State.FAILED, 0, s.currentVersion(), s.pending(),
                        String.join("; ", problems), s.migrations());
            }
            return new FleetOutcome(target.name(), FleetOutcome.State.PASSED, 0, s.currentVersion(), s.pending(),
                    s.applied() + " applied migration(s) match the files", List.of());
        };
    }

    private static FleetOutcome after(MigrationRunner runner, FleetTarget target, int changed, FleetOutcome.State done) {
        StatusReport s = runner.status();
        return new FleetOutcome(target.name(), changed == 0 ? FleetOutcome.State.UNCHANGED : done, changed,
                s.currentVersion(), s.pending(), null);
    }
}
