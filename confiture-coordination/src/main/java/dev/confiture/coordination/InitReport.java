package dev.confiture.coordination;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code coordinate-init}: the store, its schema version and the upgrade steps this run applied (empty when it was current). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InitReport(String store, String schema, int schemaVersion, List<String> appliedSteps) {

    public InitReport {
        appliedSteps = List.copyOf(appliedSteps);
    }
}
