package dev.confiture.runner.verify;

/**
 * One object that differs between an expected and an actual catalog: {@code object} as in
 * {@code column public.users.phone}; {@code expected} and {@code actual} in a few words, what each
 * side has ({@link #ABSENT} when it lacks the object); {@code change} the step that would turn the
 * actual side into the expected one ({@code add column public.users.phone text}).
 */
public record SchemaDifference(String object, String expected, String actual, String change) {

    public static final String ABSENT = "absent";
    public static final String PRESENT = "present";
}
