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

    /** The file or class a user would go and look at. */
    public String source() {
        return kind == MigrationKind.SQL ? upFile.toString() : javaClass.getName();
    }
}
