package dev.confiture.model.schema;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A table with everything that hangs off it. {@code columns} keep their declared order (reports
 * use it; the diff treats order as insignificant). Partitioning: {@code partitionBy} is the
 * {@code PARTITION BY} clause of a partitioned table ({@code RANGE (created_at)}), {@code partitionOf}
 * the parent and {@code partitionBound} the {@code FOR VALUES ...} / {@code DEFAULT} clause of a partition.
 * {@code inherits} lists INHERITS parents.
 */
public record Table(QualifiedName name, List<Column> columns, SortedMap<String, Constraint> constraints,
                    SortedMap<String, Index> indexes, SortedMap<String, Trigger> triggers,
                    SortedMap<String, Policy> policies, boolean unlogged, String partitionBy,
                    QualifiedName partitionOf, String partitionBound, List<QualifiedName> inherits,
                    boolean rowSecurity, boolean forceRowSecurity, String owner) {

    public Table {
        columns = List.copyOf(columns);
        constraints = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(constraints));
        indexes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(indexes));
        triggers = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(triggers));
        policies = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(policies));
        inherits = List.copyOf(inherits);
    }

    /** A plain table with these columns and nothing else. */
    public static Table of(QualifiedName name, List<Column> columns) {
        return new Table(name, columns, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), false,
                null, null, null, List.of(), false, false, null);
    }

    public java.util.Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Table withColumns(List<Column> value) {
        return new Table(name, value, constraints, indexes, triggers, policies, unlogged, partitionBy, partitionOf,
                partitionBound, inherits, rowSecurity, forceRowSecurity, owner);
    }

    public Table withConstraints(Map<String, Constraint> value) {
        return new Table(name, columns, new TreeMap<>(value), indexes, triggers, policies, unlogged, partitionBy,
                partitionOf, partitionBound, inherits, rowSecurity, forceRowSecurity, owner);
    }

    public Table withIndexes(Map<String, Index> value) {
        return new Table(name, columns, constraints, new TreeMap<>(value), triggers, policies, unlogged, partitionBy,
                partitionOf, partitionBound, inherits, rowSecurity, forceRowSecurity, owner);
    }

    public Table withTriggers(Map<String, Trigger> value) {
        return new Table(name, columns, constraints, indexes, new TreeMap<>(value), policies, unlogged, partitionBy,
                partitionOf, partitionBound, inherits, rowSecurity, forceRowSecurity, owner);
    }

    public Table withPolicies(Map<String, Policy> value) {
        return new Table(name, columns, constraints, indexes, triggers, new TreeMap<>(value), unlogged, partitionBy,
                partitionOf, partitionBound, inherits, rowSecurity, forceRowSecurity, owner);
    }

    public Table withName(QualifiedName value) {
        return new Table(value, columns, constraints, indexes, triggers, policies, unlogged, partitionBy, partitionOf,
                partitionBound, inherits, rowSecurity, forceRowSecurity, owner);
    }

    public Table withUnlogged(boolean value) {
        return new Table(name, columns, constraints, indexes, triggers, policies, value, partitionBy, partitionOf,
                partitionBound, inherits, rowSecurity, forceRowSecurity, owner);
    }

    public Table withRowSecurity(boolean enabled, boolean forced) {
        return new Table(name, columns, constraints, indexes, triggers, policies, unlogged, partitionBy, partitionOf,
                partitionBound, inherits, enabled, forced, owner);
    }

    public Table withOwner(String value) {
        return new Table(name, columns, constraints, indexes, triggers, policies, unlogged, partitionBy, partitionOf,
                partitionBound, inherits, rowSecurity, forceRowSecurity, value);
    }
}
