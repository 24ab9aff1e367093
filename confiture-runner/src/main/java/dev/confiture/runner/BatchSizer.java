package dev.confiture.runner;

import java.util.List;
import java.util.function.ToIntFunction;

import dev.confiture.runner.migration.ResolvedMigration;

/**
 * How many pending migrations the next round trip carries ({@link MigrationExecutor#runBatch}). The
 * first runs alone; after it, as many as the run's migrations so far took on average to fill about
 * {@link #TARGET_MS}, so that small migrations go by the dozen while a slow one still goes alone and
 * the console stays as live as before (a batch's lines come when it ends). At most
 * {@link #MAX_MIGRATIONS} and {@link #MAX_CHARS} of SQL, consecutive, each able to travel in a batch.
 */
final class BatchSizer {

    static final long TARGET_MS = 200;
    static final int MAX_MIGRATIONS = 64;
    static final int MAX_CHARS = 256 * 1024;

    private int done;
    private long elapsedNanos;

    /** Counts {@code migrations} applied in {@code nanos}, one by one or in a batch. */
    void ran(int migrations, long nanos) {
        done += migrations;
        elapsedNanos += nanos;
    }

    /**
     * The number of migrations from {@code pending[from]} to send in one batch; 1 or 0 when the next
     * runs alone. {@code length} gives a migration's SQL length, or -1 when it cannot be batched.
     */
    int next(List<ResolvedMigration> pending, int from, ToIntFunction<ResolvedMigration> length) {
        if (done == 0) {
            return 1;
        }
        double averageMs = Math.max(elapsedNanos / 1e6 / done, 0.1);
        int wanted = (int) Math.max(1, Math.min(MAX_MIGRATIONS, TARGET_MS / averageMs));
        int count = 0;
        long chars = 0;
        while (count < wanted && from + count < pending.size()) {
            int len = length.applyAsInt(pending.get(from + count));
            if (len < 0 || (count > 0 && chars + len > MAX_CHARS)) {
                break;
            }
            chars += len;
            count++;
        }
        return count;
    }
}
