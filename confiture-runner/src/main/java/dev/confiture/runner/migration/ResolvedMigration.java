package dev.confiture.runner.migration;

import java.nio.file.Path;

import dev.confiture.api.Migration;

/**
 * A migration found on disk or on the classpath: what the runner needs to apply, roll back and
 * verify it. For SQL, {@code upFile} (and {@code downFile} when reversible); for Java, {@code javaClass}.
 */
public record ResolvedMigration(
        MigrationVersion version,
        String name,
        MigrationKind kind,
        String checksum,
        Path upFile,
        Path downFile,
        Class<? extends Migration> javaClass) {

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
        String downName = upFile.getFileName().toString().replaceFirst("\\.up\\.sql$", ".down.sql");
        return downFile != null
                ? upFile + " or its down file " + downFile + " (the checksum covers both)"
                : upFile + ", or its down file " + upFile.resolveSibling(downName) + ", now absent, was deleted or"
                + " added since (the checksum covers both)";
    }

    /** The file or class a user would go and look at. */
    public String source() {
        return kind == MigrationKind.SQL ? upFile.toString() : javaClass.getName();
    }
}
