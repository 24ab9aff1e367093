package dev.confiture.coordination;

/**
 * What an agent declares before changing the schema, as written by the user (validated by
 * {@link CoordinationService#register}): {@code tablesAffected} is a comma list, {@code schemaChanges}
 * SQL text (see {@link SchemaChanges#resolve} for a file), {@code riskLevel} low/medium/high/critical
 * (default medium), {@code estimatedHours} a non-negative number or null.
 */
public record RegisterRequest(String agentId, String featureName, String tablesAffected, String schemaChanges,
                              String riskLevel, String estimatedHours) {
}
