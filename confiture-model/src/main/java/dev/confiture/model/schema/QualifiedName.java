package dev.confiture.model.schema;

/**
 * A schema-qualified name as PostgreSQL resolves it: unquoted identifiers already folded to lower
 * case, quoted ones kept verbatim. {@link #toString()} renders it quoted where SQL needs quotes.
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {

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

    /** By schema, then name (written out: the models sort thousands of names, often on a cold JVM). */
    @Override
    public int compareTo(QualifiedName o) {
        int bySchema = schema.compareTo(o.schema);
        return bySchema != 0 ? bySchema : name.compareTo(o.name);
    }
}
