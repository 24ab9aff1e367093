package dev.confiture.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.runner.db.AppliedMigration;
import dev.confiture.runner.migration.RepeatableMigration;
import dev.confiture.runner.report.StatusEntry;
import dev.confiture.runner.report.StatusReport;

/**
 * The lines {@code status} shows for repeatable migrations, after the versioned ones, in name order:
 * {@code applied} (the file is as last applied), {@code pending} (never applied), {@code outdated}
 * (changed since its last application: the next migrate applies it again; counted as pending) or
 * {@code missing} (applied, the file is gone). Their version column is the key {@code R__<name>}.
 */
final class RepeatableStatus {

    private RepeatableStatus() {
    }

    static StatusReport append(StatusReport versioned, List<RepeatableMigration> onDisk, List<AppliedMigration> rows) {
        if (onDisk.isEmpty() && rows.isEmpty()) {
            return versioned;
        }
        Map<String, AppliedMigration> byKey = new LinkedHashMap<>();
        rows.forEach(r -> byKey.put(r.version(), r));
        List<StatusEntry> entries = new ArrayList<>(versioned.migrations());
        int applied = 0;
        int pending = 0;
        for (RepeatableMigration r : onDisk) {
            AppliedMigration row = byKey.remove(r.key());
            String status = row == null ? "pending" : r.due(row.checksum()) ? RepeatableRun.OUTDATED : "applied";
            if (status.equals("applied")) {
                applied++;
            } else {
                pending++;
            }
            entries.add(new StatusEntry(r.key(), r.name(), status, RepeatableMigration.KIND,
                    row == null ? null : row.appliedAtText(), r.file().toString(),
                    row == null ? null : row.appliedBy(), row == null ? null : row.executionTimeMs()));
        }
        for (AppliedMigration row : byKey.values()) {
            entries.add(new StatusEntry(row.version(), row.name(), "missing", row.kind(), row.appliedAtText(),
                    null, row.appliedBy(), row.executionTimeMs()));
        }
        return new StatusReport(versioned.database(), versioned.trackingTable(), versioned.currentVersion(),
                List.copyOf(entries), entries.size(), versioned.applied() + applied, versioned.pending() + pending,
                versioned.modified(), versioned.missing() + byKey.size());
    }
}
