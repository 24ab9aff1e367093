package dev.confiture.coordination;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A conflict with another agent's active intent, as docs/coordination.md reports it:
 * {@code type} is what is shared ({@code table}, {@code column}, {@code function}, {@code type},
 * {@code index}, {@code constraint} ...), {@code severity} is {@code warning} for a shared table and
 * {@code error} for a shared object, {@code objects} the shared names.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Conflict(String intentId, String agentId, String featureName, String type, String severity,
                       List<String> objects, String suggestion) {

    public Conflict {
        objects = List.copyOf(objects);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isError() {
        return Severity.ERROR.label().equals(severity);
    }
}
