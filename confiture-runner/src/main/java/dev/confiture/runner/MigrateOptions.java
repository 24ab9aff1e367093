package dev.confiture.runner;

/**
 * How {@code migrate} treats a database that is not simply behind the files (docs/migrations.md,
 * "Out of order" and "Baseline on migrate").
 *
 * @param outOfOrder        {@code confiture.outOfOrder}: apply a pending migration older than the
 *                          newest applied one instead of refusing the run
 * @param baselineOnMigrate {@code confiture.baselineOnMigrate}: on a database that holds objects but no
 *                          tracking table, record the migrations up to {@code baselineVersion} as
 *                          applied (kind {@code baseline}) and apply only the newer ones
 * @param baselineVersion   {@code confiture.baselineVersion}; null or blank for {@link #DEFAULT_BASELINE_VERSION}
 */
public record MigrateOptions(boolean outOfOrder, boolean baselineOnMigrate, String baselineVersion) {

    /** Flyway's default baseline version, kept so that a Flyway configuration means the same here. */
    public static final String DEFAULT_BASELINE_VERSION = "1";

    /** Out-of-order migrations refused, no baseline on migrate. */
    public static final MigrateOptions DEFAULTS = new MigrateOptions(false, false, null);

    public MigrateOptions {
        if (baselineVersion == null || baselineVersion.isBlank()) {
            baselineVersion = DEFAULT_BASELINE_VERSION;
        } else {
            baselineVersion = baselineVersion.trim();
        }
    }

    public MigrateOptions withOutOfOrder(boolean allowed) {
        return new MigrateOptions(allowed, baselineOnMigrate, baselineVersion);
    }

    public MigrateOptions withBaselineOnMigrate(String version) {
        return new MigrateOptions(outOfOrder, true, version);
    }
}
