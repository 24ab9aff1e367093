package dev.confiture.git;

import dev.confiture.model.schema.ObjectRef;

/**
 * One object that differs between two models, with what each side says about it in a few words
 * ({@code absent} when a side lacks it): {@code column public.users.phone}, {@code absent},
 * {@code phone text}; and, where the comparer has them, its words for the change (null otherwise).
 */
public record ObjectDifference(ObjectRef object, String left, String right, String change) {

    public static final String ABSENT = "absent";

    /** A difference the comparer describes by its two sides only. */
    public ObjectDifference(ObjectRef object, String left, String right) {
        this(object, left, right, null);
    }
}
