package dev.confiture.git;

import java.nio.file.Path;
import java.util.List;

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
 */
public record ValidateOptions(Path directory, List<Path> schemaIncludes, Path migrationsDir, String baseRef,
                              boolean baseRefExplicit, boolean staged, boolean checkDrift, boolean requireMigration,
                              boolean allowExternalIncludes, String trackingTable) {

    public static final String DEFAULT_BASE_REF = "origin/main";

    public ValidateOptions {
        schemaIncludes = List.copyOf(schemaIncludes);
        if (baseRef == null || baseRef.isBlank()) {
            baseRef = DEFAULT_BASE_REF;
            baseRefExplicit = false;
        }
    }

    /** Includes and links inside {@code directory} only. */
    public ValidateOptions(Path directory, List<Path> schemaIncludes, Path migrationsDir, String baseRef,
                           boolean baseRefExplicit, boolean staged, boolean checkDrift, boolean requireMigration) {
        this(directory, schemaIncludes, migrationsDir, baseRef, baseRefExplicit, staged, checkDrift, requireMigration,
                false, null);
    }

    /** Both checks, against {@code origin/main}, HEAD as the target. */
    public static ValidateOptions of(Path directory, List<Path> schemaIncludes, Path migrationsDir) {
        return new ValidateOptions(directory, schemaIncludes, migrationsDir, DEFAULT_BASE_REF, false, false, true, true);
    }

    public ValidateOptions withBaseRef(String ref) {
        return new ValidateOptions(directory, schemaIncludes, migrationsDir, ref, true, staged, checkDrift,
                requireMigration, allowExternalIncludes, trackingTable);
    }

    public ValidateOptions withStaged(boolean value) {
        return new ValidateOptions(directory, schemaIncludes, migrationsDir, baseRef, baseRefExplicit, value, checkDrift,
                requireMigration, allowExternalIncludes, trackingTable);
    }

    /** The checks to run; docs/validate.md: both when neither is named, so callers map "unset" to this. */
    public ValidateOptions withChecks(boolean drift, boolean migration) {
        return new ValidateOptions(directory, schemaIncludes, migrationsDir, baseRef, baseRefExplicit, staged, drift,
                migration, allowExternalIncludes, trackingTable);
    }

    public ValidateOptions withAllowExternalIncludes(boolean value) {
        return new ValidateOptions(directory, schemaIncludes, migrationsDir, baseRef, baseRefExplicit, staged, checkDrift,
                requireMigration, value, trackingTable);
    }

    public ValidateOptions withTrackingTable(String value) {
        return new ValidateOptions(directory, schemaIncludes, migrationsDir, baseRef, baseRefExplicit, staged, checkDrift,
                requireMigration, allowExternalIncludes, value);
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
