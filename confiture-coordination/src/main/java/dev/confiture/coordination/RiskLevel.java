package dev.confiture.coordination;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.confiture.model.ConfitureException;

/** How risky the intended change is, as the agent declares it. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** The spelling used in reports and properties: {@code medium}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code low}, {@code medium}, {@code high} or {@code critical} (any case); null or blank gives medium. */
    public static RiskLevel parse(String written) {
        if (written == null || Inputs.optional("riskLevel", written, 64).isBlank()) {
            return MEDIUM;
        }
        for (RiskLevel r : values()) {
            if (r.label().equalsIgnoreCase(written.trim())) {
                return r;
            }
        }
        throw new ConfitureException("COORDINATION_BAD_RISK_LEVEL", "riskLevel '" + Inputs.preview(written)
                + "' is not one of " + Arrays.stream(values()).map(RiskLevel::label).collect(Collectors.joining(", ")));
    }
}
