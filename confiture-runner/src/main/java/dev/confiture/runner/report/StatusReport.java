package dev.confiture.runner.report;

import java.util.List;

/** The result of {@code status}: every migration on disk or in the tracking table, in version order. */
public record StatusReport(String database, String trackingTable, List<StatusEntry> migrations, int total, int applied,
                           int pending, int modified, int missing) {
}
