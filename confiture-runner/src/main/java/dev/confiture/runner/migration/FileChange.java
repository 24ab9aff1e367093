package dev.confiture.runner.migration;

/**
 * What changed in an applied migration's files since its tracking row was written, read from the
 * row's {@code checksum} (up and down together) and {@code up_checksum} (the up file alone).
 *
 * <p>An edited up file means the database does not hold what the file now says: the runner refuses.
 * An edited, added or deleted down file changes nothing that was applied (fixing a down that verify
 * found wrong is the usual reason): the runner warns and goes on, and rollback runs the down file as
 * it is now. A row written before {@code up_checksum} existed cannot tell the two apart
 * ({@link #EITHER}), so it is refused naming both files, as before.
 */
public enum FileChange {
    NONE("applied"),
    UP("modified"),
    DOWN_EDITED("down-modified"),
    DOWN_DELETED("down-deleted"),
    EITHER("modified");

    private final String status;

    FileChange(String status) {
        this.status = status;
    }

    /** How {@code status} shows it. */
    public String status() {
        return status;
    }

    /** Whether the applied migration no longer matches its files in a way that stops migrate and rollback. */
    public boolean refused() {
        return this == UP || this == EITHER;
    }

    /** Whether only the down file changed: a warning. */
    public boolean downOnly() {
        return this == DOWN_EDITED || this == DOWN_DELETED;
    }

    /**
     * Compares {@code m} as it is now with its row. {@code recordedUpChecksum} is null for rows
     * written before that column existed; such a row was hashed over raw bytes, so both the raw and
     * the line-ending-normalised checksum of unchanged files are accepted.
     */
    public static FileChange of(ResolvedMigration m, String recordedChecksum, String recordedUpChecksum) {
        if (m.kind() != MigrationKind.SQL) {
            return m.checksum().equals(recordedChecksum) ? NONE : UP;
        }
        if (recordedUpChecksum == null) {
            return m.checksum().equals(recordedChecksum)
                    || Checksums.ofFilesRaw(m.upFile(), m.downFile()).equals(recordedChecksum) ? NONE : EITHER;
        }
        if (!recordedUpChecksum.equals(m.upChecksum())) {
            return UP;
        }
        if (m.checksum().equals(recordedChecksum)) {
            return NONE;
        }
        return m.downFile() == null ? DOWN_DELETED : DOWN_EDITED;
    }

    /** Which file changed and how, for messages. */
    public String describe(ResolvedMigration m) {
        return switch (this) {
            case NONE -> m.source() + " is as applied";
            case UP -> m.kind() == MigrationKind.SQL ? m.upFile() + " differs from the version that was applied"
                    : m.javaClass().getName() + " differs from the class that was applied";
            case DOWN_EDITED -> "its down file " + m.downFile() + " was edited (or added) since the migration was applied";
            case DOWN_DELETED -> "its down file " + ResolvedMigration.downFileOf(m.upFile())
                    + " was deleted since the migration was applied";
            case EITHER -> m.checksumSources();
        };
    }
}
