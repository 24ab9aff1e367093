package dev.confiture.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.confiture.model.migration.MigrationVersion;
import dev.confiture.runner.db.AppliedMigration;
import dev.confiture.runner.migration.FileChange;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.report.StatusEntry;
import dev.confiture.runner.report.StatusReport;

/**
 * The status of every versioned migration, from the migrations found and the rows of the tracking
 * table: applied, pending (or refused as out of order), modified, and missing (a row whose file is
 * gone), in version order, with the totals.
 */
final class MigrationStatus {

    private MigrationStatus() {
    }

    /**
     * @param database     the database as reports name it
     * @param trackingName the tracking table as reports name it
     */
    static StatusReport of(String database, String trackingName, List<ResolvedMigration> onDisk, List<AppliedMigration> applied) {
        Map<String, AppliedMigration> byVersion = VersionKeys.byNumber(applied);
        AppliedMigration newest = OutOfOrderGuard.newestApplied(applied).orElse(null);
        List<StatusEntry> entries = new ArrayList<>();
        int nApplied = 0;
        int nPending = 0;
        int nModified = 0;
        for (ResolvedMigration m : onDisk) {
            AppliedMigration row = byVersion.remove(VersionKeys.numberKey(m.version().text()));
            String status;
            if (row == null) {
                // Still pending, but migrate will refuse it unless confiture.outOfOrder=true: say so here first.
                status = OutOfOrderGuard.isLate(m, newest) ? OutOfOrderGuard.STATUS : "pending";
                nPending++;
            } else {
                FileChange change = FileChange.of(m, row.checksum(), row.upChecksum());
                status = change.status();
                // Only the down file changed: what was applied is still what the up file says.
                if (change.refused()) {
                    nModified++;
                } else {
                    nApplied++;
                }
            }
            entries.add(new StatusEntry(m.version().text(), m.name(), status,
                    row == null ? m.kind().column() : row.kind(), row == null ? null : row.appliedAtText(), m.source(),
                    row == null ? null : row.appliedBy(), row == null ? null : row.executionTimeMs()));
        }
        for (AppliedMigration row : byVersion.values()) {
            entries.add(new StatusEntry(row.version(), row.name(), "missing", row.kind(), row.appliedAtText(), null,
                    row.appliedBy(), row.executionTimeMs()));
        }
        if (!byVersion.isEmpty()) {
            // Missing ones were appended after the (already ordered) migrations on disk: merge them in.
            Map<StatusEntry, MigrationVersion> keys = new java.util.IdentityHashMap<>();
            entries.forEach(e -> keys.put(e, MigrationVersion.isVersion(e.version())
                    ? MigrationVersion.parse(e.version()) : MigrationVersion.parse("0")));
            entries.sort(java.util.Comparator.comparing(keys::get));
        }
        String current = newest == null ? null : newest.version();
        return new StatusReport(database, trackingName, current, List.copyOf(entries),
                entries.size(), nApplied, nPending, nModified, byVersion.size());
    }
}
