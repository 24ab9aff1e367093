package dev.confiture.model.schema;

import java.util.Comparator;

/**
 * A schema-qualified name as PostgreSQL resolves it: unquoted identifiers already folded to lower
 * case, quoted ones kept verbatim. {@link #toString()} renders it quoted where SQL needs quotes.
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {

    private static final Comparator<QualifiedName> ORDER =
            Comparator.comparing(QualifiedName::schema).thenComparing(QualifiedName::name);

    public QualifiedName {
        if (schema == null || schema.isEmpty() || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("schema and name are required: " + schema + "." + name);
        }
    }

    public static QualifiedName of(String schema, String name) {
        return new QualifiedName(schema, name);
    }

    /** The name as SQL: {@code public.users}, {@code "My Schema"."Order"}. */
    @Override
    public String toString() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    @Override
    public int compareTo(QualifiedName o) {
        return ORDER.compare(this, o);
    }
}
