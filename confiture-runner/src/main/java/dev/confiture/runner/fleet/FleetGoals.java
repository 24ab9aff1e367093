package dev.confiture.runner.fleet;

import java.util.function.Function;

import dev.confiture.runner.LockRetryPolicy;
import dev.confiture.runner.MigrateOptions;
import dev.confiture.runner.MigrationListener;
import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.RunnerConfig;
import dev.confiture.runner.report.MigrateReport;
import dev.confiture.runner.report.StatusReport;

/** The runner goals as fleet target actions: the same {@link MigrationRunner} per target, its config derived from one template. */
public final class FleetGoals {

    private FleetGoals() {
    }

    /** {@code migrate} on a target: applied N, or up to date; a failed migration fails the target. */
    public static FleetExecutor.TargetAction migrate(RunnerConfig template, Function<FleetTarget, MigrationListener> listeners) {
        return migrate(template, listeners, null, MigrateOptions.DEFAULTS);
    }

    /** {@code migrate} up to {@code version} (null for all) with these options, on a target. */
    public static FleetExecutor.TargetAction migrate(RunnerConfig template, Function<FleetTarget, MigrationListener> listeners,
                                                     String version, MigrateOptions options) {
        return migrate(template, listeners, version, options, LockRetryPolicy.DEFAULT);
    }

    /** As above, retrying a migration that fails on a lock timeout as {@code lockRetries} says. */
    public static FleetExecutor.TargetAction migrate(RunnerConfig template, Function<FleetTarget, MigrationListener> listeners,
                                                     String version, MigrateOptions options, LockRetryPolicy lockRetries) {
        return target -> {
            MigrationRunner runner = new MigrationRunner(target.configFor(template), listeners.apply(target))
                    .lockRetries(lockRetries);
            MigrateReport report = runner.migrate(version, false, options);
            StatusReport after = runner.status();
            return new FleetOutcome(target.name(), report.count() == 0 ? FleetOutcome.State.UP_TO_DATE : FleetOutcome.State.APPLIED,
                    report.count(), after.currentVersion(), after.pending(), null);
        };
    }

    /** {@code status} on a target: up to date, or its pending count; modified or missing migrations noted. */
    public static FleetExecutor.TargetAction status(RunnerConfig template, Function<FleetTarget, MigrationListener> listeners) {
        return target -> {
            StatusReport s = new MigrationRunner(target.configFor(template), listeners.apply(target)).status();
            String note = s.modified() + s.missing() == 0 ? null
                    : s.modified() + " modified, " + s.missing() + " missing";
            return new FleetOutcome(target.name(), s.pending() == 0 ? FleetOutcome.State.UP_TO_DATE : FleetOutcome.State.PENDING, 0,
                    s.currentVersion(), s.pending(), note);
        };
    }
}
