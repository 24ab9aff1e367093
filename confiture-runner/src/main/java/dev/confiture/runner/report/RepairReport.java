package dev.confiture.runner.report;

import java.util.List;

/**
 * The result of {@code repair}: every change made to the tracking table, and the records of missing
 * migrations kept because {@code confiture.removeMissing} was not set.
 */
public record RepairReport(String database, String trackingTable, List<RepairChange> changes, int realigned,
                           int removed, int missingKept) {

    /**
     * One tracking row repair looked at. {@code action}: {@code realigned} (checksums, and the name
     * when the file was renamed, now those of the files), {@code removed} (its files are gone;
     * {@code confiture.removeMissing=true}) or {@code missing_kept} (its files are gone; kept).
     */
    public record RepairChange(String version, String name, String action, String detail) {

        public String displayName() {
            return version + "_" + name;
        }
    }
}
