package dev.confiture.model.schema;

import java.util.Set;

/**
 * An object the model does not break down into fields (for now: text search configurations): it is
 * compared by its full creation SQL and, when it differs, dropped and created again.
 * {@code createSql} may hold several statements separated by {@code ;\n}; {@code dropSql} is one.
 */
public record OtherObject(ObjectRef ref, String createSql, String dropSql, Set<ObjectRef> dependsOn) {
    public OtherObject {
        dependsOn = Set.copyOf(dependsOn);
    }
}
