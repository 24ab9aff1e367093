package dev.confiture.runner.fleet;

import java.util.List;

import dev.confiture.runner.report.StatusEntry;

/**
 * What a fleet goal did on one target.
 *
 * @param target         the target's name
 * @param state          what the goal did there (see {@link State})
 * @param applied        how many migrations this run applied, rolled back, recorded or realigned there
 * @param currentVersion the newest version the target records after the run, null when none or unknown
 * @param pending        the migrations still pending after the run, -1 when unknown
 * @param detail         for a failure, what failed (the migration and statement); else a short note, or null
 * @param migrations     for {@code status}, every migration of the target with its status; empty otherwise
 */
public record FleetOutcome(String target, State state, int applied, String currentVersion, int pending, String detail,
                           List<StatusEntry> migrations) {

    /** Where a target stands after a fleet goal. */
    public enum State {
        APPLIED("applied"), ROLLED_BACK("rolled back"), BASELINED("baselined"), REPAIRED("repaired"), PASSED("passed"),
        UNCHANGED("unchanged"), UP_TO_DATE("up to date"), PENDING("pending"), FAILED("failed"), NOT_STARTED("not started");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** What the summary prints. */
        public String label() {
            return label;
        }
    }

    public FleetOutcome {
        migrations = migrations == null ? List.of() : List.copyOf(migrations);
    }

    public FleetOutcome(String target, State state, int applied, String currentVersion, int pending, String detail) {
        this(target, state, applied, currentVersion, pending, detail, List.of());
    }

    public static FleetOutcome notStarted(String target) {
        return new FleetOutcome(target, State.NOT_STARTED, 0, null, -1, null);
    }

    public static FleetOutcome failed(String target, String detail) {
        return new FleetOutcome(target, State.FAILED, 0, null, -1, detail);
    }
}
