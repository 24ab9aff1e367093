package dev.confiture.coordination;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.confiture.model.ConfitureException;

/** How a completed intent ended. */
public enum Outcome {
    SUCCESS, PARTIAL, FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code success}, {@code partial} or {@code failed} (any case); null or blank gives success. */
    public static Outcome parse(String written) {
        if (written == null || Inputs.optional("outcome", written, 64).isBlank()) {
            return SUCCESS;
        }
        for (Outcome o : values()) {
            if (o.label().equalsIgnoreCase(written.trim())) {
                return o;
            }
        }
        throw new ConfitureException("COORDINATION_BAD_OUTCOME", "outcome '" + Inputs.preview(written)
                + "' is not one of " + Arrays.stream(values()).map(Outcome::label).collect(Collectors.joining(", ")));
    }
}
