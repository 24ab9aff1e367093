package dev.confiture.model.schema;

/**
 * A table column. {@code type} is normalised by {@link TypeNames#normalize(String)} ({@code int4}
 * and {@code INTEGER} are both {@code integer}; {@code serial} becomes {@code integer} plus a
 * sequence and a default). {@code defaultExpression} and {@code generatedExpression} are SQL
 * expression text, null when absent. {@code identity} is null, {@code ALWAYS} or {@code BY DEFAULT};
 * {@code identityOptions} its sequence's options, null when they are PostgreSQL's defaults ({@link IdentityOptions}).
 * The DDL interpreter writes expressions in its canonical token spelling and serial defaults as
 * {@code nextval('users_id_seq'::regclass)}; see docs/ddl-interpreter.md, "Spellings in the model".
 */
public record Column(String name, String type, String collation, boolean notNull, String defaultExpression,
                     Identity identity, String generatedExpression, IdentityOptions identityOptions) {

    /** A column whose identity, if any, has the default sequence options. */
    public Column(String name, String type, String collation, boolean notNull, String defaultExpression,
                  Identity identity, String generatedExpression) {
        this(name, type, collation, notNull, defaultExpression, identity, generatedExpression, null);
    }

    public enum Identity {
        ALWAYS("ALWAYS"), BY_DEFAULT("BY DEFAULT");

        private final String sql;

        Identity(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    public Column withNotNull(boolean value) {
        return new Column(name, type, collation, value, defaultExpression, identity, generatedExpression, identityOptions);
    }

    public Column withDefault(String expression) {
        return new Column(name, type, collation, notNull, expression, identity, generatedExpression, identityOptions);
    }

    public Column withType(String newType) {
        return new Column(name, newType, collation, notNull, defaultExpression, identity, generatedExpression, identityOptions);
    }

    public Column withName(String newName) {
        return new Column(newName, type, collation, notNull, defaultExpression, identity, generatedExpression, identityOptions);
    }

    /** Identity dropped (null) takes its options with it. */
    public Column withIdentity(Identity value) {
        return new Column(name, type, collation, notNull, defaultExpression, value, generatedExpression,
                value == null ? null : identityOptions);
    }

    public Column withIdentityOptions(IdentityOptions value) {
        return new Column(name, type, collation, notNull, defaultExpression, identity, generatedExpression, value);
    }

    public Column withGenerated(String expression) {
        return new Column(name, type, collation, notNull, defaultExpression, identity, expression, identityOptions);
    }

    public Column withCollation(String value) {
        return new Column(name, type, value, notNull, defaultExpression, identity, generatedExpression, identityOptions);
    }
}
