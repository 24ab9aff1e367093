package dev.confiture.coordination;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One row of an intent's history: a transition, who made it and why; {@code fromStatus} is null for
 * the registration. {@code changedBy} is the agentId the caller gave (a label), {@code changedByRole}
 * the database role its connection logged in as (null for rows written before store version 2).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HistoryEntry(String intentId, String fromStatus, String toStatus, String changedBy, String reason,
                           String changedAt, String changedByRole) {
}
