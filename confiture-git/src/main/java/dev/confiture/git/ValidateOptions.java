package dev.confiture.git;

import java.nio.file.Path;
import java.util.List;

import dev.confiture.sql.Placeholders;

/**
 * What to validate. {@code directory} is any folder inside the git checkout (the Maven project's
 * base directory; it may be a subfolder of the repository). {@code schemaIncludes} and
 * {@code migrationsDir} are paths, absolute or relative to {@code directory}, as the environment
 * gives them; they are read from git, not from the disk. {@code baseRefExplicit} says whether the
 * user chose {@code baseRef} (see {@link GitRepository#range}). {@code allowExternalIncludes} is the
 * environment's {@code allow_external_includes}: without it, an include outside {@code directory}, or a
 * symbolic link in the tree that leads outside it, is an error (see {@link SchemaIncludes}).
 * {@code trackingTable} is the environment's {@code tracking_table} (null for the default): like the
 * diff and verify, validate never counts Confiture's own objects as schema changes.
 * {@code placeholders} are the environment's ({@code placeholders:}, {@code -Dconfiture.placeholders.<name>},
 * the built-ins it knows; {@link Placeholders#OFF} for {@code placeholderReplacement: false}): the
 * migrations are read with them, as migrate runs them, and an unknown one is migrate's error.
 */
public record ValidateOptions(Path directory, List<Path> schemaIncludes, Path migrationsDir, String baseRef,
                              boolean baseRefExplicit, boolean staged, boolean checkDrift, boolean requireMigration,
                              boolean allowExternalIncludes, String trackingTable, Placeholders placeholders) {

    public static final String DEFAULT_BASE_REF = "origin/main";

    public ValidateOptions {
        schemaIncludes = List.copyOf(schemaIncludes);
        if (placeholders == null) {
            placeholders = Placeholders.NONE;
        }
        if (baseRef == null || baseRef.isBlank()) {
            baseRef = DEFAULT_BASE_REF;
            baseRefExplicit = false;
        }
    }

    /** Includes and links inside {@code directory} only. */
    public ValidateOptions(Path directory, List<Path> schemaIncludes, Path migrationsDir, String baseRef,
                           boolean baseRefExplicit, boolean staged, boolean checkDrift, boolean requireMigration) {
        this(directory, schemaIncludes, migrationsDir, baseRef, baseRefExplicit, staged, checkDrift, requireMigration,
                false, null, null);
    }

    /** Without placeholders of the environment's (the built-ins only). */
    public ValidateOptions(Path directory, List<Path> schemaIncludes, Path migrationsDir, String baseRef,
                           boolean baseRefExplicit, boolean staged, boolean checkDrift, boolean requireMigration,
                           boolean allowExternalIncludes, String trackingTable) {
        this(directory, schemaIncludes, migrationsDir, baseRef, baseRefExplicit, staged, checkDrift, requireMigration,
                allowExternalIncludes, trackingTable, null);
    }

    /** Both checks, against {@code origin/main}, HEAD as the target. */
    public static ValidateOptions of(Path directory, List<Path> schemaIncludes, Path migrationsDir) {
        return new ValidateOptions(directory, schemaIncludes, migrationsDir, DEFAULT_BASE_REF, false, false, true, true);
    }

    public ValidateOptions withBaseRef(String ref) {
        return new ValidateOptions(directory, schemaIncludes, migrationsDir, ref, true, staged, checkDrift,
                requireMigration, allowExternalIncludes, trackingTable, placeholders);
    }

    public ValidateOptions withStaged(boolean value) {
        return new ValidateOptions(directory, schemaIncludes, migrationsDir, baseRef, baseRefExplicit, value, checkDrift,
                requireMigration, allowExternalIncludes, trackingTable, placeholders);
    }

    /** The checks to run; docs/validate.md: both when neither is named, so callers map "unset" to this. */
    public ValidateOptions withChecks(boolean drift, boolean migration) {
        return new ValidateOptions(directory, schemaIncludes, migrationsDir, baseRef, baseRefExplicit, staged, drift,
                migration, allowExternalIncludes, trackingTable, placeholders);
    }

    public ValidateOptions withAllowExternalIncludes(boolean value) {
        return new ValidateOptions(directory, schemaIncludes, migrationsDir, baseRef, baseRefExplicit, staged, checkDrift,
                requireMigration, value, trackingTable, placeholders);
    }

    public ValidateOptions withTrackingTable(String value) {
        return new ValidateOptions(directory, schemaIncludes, migrationsDir, baseRef, baseRefExplicit, staged, checkDrift,
                requireMigration, allowExternalIncludes, value, placeholders);
    }

    /** Migrations read with these placeholders, as migrate reads them (docs/migrations.md, "Placeholders"). */
    public ValidateOptions withPlaceholders(Placeholders values) {
        return new ValidateOptions(directory, schemaIncludes, migrationsDir, baseRef, baseRefExplicit, staged, checkDrift,
                requireMigration, allowExternalIncludes, trackingTable, values);
    }

    /**
     * The rule of docs/validate.md for the two switches: null means "not set"; both run when neither is set,
     * otherwise each runs only when set to true.
     */
    public static boolean[] checks(Boolean checkDrift, Boolean requireMigration) {
        if (checkDrift == null && requireMigration == null) {
            return new boolean[] {true, true};
        }
        return new boolean[] {Boolean.TRUE.equals(checkDrift), Boolean.TRUE.equals(requireMigration)};
    }
}
