package dev.confiture.coordination;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What {@code coordinate-start}, {@code -complete} and {@code -abandon} did: the intent, both states,
 * who (the agentId label and the database role) and why, and the role that owns the intent.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransitionReport(String intentId, String agentId, String featureName, String branch, String fromStatus,
                               String status, String changedBy, String reason, String outcome, List<String> tables,
                               String changedAt, String ownerRole, String changedByRole) {

    public TransitionReport(String intentId, String agentId, String featureName, String branch, String fromStatus,
                            String status, String changedBy, String reason, String outcome, List<String> tables,
                            String changedAt) {
        this(intentId, agentId, featureName, branch, fromStatus, status, changedBy, reason, outcome, tables, changedAt,
                null, null);
    }

    public TransitionReport {
        tables = List.copyOf(tables);
    }
}
