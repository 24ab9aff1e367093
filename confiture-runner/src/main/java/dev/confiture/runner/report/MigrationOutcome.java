package dev.confiture.runner.report;

/**
 * What happened to one migration in a run. {@code status} is {@code applied}, {@code rolled_back},
 * {@code would_apply}, {@code would_roll_back} or {@code baselined}; {@code transactional} is false
 * for migrations that ran statement by statement outside a transaction.
 */
public record MigrationOutcome(String version, String name, String kind, String status, long executionTimeMs,
                               boolean transactional) {

    /** {@code 001_create_users}; a repeatable migration's version is its whole key, {@code R__<name>}. */
    public String displayName() {
        return "repeatable".equals(kind) ? version : version + "_" + name;
    }
}
