package dev.confiture.git;

import dev.confiture.model.schema.ObjectRef;

/**
 * One object that differs between two models, with what each side says about it in a few words
 * ({@code absent} when a side lacks it): {@code column public.users.phone}, {@code absent},
 * {@code phone text}.
 */
public record ObjectDifference(ObjectRef object, String left, String right) {

    public static final String ABSENT = "absent";
}
