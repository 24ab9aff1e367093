package dev.confiture.diff;

import dev.confiture.model.schema.ObjectRef;

/**
 * One object that differs between two models, in the words validate and verify both show:
 * {@code from} and {@code to} say what each model has in a few words ({@link #ABSENT} when it lacks
 * the object), {@code change} the diff engine's words for the step from one to the other
 * ({@code add column public.users.phone text}; several joined by {@code ; }).
 *
 * @param kind {@code CREATE} when only {@code to} has it, {@code DROP} when only {@code from} has
 *             it, {@code ALTER} otherwise
 */
public record Difference(ObjectRef object, Change.Kind kind, String from, String to, String change) {

    public static final String ABSENT = "absent";

    /**
     * The one sentence for this difference, naming the two sides as the caller sees them:
     * {@code the schema files: phone text; the migrations: absent (to match the schema files: add
     * column public.users.phone text)}.
     *
     * @param fromName what the {@code from} model is ({@code the migrations}, {@code after the down})
     * @param toName what the {@code to} model is ({@code the schema files}, {@code before the up})
     */
    public String describe(String fromName, String toName) {
        return toName + ": " + to + "; " + fromName + ": " + from + " (to match " + toName + ": " + change + ")";
    }
}
