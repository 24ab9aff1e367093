package dev.confiture.coordination;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One intent as {@code coordinate-register} answers it and {@code coordinate-status} lists it:
 * {@code tables} are the tables it affects (declared and from its schema changes), {@code conflicts}
 * those open with other agents' active intents. {@code registered_at} is ISO-8601 in UTC.
 * {@code owner_role} is the database role that registered it: only that role, or a member of
 * {@code confiture_coordinator}, may change it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IntentReport(String intentId, String agentId, String featureName, String branch, String status,
                           String riskLevel, List<String> tables, String registeredAt, List<Conflict> conflicts,
                           String ownerRole) {

    public IntentReport(String intentId, String agentId, String featureName, String branch, String status,
                        String riskLevel, List<String> tables, String registeredAt, List<Conflict> conflicts) {
        this(intentId, agentId, featureName, branch, status, riskLevel, tables, registeredAt, conflicts, null);
    }

    public IntentReport {
        tables = List.copyOf(tables);
        conflicts = List.copyOf(conflicts);
    }
}
