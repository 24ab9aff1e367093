package dev.confiture.model.schema;

import java.util.List;
import java.util.Set;

/**
 * A view or materialized view. {@code query} is the SELECT as the source gives it (the catalog
 * reader uses {@code pg_get_viewdef}). {@code dependsOn} names the relations and routines the query
 * uses, for ordering drops and creates; {@code indexes} are a materialized view's indexes;
 * {@code options} the WITH (...) options such as {@code security_barrier=true}. From the DDL
 * interpreter, {@code query} is the canonical token text (lower-case words, comments dropped,
 * single spaces) and {@code dependsOn} an approximation from the names the query mentions.
 */
public record View(QualifiedName name, boolean materialized, List<String> columnNames, String query,
                   String checkOption, List<String> options, Set<ObjectRef> dependsOn,
                   java.util.SortedMap<String, Index> indexes, String owner) {
    public View {
        columnNames = List.copyOf(columnNames);
        options = List.copyOf(options);
        dependsOn = Set.copyOf(dependsOn);
        indexes = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(indexes));
    }
}
