package dev.confiture.runner.report;

import java.util.List;

/** The result of {@code migrate}: what ran (or would run, with {@code dryRun}), in order. */
public record MigrateReport(String database, String trackingTable, boolean dryRun, String target,
                            int alreadyApplied, List<MigrationOutcome> migrations, long totalTimeMs) {

    public int count() {
        return migrations.size();
    }
}
