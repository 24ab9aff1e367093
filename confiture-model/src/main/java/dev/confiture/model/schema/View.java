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
 * {@code triggers} are a view's triggers ({@code INSTEAD OF}, or statement-level {@code BEFORE}/{@code AFTER}).
 */
public record View(QualifiedName name, boolean materialized, List<String> columnNames, String query,
                   String checkOption, List<String> options, Set<ObjectRef> dependsOn,
                   java.util.SortedMap<String, Index> indexes, String owner,
                   java.util.SortedMap<String, Trigger> triggers) {
    public View {
        columnNames = List.copyOf(columnNames);
        options = List.copyOf(options);
        dependsOn = Set.copyOf(dependsOn);
        indexes = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(indexes));
        triggers = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(
                triggers == null ? java.util.Map.of() : triggers));
    }

    /** A view without triggers. */
    public View(QualifiedName name, boolean materialized, List<String> columnNames, String query, String checkOption,
                List<String> options, Set<ObjectRef> dependsOn, java.util.SortedMap<String, Index> indexes, String owner) {
        this(name, materialized, columnNames, query, checkOption, options, dependsOn, indexes, owner, null);
    }

    public View withTriggers(java.util.Map<String, Trigger> value) {
        return new View(name, materialized, columnNames, query, checkOption, options, dependsOn, indexes, owner,
                new java.util.TreeMap<>(value));
    }
}
