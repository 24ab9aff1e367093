package dev.confiture.model.schema;

import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A table with everything that hangs off it. {@code columns} keep their declared order (reports
 * use it; the diff treats order as insignificant). Partitioning: {@code partitionBy} is the
 * {@code PARTITION BY} clause of a partitioned table ({@code RANGE (created_at)}), {@code partitionOf}
 * the parent and {@code partitionBound} the {@code FOR VALUES ...} / {@code DEFAULT} clause of a partition.
 * {@code inherits} lists INHERITS parents; {@code inheritedOnly} names the columns an INHERITS child has
 * only from a parent ({@code pg_attribute.attislocal} false), not also as its own: a parent's DROP COLUMN
 * takes those along and leaves the others, and a column a parent gains merges into the child's own.
 */
public record Table(QualifiedName name, List<Column> columns, SortedMap<String, Constraint> constraints,
                    SortedMap<String, Index> indexes, SortedMap<String, Trigger> triggers,
                    SortedMap<String, Policy> policies, boolean unlogged, String partitionBy,
                    QualifiedName partitionOf, String partitionBound, List<QualifiedName> inherits,
                    boolean rowSecurity, boolean forceRowSecurity, String owner, Set<String> inheritedOnly) {

    public Table {
        columns = List.copyOf(columns);
        constraints = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(constraints));
        indexes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(indexes));
        triggers = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(triggers));
        policies = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(policies));
        inherits = List.copyOf(inherits);
        inheritedOnly = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(inheritedOnly));
    }

    /** A table whose columns are all its own (none inherited only). */
    public Table(QualifiedName name, List<Column> columns, SortedMap<String, Constraint> constraints,
                 SortedMap<String, Index> indexes, SortedMap<String, Trigger> triggers,
                 SortedMap<String, Policy> policies, boolean unlogged, String partitionBy,
                 QualifiedName partitionOf, String partitionBound, List<QualifiedName> inherits,
                 boolean rowSecurity, boolean forceRowSecurity, String owner) {
        this(name, columns, constraints, indexes, triggers, policies, unlogged, partitionBy, partitionOf, partitionBound,
                inherits, rowSecurity, forceRowSecurity, owner, Set.of());
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
                partitionBound, inherits, rowSecurity, forceRowSecurity, owner, inheritedOnly);
    }

    public Table withConstraints(Map<String, Constraint> value) {
        return new Table(name, columns, new TreeMap<>(value), indexes, triggers, policies, unlogged, partitionBy,
                partitionOf, partitionBound, inherits, rowSecurity, forceRowSecurity, owner, inheritedOnly);
    }

    public Table withIndexes(Map<String, Index> value) {
        return new Table(name, columns, constraints, new TreeMap<>(value), triggers, policies, unlogged, partitionBy,
                partitionOf, partitionBound, inherits, rowSecurity, forceRowSecurity, owner, inheritedOnly);
    }

    public Table withTriggers(Map<String, Trigger> value) {
        return new Table(name, columns, constraints, indexes, new TreeMap<>(value), policies, unlogged, partitionBy,
                partitionOf, partitionBound, inherits, rowSecurity, forceRowSecurity, owner, inheritedOnly);
    }

    public Table withPolicies(Map<String, Policy> value) {
        return new Table(name, columns, constraints, indexes, triggers, new TreeMap<>(value), unlogged, partitionBy,
                partitionOf, partitionBound, inherits, rowSecurity, forceRowSecurity, owner, inheritedOnly);
    }

    public Table withName(QualifiedName value) {
        return new Table(value, columns, constraints, indexes, triggers, policies, unlogged, partitionBy, partitionOf,
                partitionBound, inherits, rowSecurity, forceRowSecurity, owner, inheritedOnly);
    }

    public Table withUnlogged(boolean value) {
        return new Table(name, columns, constraints, indexes, triggers, policies, value, partitionBy, partitionOf,
                partitionBound, inherits, rowSecurity, forceRowSecurity, owner, inheritedOnly);
    }

    public Table withRowSecurity(boolean enabled, boolean forced) {
        return new Table(name, columns, constraints, indexes, triggers, policies, unlogged, partitionBy, partitionOf,
                partitionBound, inherits, enabled, forced, owner, inheritedOnly);
    }

    public Table withInheritedOnly(Set<String> value) {
        return new Table(name, columns, constraints, indexes, triggers, policies, unlogged, partitionBy, partitionOf,
                partitionBound, inherits, rowSecurity, forceRowSecurity, owner, value);
    }

    /** Whether the table has {@code column} only through INHERITS (a parent's drop takes it along). */
    public boolean inheritedOnly(String column) {
        return inheritedOnly.contains(column);
    }

    public Table withOwner(String value) {
        return new Table(name, columns, constraints, indexes, triggers, policies, unlogged, partitionBy, partitionOf,
                partitionBound, inherits, rowSecurity, forceRowSecurity, value, inheritedOnly);
    }
}
