package dev.confiture.model.schema;

/**
 * A trigger on a table or view. {@code definition} is the whole CREATE TRIGGER statement in the
 * form {@code pg_get_triggerdef} prints; {@code function} is the trigger function's signature for
 * dependency ordering; {@code enabled} is {@code O} (origin, the default), {@code D}, {@code R}, {@code A}.
 */
public record Trigger(String name, QualifiedName table, String definition, RoutineSignature function, char enabled) {
}
