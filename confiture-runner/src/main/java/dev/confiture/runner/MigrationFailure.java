package dev.confiture.runner;

import java.nio.file.Path;

import dev.confiture.model.ConfitureException;

/**
 * A migration (or down) that failed while running: what went wrong, and apart from it what the
 * failure leaves in the database ({@link Aftermath}), so a caller that replays migrations in a
 * scratch database (verify) can report the failure without a note about a real database's state.
 */
public final class MigrationFailure extends ConfitureException {

    public static final String CODE = "MIGRATION_FAILED";

    private final String failure;
    private final String aftermath;

    MigrationFailure(String failure, String aftermath, Path file, int line, Throwable cause) {
        super(CODE, failure + "\n  " + aftermath, file, line, false, cause);
        this.failure = failure;
        this.aftermath = aftermath;
    }

    /** What failed, without the aftermath. */
    public String failure() {
        return failure;
    }

    /** What stays applied, done or recorded after the failure. */
    public String aftermath() {
        return aftermath;
    }
}
