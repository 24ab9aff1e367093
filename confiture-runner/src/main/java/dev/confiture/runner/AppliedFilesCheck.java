package dev.confiture.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import dev.confiture.runner.db.AppliedMigration;
import dev.confiture.runner.migration.FileChange;
import dev.confiture.runner.migration.MigrationKind;
import dev.confiture.runner.migration.ResolvedMigration;

/** The check migrate makes before anything runs: every applied migration still has its file, as it was applied. */
final class AppliedFilesCheck {

    private AppliedFilesCheck() {
    }

    /**
     * Fails before anything runs when an applied migration's up file changed or its migration
     * disappeared; warns, naming the down file, when only the down file changed ({@link FileChange}).
     */
    static void verify(List<ResolvedMigration> onDisk, List<AppliedMigration> applied, Path migrationsDir,
                       MigrationListener listener) {
        Map<String, AppliedMigration> rows = VersionKeys.byNumber(applied);
        List<String> problems = new ArrayList<>();
        Path firstFile = null;
        for (ResolvedMigration m : onDisk) {
            AppliedMigration row = rows.remove(VersionKeys.numberKey(m.version().text()));
            FileChange change = row == null ? FileChange.NONE : FileChange.of(m, row.checksum(), row.upChecksum());
            if (change.refused()) {
                problems.add("migration " + m.displayName() + " was changed after it was applied (checksum differs): "
                        + change.describe(m));
                if (firstFile == null && m.kind() == MigrationKind.SQL) {
                    firstFile = m.upFile();
                }
            } else if (change.downOnly()) {
                listener.warning("migration " + m.displayName() + " is applied and " + change.describe(m)
                        + (change == FileChange.DOWN_DELETED ? ": rolling it back will be refused as irreversible"
                        : ": rollback will run the down file as it is now"));
            }
        }
        for (AppliedMigration row : rows.values()) {
            problems.add("migration " + row.version() + "_" + row.name() + " is applied but its file is missing from "
                    + migrationsDir);
        }
        if (!problems.isEmpty()) {
            throw new ConfitureException("MIGRATION_CHECKSUM_MISMATCH", "Applied migrations do not match the files,"
                    + " nothing was run:\n  - " + String.join("\n  - ", problems)
                    + "\n  To go on: restore the applied file and put the change in a new migration; or, if the edit is"
                    + " deliberate (the database already matches it), record the new checksum with confiture:repair.",
                    firstFile, 0, true, null);
        }
    }
}
