package dev.confiture.coordination;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code coordinate-check}: {@code {"agent_id":..., "conflicts":[...]}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CheckReport(String agentId, List<Conflict> conflicts) {

    public CheckReport {
        conflicts = List.copyOf(conflicts);
    }

    public boolean hasConflicts() {
        return !conflicts.isEmpty();
    }
}
