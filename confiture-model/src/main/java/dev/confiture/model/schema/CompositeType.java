package dev.confiture.model.schema;

import java.util.List;

/** CREATE TYPE ... AS (attributes). */
public record CompositeType(QualifiedName name, List<Attribute> attributes, String owner) {
    public CompositeType {
        attributes = List.copyOf(attributes);
    }

    /** One attribute; {@code type} as {@link TypeNames#normalize(String)} writes it. */
    public record Attribute(String name, String type, String collation) {
    }
}
