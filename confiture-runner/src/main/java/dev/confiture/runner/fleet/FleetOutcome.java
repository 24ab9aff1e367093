package dev.confiture.runner.fleet;

/**
 * What a fleet goal did on one target.
 *
 * @param target         the target's name
 * @param state          applied, up to date, pending (status), failed or not started
 * @param applied        how many migrations this run applied (or, for status, how many are pending)
 * @param currentVersion the newest version the target records after the run, null when none or unknown
 * @param pending        the migrations still pending after the run, -1 when unknown
 * @param detail         for a failure, what failed (the migration and statement); else a short note, or null
 */
public record FleetOutcome(String target, State state, int applied, String currentVersion, int pending, String detail) {

    /** Where a target stands after a fleet goal. */
    public enum State {
        APPLIED("applied"), UP_TO_DATE("up to date"), PENDING("pending"), FAILED("failed"), NOT_STARTED("not started");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** What the summary prints. */
        public String label() {
            return label;
        }
    }

    public static FleetOutcome notStarted(String target) {
        return new FleetOutcome(target, State.NOT_STARTED, 0, null, -1, null);
    }

    public static FleetOutcome failed(String target, String detail) {
        return new FleetOutcome(target, State.FAILED, 0, null, -1, detail);
    }
}
