package dev.confiture.model.schema;

import java.util.Comparator;

/**
 * A reference to any object of the model by kind and identity, used for comments, grants,
 * dependencies and reports: ({@code TABLE}, {@code public.users}), ({@code COLUMN},
 * {@code public.users.email}), ({@code FUNCTION}, {@code public.add(integer, integer)}).
 * {@code identity} is the SQL spelling of the name, quoted as needed.
 */
public record ObjectRef(Kind kind, String identity) implements Comparable<ObjectRef> {

    private static final Comparator<ObjectRef> ORDER =
            Comparator.comparing(ObjectRef::kind).thenComparing(ObjectRef::identity);

    public enum Kind {
        SCHEMA, EXTENSION, COLLATION, TYPE, DOMAIN, SEQUENCE, TABLE, COLUMN, CONSTRAINT, INDEX, VIEW,
        MATERIALIZED_VIEW, FUNCTION, PROCEDURE, AGGREGATE, TRIGGER, POLICY;

        /** The words SQL uses for this kind: {@code MATERIALIZED VIEW}. */
        public String sql() {
            return name().replace('_', ' ');
        }
    }

    public static ObjectRef table(QualifiedName name) {
        return new ObjectRef(Kind.TABLE, name.toString());
    }

    public static ObjectRef column(QualifiedName table, String column) {
        return new ObjectRef(Kind.COLUMN, table + "." + Identifiers.quote(column));
    }

    @Override
    public String toString() {
        return kind.sql().toLowerCase(java.util.Locale.ROOT) + " " + identity;
    }

    @Override
    public int compareTo(ObjectRef o) {
        return ORDER.compare(this, o);
    }
}
