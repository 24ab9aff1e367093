package dev.confiture.model.schema;

import java.util.List;

/**
 * An index that is not the implementation of a constraint (those belong to the constraint).
 * {@code keys} are the key columns or parenthesised expressions with their opclass, collation and
 * ordering as written ({@code lower(email)}, {@code created_at DESC NULLS LAST}); {@code include}
 * the INCLUDE columns; {@code predicate} the partial-index WHERE expression or null. The DDL
 * interpreter drops default ordering words and one pair of outer parentheses from keys
 * (docs/ddl-interpreter.md).
 */
public record Index(QualifiedName name, QualifiedName table, boolean unique, String method, List<String> keys,
                    List<String> include, String predicate, boolean nullsNotDistinct, String tablespace) {

    public Index {
        keys = List.copyOf(keys);
        include = List.copyOf(include);
    }

    /** {@code CREATE [UNIQUE] INDEX name ON table USING method (keys) [INCLUDE (...)] [WHERE ...]}. */
    public String createSql() {
        StringBuilder sb = new StringBuilder("CREATE ");
        if (unique) {
            sb.append("UNIQUE ");
        }
        sb.append("INDEX ").append(Identifiers.quote(name.name())).append(" ON ").append(table)
                .append(" USING ").append(method).append(" (").append(String.join(", ", keys)).append(')');
        if (!include.isEmpty()) {
            sb.append(" INCLUDE (").append(String.join(", ", include.stream().map(Identifiers::quote).toList())).append(')');
        }
        if (nullsNotDistinct) {
            sb.append(" NULLS NOT DISTINCT");
        }
        if (predicate != null) {
            sb.append(" WHERE ").append(predicate);
        }
        return sb.toString();
    }
}
