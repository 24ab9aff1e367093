package dev.confiture.runner;

import java.util.List;
import java.util.Optional;

import dev.confiture.runner.db.LockHolder;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.report.MigrationOutcome;

/**
 * What a run tells its caller as it goes, so the Maven goal can log a line per migration and
 * progress on long runs. Every method has an empty default; the runner calls them on its own thread,
 * except {@link #blocked}, which comes from the thread that watches a long migration.
 */
public interface MigrationListener {

    MigrationListener NONE = new MigrationListener() {
    };

    /** The lock is held by someone else; the runner waits (up to the lock timeout). */
    default void waitingForLock(Optional<LockHolder> holder) {
    }

    /** A free-form notice: what was found, a migration running outside a transaction, the summary. */
    default void info(String line) {
    }

    /** Something the user should fix that does not stop the run (an applied migration's down file changed). */
    default void warning(String line) {
        info("WARNING: " + line);
    }

    /**
     * A migration is about to run ({@code index} is 1-based among {@code total}); or, for small
     * migrations applied several in one round trip, has just run, told in order with its {@link
     * #finished} as the batch ends, unless {@link #startsBeforeEachRun}.
     */
    default void starting(ResolvedMigration migration, Direction direction, int index, int total) {
    }

    /**
     * Whether {@link #starting} must come before the migration runs (the listener reads the database
     * then): migrations are then applied one by one, never several in one batch.
     */
    default boolean startsBeforeEachRun() {
        return false;
    }

    /**
     * A running migration has waited {@code waitedMs} so far and is blocked by these sessions'
     * locks; told every few seconds while it lasts, from the watching thread. By default, the same as
     * {@link #blocked(String, long, List)} with its display name.
     */
    default void blocked(ResolvedMigration migration, long waitedMs, List<LockHolder> blockers) {
        blocked(migration.displayName(), waitedMs, blockers);
    }

    /**
     * {@link #blocked(ResolvedMigration, long, List)} for a migration known by its display name alone: a
     * repeatable ({@code R__views}), which has no version; and where the other one is not overridden.
     */
    default void blocked(String migration, long waitedMs, List<LockHolder> blockers) {
    }

    /** A migration finished successfully. */
    default void finished(MigrationOutcome outcome, int index, int total) {
    }

    /** Periodic progress on long runs: {@code done} of {@code total} after {@code elapsedMs}. */
    default void progress(int done, int total, long elapsedMs) {
    }

    enum Direction { UP, DOWN }
}
