package dev.confiture.coordination;

import java.util.Locale;

/** A shared table is a warning (coordinate the order); a shared column, function, type, index or constraint is an error. */
public enum Severity {
    WARNING, ERROR;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }
}
