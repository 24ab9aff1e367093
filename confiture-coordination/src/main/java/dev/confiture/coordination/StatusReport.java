package dev.confiture.coordination;

import java.util.List;

/** {@code coordinate-status}: {@code {"intents":[...]}}, oldest first. */
public record StatusReport(List<IntentReport> intents) {

    public StatusReport {
        intents = List.copyOf(intents);
    }
}
