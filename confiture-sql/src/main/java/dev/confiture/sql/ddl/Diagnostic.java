package dev.confiture.sql.ddl;

/**
 * Something the interpreter wants a human to know about one statement: where it is
 * ({@code source} as given in {@link SqlSource#name()}, 1-based {@code line}), what happened, and
 * the statement's first words. {@code kind} tells whether the statement was left out of the model
 * ({@link Kind#UNSUPPORTED}, {@link Kind#OBJECT_STATE}: strict mode throws for these) or applied
 * with an approximation ({@link Kind#NOTE}), or recognised as having no structural effect
 * ({@link Kind#NO_EFFECT}: data, transaction control, session settings, maintenance).
 */
public record Diagnostic(String source, int line, String message, String statementExcerpt, Kind kind) {

    public enum Kind { UNSUPPORTED, OBJECT_STATE, NOTE, NO_EFFECT }

    @Override
    public String toString() {
        return source + ":" + line + ": " + kind + ": " + message + " [" + statementExcerpt + "]";
    }
}
