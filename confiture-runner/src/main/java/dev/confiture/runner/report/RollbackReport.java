package dev.confiture.runner.report;

import java.util.List;

/** The result of {@code rollback}: the migrations rolled back, newest first. */
public record RollbackReport(String database, String trackingTable, boolean dryRun, List<MigrationOutcome> migrations,
                             long totalTimeMs) {
}
