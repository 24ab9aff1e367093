package dev.confiture.model.schema;

import java.util.Comparator;
import java.util.List;

/**
 * The identity of a function or procedure: schema, name and the input argument types (normalised
 * by {@link TypeNames}), as PostgreSQL tells overloads apart. {@code public.add(integer, integer)}.
 */
public record RoutineSignature(QualifiedName name, List<String> argumentTypes) implements Comparable<RoutineSignature> {

    private static final Comparator<RoutineSignature> ORDER = Comparator.comparing(RoutineSignature::name)
            .thenComparing(s -> String.join(",", s.argumentTypes()));

    public RoutineSignature {
        argumentTypes = List.copyOf(argumentTypes);
    }

    @Override
    public String toString() {
        return name + "(" + String.join(", ", argumentTypes) + ")";
    }

    @Override
    public int compareTo(RoutineSignature o) {
        return ORDER.compare(this, o);
    }
}
