package dev.confiture.runner.migration;

import java.nio.file.Path;

import dev.confiture.model.migration.MigrationFileName;

import dev.confiture.api.Migration;
import dev.confiture.model.migration.MigrationVersion;

/**
 * A migration found on disk or on the classpath: what the runner needs to apply, roll back and
 * verify it. For SQL, {@code upFile} (and {@code downFile} when reversible); for Java, {@code javaClass}.
 * {@code upChecksum} is the checksum of the up file alone (the tracking table's {@code up_checksum});
 * for a Java migration, which has one class, its {@code checksum}. It is taken when the migration is
 * found, with {@code checksum}: status compared it for every applied migration, and reading and
 * hashing the up file again there cost as much as discovering them.
 */
public record ResolvedMigration(
        MigrationVersion version,
        String name,
        MigrationKind kind,
        String checksum,
        Path upFile,
        Path downFile,
        Class<? extends Migration> javaClass,
        String upChecksum) {

    /** As the canonical constructor, the up file's checksum read from {@code upFile} now. */
    public ResolvedMigration(MigrationVersion version, String name, MigrationKind kind, String checksum, Path upFile,
                             Path downFile, Class<? extends Migration> javaClass) {
        this(version, name, kind, checksum, upFile, downFile, javaClass,
                kind == MigrationKind.SQL ? Checksums.ofUp(upFile) : checksum);
    }

    /** {@code 001_create_users_table}: how it is shown in logs and reports. */
    public String displayName() {
        return version.text() + "_" + name;
    }

    public boolean reversible() {
        if (kind == MigrationKind.SQL) {
            return downFile != null;
        }
        return JavaMigrations.instantiate(javaClass).reversible();
    }

    /**
     * Which files a changed checksum can be about, for messages: the checksum of a SQL migration covers
     * its up file and its down file together, so an edited, added or deleted down file changes it as
     * much as an edited up file does; both are named, the down file even when it no longer exists.
     */
    public String checksumSources() {
        if (kind != MigrationKind.SQL) {
            return javaClass.getName();
        }
        if (downFile == null && !(MigrationFileName.parse(upFile.getFileName().toString()).orElse(null)
                instanceof MigrationFileName.Versioned)) {
            return upFile.toString(); // a repeatable migration: one file, no down file
        }
        return downFile != null
                ? upFile + " or its down file " + downFile + " (the checksum covers both)"
                : upFile + ", or its down file " + downFileOf(upFile) + ", now absent, was deleted or"
                + " added since (the checksum covers both)";
    }

    /** Where the down file of the up file {@code up} is, whether or not it exists. */
    public static Path downFileOf(Path up) {
        String name = up.getFileName().toString();
        return MigrationFileName.parse(name)
                .filter(MigrationFileName.Versioned.class::isInstance)
                .map(v -> up.resolveSibling(((MigrationFileName.Versioned) v).down().fileName()))
                .orElseThrow(() -> new IllegalArgumentException(name + " is not a versioned migration's up file"));
    }

    /** The file or class a user would go and look at. */
    public String source() {
        return kind == MigrationKind.SQL ? MigrationLocation.display(upFile) : javaClass.getName();
    }
}
