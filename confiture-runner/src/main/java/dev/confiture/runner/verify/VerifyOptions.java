package dev.confiture.runner.verify;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.runner.migration.Placeholders;

/**
 * What {@link SchemaVerifier} checks.
 *
 * @param environment       the environment's name, for the report
 * @param schemaFiles       the environment's schema files (no seeds), in reading order
 * @param migrationsDir     the folder of SQL migrations; may not exist
 * @param trackingTable     the tracking table, possibly schema-qualified; null for {@code confiture_migrations}
 * @param javaClassLoader   where Java migrations are looked up; null for none
 * @param javaPackage       the package of Java migrations; null for none
 * @param requireReversible a migration without a down fails the check instead of being a warning
 * @param liveDatabase      the environment database whose applied migrations are checked against the
 *                          files ({@code confiture.checkDatabase=true}); null to skip that check
 * @param log               progress lines (one per phase); null for none
 * @param projectDir        files in findings are shown relative to it; null for absolute paths
 * @param dataRoundTrip     rows are generated before each up and compared after its down (see {@link SampleRows})
 * @param includeScope      where migration files may come from (the environment's {@code includeScope()});
 *                          null keeps symbolic links inside the migrations folder
 */
public record VerifyOptions(String environment, List<Path> schemaFiles, Path migrationsDir, String trackingTable,
                            ClassLoader javaClassLoader, String javaPackage, boolean requireReversible,
                            DatabaseSettings liveDatabase, Consumer<String> log, Path projectDir,
                            boolean dataRoundTrip, IncludeScope includeScope, Placeholders placeholders) {

    public VerifyOptions {
        schemaFiles = List.copyOf(schemaFiles);
        if (log == null) {
            log = line -> { };
        }
        if (placeholders == null) {
            placeholders = Placeholders.NONE;
        }
    }

    /** Without placeholders of the environment's (the built-ins only). */
    public VerifyOptions(String environment, List<Path> schemaFiles, Path migrationsDir, String trackingTable,
                         ClassLoader javaClassLoader, String javaPackage, boolean requireReversible,
                         DatabaseSettings liveDatabase, Consumer<String> log, Path projectDir,
                         boolean dataRoundTrip, IncludeScope includeScope) {
        this(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage, requireReversible,
                liveDatabase, log, projectDir, dataRoundTrip, includeScope, null);
    }

    /** The migrations replayed with the environment's placeholders, as migrate runs them (docs/migrations.md). */
    public VerifyOptions withPlaceholders(Placeholders values) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                requireReversible, liveDatabase, log, projectDir, dataRoundTrip, includeScope, values);
    }

    /** Links kept inside the migrations folder. */
    public VerifyOptions(String environment, List<Path> schemaFiles, Path migrationsDir, String trackingTable,
                         ClassLoader javaClassLoader, String javaPackage, boolean requireReversible,
                         DatabaseSettings liveDatabase, Consumer<String> log, Path projectDir,
                         boolean dataRoundTrip) {
        this(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage, requireReversible,
                liveDatabase, log, projectDir, dataRoundTrip, null);
    }

    /** With the data round trip on, as the Maven goal runs it. */
    public VerifyOptions(String environment, List<Path> schemaFiles, Path migrationsDir, String trackingTable,
                         ClassLoader javaClassLoader, String javaPackage, boolean requireReversible,
                         DatabaseSettings liveDatabase, Consumer<String> log, Path projectDir) {
        this(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage, requireReversible,
                liveDatabase, log, projectDir, true);
    }

    /** SQL migrations only, default tracking table, no live database. */
    public static VerifyOptions of(List<Path> schemaFiles, Path migrationsDir) {
        return new VerifyOptions(null, schemaFiles, migrationsDir, null, null, null, false, null, null, null, true);
    }

    public VerifyOptions withJavaMigrations(ClassLoader loader, String packageName) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, loader, packageName,
                requireReversible, liveDatabase, log, projectDir, dataRoundTrip, includeScope, placeholders);
    }

    public VerifyOptions withRequireReversible(boolean required) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                required, liveDatabase, log, projectDir, dataRoundTrip, includeScope, placeholders);
    }

    public VerifyOptions withLiveDatabase(DatabaseSettings database) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                requireReversible, database, log, projectDir, dataRoundTrip, includeScope, placeholders);
    }

    public VerifyOptions withTrackingTable(String table) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, table, javaClassLoader, javaPackage,
                requireReversible, liveDatabase, log, projectDir, dataRoundTrip, includeScope, placeholders);
    }

    /** Migration files bounded as the environment's schema files are. */
    public VerifyOptions withIncludeScope(IncludeScope scope) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                requireReversible, liveDatabase, log, projectDir, dataRoundTrip, scope, placeholders);
    }

    public VerifyOptions withProjectDir(Path dir) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                requireReversible, liveDatabase, log, dir, dataRoundTrip, includeScope, placeholders);
    }

    public VerifyOptions withLog(Consumer<String> lines) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                requireReversible, liveDatabase, lines, projectDir, dataRoundTrip, includeScope, placeholders);
    }

    public VerifyOptions withDataRoundTrip(boolean on) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                requireReversible, liveDatabase, log, projectDir, on, includeScope, placeholders);
    }
}
