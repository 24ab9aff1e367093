package dev.confiture.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.runner.migration.MigrationLocation;

/**
 * What a {@link MigrationRunner} works on.
 *
 * @param database        where to connect (password kept apart from the URL)
 * @param migrationsDir   the folder of SQL migrations ({@code db/migrations}); may not exist
 * @param trackingTable   the tracking table, possibly schema-qualified; null for {@code confiture_migrations}
 * @param javaClassLoader where Java migrations are looked up; null for none
 * @param javaPackage     the package of Java migrations ({@code confiture.javaMigrationsPackage}); null for none
 * @param lockTimeout     how long to wait for another runner's lock ({@code confiture.lockTimeout}, default 30 s)
 * @param includeScope    where migration files may come from (the environment's {@code includeScope()}); null
 *                        keeps symbolic links inside the migrations folder
 * @param run             placeholders, session settings and callbacks ({@link RunSettings#NONE} for none)
 * @param locations       where SQL migrations are read from ({@code locations}: folders and {@code classpath:}
 *                        ones, resolved); empty for {@code migrationsDir} alone
 */
public record RunnerConfig(DatabaseSettings database, Path migrationsDir, String trackingTable,
                           ClassLoader javaClassLoader, String javaPackage, Duration lockTimeout,
                           IncludeScope includeScope, RunSettings run, List<MigrationLocation> locations) {

    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    public RunnerConfig {
        if (lockTimeout == null) {
            lockTimeout = DEFAULT_LOCK_TIMEOUT;
        }
        if (run == null) {
            run = RunSettings.NONE;
        }
        locations = locations == null ? List.of() : List.copyOf(locations);
    }

    /** The migrations folder alone, with these placeholders, session settings and callbacks. */
    public RunnerConfig(DatabaseSettings database, Path migrationsDir, String trackingTable,
                        ClassLoader javaClassLoader, String javaPackage, Duration lockTimeout, IncludeScope includeScope,
                        RunSettings run) {
        this(database, migrationsDir, trackingTable, javaClassLoader, javaPackage, lockTimeout, includeScope, run, List.of());
    }

    /** These locations, without placeholders, session settings and callbacks. */
    public RunnerConfig(DatabaseSettings database, Path migrationsDir, String trackingTable,
                        ClassLoader javaClassLoader, String javaPackage, Duration lockTimeout, IncludeScope includeScope,
                        List<MigrationLocation> locations) {
        this(database, migrationsDir, trackingTable, javaClassLoader, javaPackage, lockTimeout, includeScope,
                RunSettings.NONE, locations);
    }

    /** The migrations folder alone, without placeholders, session settings and callbacks. */
    public RunnerConfig(DatabaseSettings database, Path migrationsDir, String trackingTable,
                        ClassLoader javaClassLoader, String javaPackage, Duration lockTimeout, IncludeScope includeScope) {
        this(database, migrationsDir, trackingTable, javaClassLoader, javaPackage, lockTimeout, includeScope,
                RunSettings.NONE, List.of());
    }

    /** Where SQL migrations are read from: the locations, else the migrations folder. */
    public List<MigrationLocation> sqlLocations() {
        return MigrationLocation.orFolder(locations, migrationsDir);
    }

    /** SQL migrations read from these locations instead of the migrations folder alone. */
    public RunnerConfig withLocations(List<MigrationLocation> newLocations) {
        return new RunnerConfig(database, migrationsDir, trackingTable, javaClassLoader, javaPackage, lockTimeout, includeScope,
                run, newLocations);
    }

    /** SQL migrations only, default tracking table and lock timeout; links kept inside the migrations folder. */
    public RunnerConfig(DatabaseSettings database, Path migrationsDir, String trackingTable,
                        ClassLoader javaClassLoader, String javaPackage, Duration lockTimeout) {
        this(database, migrationsDir, trackingTable, javaClassLoader, javaPackage, lockTimeout, null);
    }

    public static RunnerConfig of(DatabaseSettings database, Path migrationsDir) {
        return new RunnerConfig(database, migrationsDir, null, null, null, DEFAULT_LOCK_TIMEOUT);
    }

    public RunnerConfig withLockTimeout(Duration timeout) {
        return new RunnerConfig(database, migrationsDir, trackingTable, javaClassLoader, javaPackage, timeout, includeScope,
                run, locations);
    }

    public RunnerConfig withTrackingTable(String table) {
        return new RunnerConfig(database, migrationsDir, table, javaClassLoader, javaPackage, lockTimeout, includeScope,
                run, locations);
    }

    /** Migration files bounded as the environment's schema files are. */
    public RunnerConfig withIncludeScope(IncludeScope scope) {
        return new RunnerConfig(database, migrationsDir, trackingTable, javaClassLoader, javaPackage, lockTimeout, scope,
                run, locations);
    }

    /** With placeholders, session settings and callbacks. */
    public RunnerConfig withRunSettings(RunSettings settings) {
        return new RunnerConfig(database, migrationsDir, trackingTable, javaClassLoader, javaPackage, lockTimeout, includeScope,
                settings, locations);
    }

    public RunnerConfig withJavaMigrations(ClassLoader loader, String packageName) {
        return new RunnerConfig(database, migrationsDir, trackingTable, loader, packageName, lockTimeout, includeScope,
                run, locations);
    }
}
