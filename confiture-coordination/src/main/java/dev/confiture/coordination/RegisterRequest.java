package dev.confiture.coordination;

import java.nio.file.Path;

/**
 * What an agent declares before changing the schema, as written by the user (validated by
 * {@link CoordinationService#register}): {@code tablesAffected} is a comma list, {@code schemaChanges}
 * SQL text (see {@link SchemaChanges#read} for a file; {@code schemaChangesFile} is that file, named
 * in errors, or null), {@code riskLevel} low/medium/high/critical (default medium),
 * {@code estimatedHours} a number more than 0 and at most 10000, or null.
 */
public record RegisterRequest(String agentId, String featureName, String tablesAffected, String schemaChanges,
                              String riskLevel, String estimatedHours, Path schemaChangesFile) {

    public RegisterRequest(String agentId, String featureName, String tablesAffected, String schemaChanges,
                           String riskLevel, String estimatedHours) {
        this(agentId, featureName, tablesAffected, schemaChanges, riskLevel, estimatedHours, null);
    }
}
