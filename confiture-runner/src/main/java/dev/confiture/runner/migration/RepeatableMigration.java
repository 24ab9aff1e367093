package dev.confiture.runner.migration;

import java.nio.file.Path;

import dev.confiture.model.migration.MigrationFileName.Repeatable;

/**
 * A repeatable migration on disk, {@code R__<name>.sql} (views, functions, grants): applied after the
 * versioned migrations, in name order, whenever its checksum differs from the one recorded at its
 * last application. Its tracking row has {@code version} = {@link #key()} and kind {@code repeatable}.
 *
 * @param checksum SHA-256 of the file with line endings normalised, as an up file's ({@link Checksums#ofUp})
 */
public record RepeatableMigration(Repeatable fileName, Path file, String checksum) {

    /** The tracking table's {@code kind} for a repeatable migration. */
    public static final String KIND = "repeatable";

    public String name() {
        return fileName.name();
    }

    /** {@code R__<name>}: the tracking row's version, and how logs name it. */
    public String key() {
        return fileName.key();
    }

    /**
     * Whether it runs in this migrate: never applied, or changed since ({@code recordedChecksum} is the
     * tracking row's, null when there is none).
     */
    public boolean due(String recordedChecksum) {
        return !checksum.equals(recordedChecksum);
    }
}
