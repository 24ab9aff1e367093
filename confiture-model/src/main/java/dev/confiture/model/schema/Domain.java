package dev.confiture.model.schema;

import java.util.List;

/** CREATE DOMAIN: base type, default, NOT NULL, and named CHECK constraints. */
public record Domain(QualifiedName name, String baseType, String collation, String defaultExpression,
                     boolean notNull, List<Constraint> checks, String owner) {
    public Domain {
        checks = List.copyOf(checks);
    }
}
