package dev.confiture.runner.db;

import java.time.OffsetDateTime;

/** One row of the tracking table (INTERFACE.md section 4). */
public record AppliedMigration(String version, String name, String checksum, OffsetDateTime appliedAt,
                               long executionTimeMs, String appliedBy, String kind) {
}
