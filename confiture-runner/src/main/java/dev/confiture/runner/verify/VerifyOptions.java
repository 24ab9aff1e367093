package dev.confiture.runner.verify;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.runner.migration.MigrationLocation;
import dev.confiture.sql.Placeholders;

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
 * @param placeholders      the environment's placeholders, with which the migrations are replayed
 * @param locations         where SQL migrations are read from ({@code locations}: folders and {@code classpath:}
 *                          ones, resolved), as migrate reads them; empty for {@code migrationsDir} alone
 */
public record VerifyOptions(String environment, List<Path> schemaFiles, Path migrationsDir, String trackingTable,
                            ClassLoader javaClassLoader, String javaPackage, boolean requireReversible,
                            DatabaseSettings liveDatabase, Consumer<String> log, Path projectDir,
                            boolean dataRoundTrip, IncludeScope includeScope, Placeholders placeholders,
                            List<MigrationLocation> locations) {

    public VerifyOptions {
        schemaFiles = List.copyOf(schemaFiles);
        if (log == null) {
            log = line -> { };
        }
        if (placeholders == null) {
            placeholders = Placeholders.NONE;
        }
        locations = locations == null ? List.of() : List.copyOf(locations);
    }

    /** Without locations: the migrations folder alone. */
    public VerifyOptions(String environment, List<Path> schemaFiles, Path migrationsDir, String trackingTable,
                         ClassLoader javaClassLoader, String javaPackage, boolean requireReversible,
                         DatabaseSettings liveDatabase, Consumer<String> log, Path projectDir,
                         boolean dataRoundTrip, IncludeScope includeScope, Placeholders placeholders) {
        this(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage, requireReversible,
                liveDatabase, log, projectDir, dataRoundTrip, includeScope, placeholders, List.of());
    }

    /** Where SQL migrations are read from: the locations, else the migrations folder. */
    public List<MigrationLocation> sqlLocations() {
        return MigrationLocation.orFolder(locations, migrationsDir);
    }

    /** The migrations read from these locations, as migrate reads them (docs/migrations.md, "Locations"). */
    public VerifyOptions withLocations(List<MigrationLocation> values) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                requireReversible, liveDatabase, log, projectDir, dataRoundTrip, includeScope, placeholders, values);
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
                requireReversible, liveDatabase, log, projectDir, dataRoundTrip, includeScope, values, locations);
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
                requireReversible, liveDatabase, log, projectDir, dataRoundTrip, includeScope, placeholders, locations);
    }

    public VerifyOptions withRequireReversible(boolean required) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                required, liveDatabase, log, projectDir, dataRoundTrip, includeScope, placeholders, locations);
    }

    public VerifyOptions withLiveDatabase(DatabaseSettings database) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                requireReversible, database, log, projectDir, dataRoundTrip, includeScope, placeholders, locations);
    }

    public VerifyOptions withTrackingTable(String table) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, table, javaClassLoader, javaPackage,
                requireReversible, liveDatabase, log, projectDir, dataRoundTrip, includeScope, placeholders, locations);
    }

    /** Migration files bounded as the environment's schema files are. */
    public VerifyOptions withIncludeScope(IncludeScope scope) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                requireReversible, liveDatabase, log, projectDir, dataRoundTrip, scope, placeholders, locations);
    }

    public VerifyOptions withProjectDir(Path dir) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                requireReversible, liveDatabase, log, dir, dataRoundTrip, includeScope, placeholders, locations);
    }

    public VerifyOptions withLog(Consumer<String> lines) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                requireReversible, liveDatabase, lines, projectDir, dataRoundTrip, includeScope, placeholders, locations);
    }

    public VerifyOptions withDataRoundTrip(boolean on) {
        return new VerifyOptions(environment, schemaFiles, migrationsDir, trackingTable, javaClassLoader, javaPackage,
                requireReversible, liveDatabase, log, projectDir, on, includeScope, placeholders, locations);
    }
}
