package dev.confiture.runner.report;

import java.util.List;

/**
 * The result of {@code migrate}: what ran (or would run, with {@code dryRun}), in order, and the
 * attempts that failed on a lock timeout and were retried ({@code confiture.lockRetries}).
 */
public record MigrateReport(String database, String trackingTable, boolean dryRun, String target,
                            int alreadyApplied, List<MigrationOutcome> migrations, long totalTimeMs,
                            List<LockRetry> lockRetries) {

    public MigrateReport {
        lockRetries = lockRetries == null ? List.of() : List.copyOf(lockRetries);
    }

    /** A run without lock retries. */
    public MigrateReport(String database, String trackingTable, boolean dryRun, String target, int alreadyApplied,
                         List<MigrationOutcome> migrations, long totalTimeMs) {
        this(database, trackingTable, dryRun, target, alreadyApplied, migrations, totalTimeMs, List.of());
    }

    public int count() {
        return migrations.size();
    }
}
