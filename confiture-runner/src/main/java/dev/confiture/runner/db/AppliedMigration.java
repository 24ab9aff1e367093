package dev.confiture.runner.db;

import java.time.OffsetDateTime;

/**
 * One row of the tracking table (docs/migrations.md, "The tracking table"). {@code upChecksum} is null for rows
 * written before the {@code up_checksum} column existed.
 */
public record AppliedMigration(String version, String name, String checksum, String upChecksum, OffsetDateTime appliedAt,
                               long executionTimeMs, String appliedBy, String kind) {

    /** {@code appliedAt} as status reports give it (ISO-8601, {@link OffsetDateTime#toString()}); null when unknown. */
    public String appliedAtText() {
        return appliedAt == null ? null : appliedAt.toString();
    }
}
