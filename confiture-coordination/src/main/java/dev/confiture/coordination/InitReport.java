package dev.confiture.coordination;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code coordinate-init}: the store, its schema version, the upgrade steps this run applied (empty
 * when it was current) and the group roles it created (empty when they existed).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InitReport(String store, String schema, int schemaVersion, List<String> appliedSteps,
                         List<String> createdRoles) {

    public InitReport {
        appliedSteps = List.copyOf(appliedSteps);
        createdRoles = List.copyOf(createdRoles);
    }
}
