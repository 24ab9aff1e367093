package dev.confiture.model.schema;

import java.util.Comparator;

/**
 * A reference to any object of the model by kind and identity, used for comments, grants,
 * dependencies and reports: ({@code TABLE}, {@code public.users}), ({@code COLUMN},
 * {@code public.users.email}), ({@code FUNCTION}, {@code public.add(integer, integer)}).
 * {@code identity} is the SQL spelling of the name, quoted as needed, so that
 * {@code COMMENT ON <kind> <identity>} is valid SQL: constraints, triggers and policies are
 * {@code name ON schema.table}, schemas and extensions their bare quoted name.
 */
public record ObjectRef(Kind kind, String identity) implements Comparable<ObjectRef> {

    private static final Comparator<ObjectRef> ORDER =
            Comparator.comparing(ObjectRef::kind).thenComparing(ObjectRef::identity);

    public enum Kind {
        SCHEMA, EXTENSION, COLLATION, TYPE, DOMAIN, SEQUENCE, TABLE, COLUMN, CONSTRAINT, INDEX, VIEW,
        MATERIALIZED_VIEW, FUNCTION, PROCEDURE, AGGREGATE, TRIGGER, POLICY,
        /** Added for objects the model keeps as {@link OtherObject} (the catalog reader reads them). */
        TEXT_SEARCH_CONFIGURATION,
        /** The index a table is clustered on ({@code ALTER TABLE ... CLUSTER ON}), kept as an {@link OtherObject}. */
        CLUSTER,
        /** {@code CREATE OPERATOR}, kept as an {@link OtherObject}: {@code schema.op (left, right)}. */
        OPERATOR,
        /*
         * The kinds below are kept as OtherObjects too (docs/ddl-interpreter.md, "Object kinds"), in the order
         * they are created: each after what it may be made of. Identities are spelled as DROP names them.
         */
        /** {@code schema.name USING method}. */
        OPERATOR_FAMILY,
        /** {@code schema.name USING method}. */
        OPERATOR_CLASS,
        /** {@code (source AS target)}. */
        CAST,
        CONVERSION,
        TEXT_SEARCH_PARSER,
        TEXT_SEARCH_TEMPLATE,
        TEXT_SEARCH_DICTIONARY,
        ACCESS_METHOD,
        /** {@code FOR type LANGUAGE lang}. */
        TRANSFORM,
        FOREIGN_DATA_WRAPPER,
        SERVER,
        /** {@code FOR role SERVER server}. */
        USER_MAPPING,
        FOREIGN_TABLE,
        EVENT_TRIGGER,
        PUBLICATION,
        SUBSCRIPTION,
        STATISTICS,
        /** {@code rule ON schema.table}. */
        RULE,
        /**
         * A table's or an index's storage parameters, one {@link OtherObject} per relation ({@code schema.name}):
         * {@code ALTER TABLE ... SET (...)} (see confiture-sql's {@code StorageParameters}).
         */
        STORAGE_PARAMETERS,
        /** A table's REPLICA IDENTITY other than DEFAULT, one {@link OtherObject} per table ({@code schema.name}). */
        REPLICA_IDENTITY,
        /**
         * A typed table's type ({@code CREATE TABLE t OF type}): the table is kept with its columns, this
         * {@link OtherObject} ({@code ALTER TABLE t OF type}, dropped by {@code NOT OF}) ties it to the type.
         */
        TABLE_OF_TYPE,
        /**
         * A built-in default privilege that {@code ALTER DEFAULT PRIVILEGES ... REVOKE} took away (the global
         * form only), a {@link Grant} row: {@code FOR ROLE r ON FUNCTIONS} (see {@link DefaultPrivileges}).
         * Before {@link #DEFAULT_PRIVILEGES}, so that a plan revokes before it grants again with grant option.
         */
        DEFAULT_PRIVILEGES_REVOKED,
        /**
         * A privilege {@code ALTER DEFAULT PRIVILEGES ... GRANT} gives beyond the built-in defaults, a
         * {@link Grant} row: {@code FOR ROLE r [IN SCHEMA s] ON TABLES} (see {@link DefaultPrivileges}).
         */
        DEFAULT_PRIVILEGES,
        /**
         * {@code SECURITY LABEL FOR provider ON kind name IS '...'}, kept as an {@link OtherObject}:
         * {@code FOR provider ON TABLE public.t} ({@code FOR provider} left out when the SQL names none).
         */
        SECURITY_LABEL;

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

    /** Identity conventions for objects that live on a table: {@code name ON schema.table}, as COMMENT ON writes it. */
    public static ObjectRef onTable(Kind kind, String name, QualifiedName table) {
        return new ObjectRef(kind, Identifiers.quote(name) + " ON " + table);
    }

    /** A relation-like or type-like object named by its qualified name: {@code (VIEW, public.v)}. */
    public static ObjectRef of(Kind kind, QualifiedName name) {
        return new ObjectRef(kind, name.toString());
    }

    /** A function, procedure or aggregate by signature: {@code (FUNCTION, public.add(integer, integer))}. */
    public static ObjectRef routine(Routine.Kind kind, RoutineSignature signature) {
        return new ObjectRef(Kind.valueOf(kind.name()), signature.toString());
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
