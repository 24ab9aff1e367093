package dev.confiture.runner.report;

/**
 * One line of the status table. {@code status}: {@code applied}, {@code pending}, {@code modified}
 * (applied, but its up file changed since, or a file did for a row too old to tell which),
 * {@code down-modified} / {@code down-deleted} (applied; only its down file was edited or added /
 * deleted since: counted as applied) or {@code missing} (applied, no file any more).
 * {@code kind} is the tracking row's kind when applied, else the migration's; {@code appliedAt} is ISO-8601;
 * {@code appliedBy} (the database user) and {@code executionTimeMs} come from the tracking row and are
 * null for a pending migration.
 */
public record StatusEntry(String version, String name, String status, String kind, String appliedAt,
                          String source, String appliedBy, Long executionTimeMs) {
}
