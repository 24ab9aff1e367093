package dev.confiture.model.schema;

import java.util.List;

/** CREATE TYPE ... AS ENUM, labels in sort order. */
public record EnumType(QualifiedName name, List<String> labels, String owner) {
    public EnumType {
        labels = List.copyOf(labels);
    }
}
