package dev.confiture.runner;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.runner.db.AppliedMigration;
import dev.confiture.runner.db.TrackingTable;
import dev.confiture.runner.migration.FileChange;
import dev.confiture.runner.migration.MigrationKind;
import dev.confiture.model.migration.MigrationVersion;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.report.RepairReport.RepairChange;

/**
 * {@code confiture:repair}: makes the tracking table agree with the files again after a deliberate
 * edit. An applied migration whose files changed gets the files' checksums ({@code checksum} over up
 * and down, {@code up_checksum} over the up file) and name; a row written before {@code up_checksum}
 * existed gets it. A row whose files are gone is removed only when asked ({@code removeMissing}):
 * removing it means the next migrate may apply a migration of that version again. Nothing is run
 * against the schema; every change is one of the returned {@link RepairChange}s, written in one
 * transaction by the caller.
 */
final class MigrationRepair {

    static final String REALIGNED = "realigned";
    static final String REMOVED = "removed";
    static final String MISSING_KEPT = "missing_kept";

    private MigrationRepair() {
    }

    /** What repair changes, in version order, before anything is written. */
    static List<RepairChange> plan(List<ResolvedMigration> onDisk, List<AppliedMigration> applied, boolean removeMissing) {
        Map<BigInteger, ResolvedMigration> files = byNumber(onDisk);
        List<RepairChange> changes = new ArrayList<>();
        for (AppliedMigration row : applied) {
            ResolvedMigration m = MigrationVersion.isVersion(row.version()) ? files.get(new BigInteger(row.version())) : null;
            if (m == null) {
                changes.add(new RepairChange(row.version(), row.name(), removeMissing ? REMOVED : MISSING_KEPT,
                        removeMissing ? "its files are gone: record removed"
                                : "its files are gone: record kept (remove it with -Dconfiture.removeMissing=true)"));
                continue;
            }
            FileChange change = FileChange.of(m, row.checksum(), row.upChecksum());
            List<String> what = new ArrayList<>();
            if (change != FileChange.NONE) {
                what.add(switch (change) {
                    case UP -> m.kind() == MigrationKind.SQL ? "up file " + m.upFile() + " edited" : "class " + m.source() + " changed";
                    case DOWN_EDITED -> "down file " + m.downFile() + " edited or added";
                    case DOWN_DELETED -> "down file " + ResolvedMigration.downFileOf(m.upFile()) + " deleted";
                    default -> "files changed";
                } + ": checksum " + abbreviate(row.checksum()) + " -> " + abbreviate(m.checksum()));
            } else if (row.upChecksum() == null && m.kind() == MigrationKind.SQL) {
                // Recorded before up_checksum existed: record it, so that a later edit says which file changed.
                what.add("up file checksum recorded (" + abbreviate(m.upChecksum()) + ")");
            }
            if (!row.name().equals(m.name())) {
                what.add("name " + row.name() + " -> " + m.name());
            }
            if (!what.isEmpty()) {
                changes.add(new RepairChange(row.version(), m.name(), REALIGNED, String.join("; ", what)));
            }
        }
        return changes;
    }

    /** Writes {@code changes} in the caller's transaction; a change's version is spelled as its row spells it. */
    static void apply(Connection c, TrackingTable tracking, List<RepairChange> changes, List<ResolvedMigration> onDisk)
            throws SQLException {
        Map<BigInteger, ResolvedMigration> files = byNumber(onDisk);
        for (RepairChange change : changes) {
            switch (change.action()) {
                case REALIGNED -> {
                    ResolvedMigration m = files.get(new BigInteger(change.version()));
                    tracking.realign(c, change.version(), m.name(), m.checksum(), m.upChecksum());
                }
                case REMOVED -> tracking.remove(c, change.version());
                default -> {
                    // kept: nothing to write
                }
            }
        }
    }

    private static Map<BigInteger, ResolvedMigration> byNumber(List<ResolvedMigration> onDisk) {
        Map<BigInteger, ResolvedMigration> files = new LinkedHashMap<>();
        onDisk.forEach(m -> files.put(m.version().number(), m));
        return files;
    }

    private static String abbreviate(String checksum) {
        return checksum == null ? "none" : checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
    }
}
