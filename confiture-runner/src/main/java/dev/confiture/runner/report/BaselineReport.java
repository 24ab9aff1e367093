package dev.confiture.runner.report;

import java.util.List;

/** The result of {@code baseline}: migrations recorded as applied without running them. */
public record BaselineReport(String database, String trackingTable, String through, List<MigrationOutcome> recorded,
                             int alreadyApplied) {
}
