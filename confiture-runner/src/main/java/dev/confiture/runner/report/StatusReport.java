package dev.confiture.runner.report;

import java.util.List;

/**
 * The result of {@code status}: every migration on disk or in the tracking table, in version order.
 * {@code currentVersion} is the newest version the tracking table records (null when none is).
 */
public record StatusReport(String database, String trackingTable, String currentVersion, List<StatusEntry> migrations,
                           int total, int applied, int pending, int modified, int missing) {
}
