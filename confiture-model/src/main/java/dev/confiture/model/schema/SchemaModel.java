package dev.confiture.model.schema;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The hub of the product: one immutable picture of a database schema, whatever it was read from
 * (SQL files through the DDL interpreter, a live catalog, a git tree, migrations). Every comparison
 * is a diff of two of these. Maps are sorted so that iteration, reports and generated SQL are
 * deterministic. Build one with {@link SchemaModelBuilder}.
 */
public record SchemaModel(
        SortedMap<String, Schema> schemas,
        SortedMap<String, Extension> extensions,
        SortedMap<QualifiedName, Collation> collations,
        SortedMap<QualifiedName, EnumType> enums,
        SortedMap<QualifiedName, CompositeType> composites,
        SortedMap<QualifiedName, Domain> domains,
        SortedMap<QualifiedName, Sequence> sequences,
        SortedMap<QualifiedName, Table> tables,
        SortedMap<QualifiedName, View> views,
        SortedMap<RoutineSignature, Routine> routines,
        SortedMap<ObjectRef, String> comments,
        SortedSet<Grant> grants,
        SortedMap<ObjectRef, OtherObject> others) {

    /** The model without {@link OtherObject}s (the form before that component was added). */
    public SchemaModel(SortedMap<String, Schema> schemas, SortedMap<String, Extension> extensions,
                       SortedMap<QualifiedName, Collation> collations, SortedMap<QualifiedName, EnumType> enums,
                       SortedMap<QualifiedName, CompositeType> composites, SortedMap<QualifiedName, Domain> domains,
                       SortedMap<QualifiedName, Sequence> sequences, SortedMap<QualifiedName, Table> tables,
                       SortedMap<QualifiedName, View> views, SortedMap<RoutineSignature, Routine> routines,
                       SortedMap<ObjectRef, String> comments, SortedSet<Grant> grants) {
        this(schemas, extensions, collations, enums, composites, domains, sequences, tables, views, routines,
                comments, grants, new TreeMap<>());
    }

    public SchemaModel {
        schemas = unmodifiable(schemas);
        extensions = unmodifiable(extensions);
        collations = unmodifiable(collations);
        enums = unmodifiable(enums);
        composites = unmodifiable(composites);
        domains = unmodifiable(domains);
        sequences = unmodifiable(sequences);
        tables = unmodifiable(tables);
        views = unmodifiable(views);
        routines = unmodifiable(routines);
        comments = unmodifiable(comments);
        grants = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(grants));
        others = unmodifiable(others == null ? Map.of() : others);
    }

    /** A database that holds nothing but the {@code public} schema, as {@code CREATE DATABASE} leaves it. */
    public static SchemaModel empty() {
        return SchemaModelBuilder.empty().build();
    }

    public SchemaModelBuilder toBuilder() {
        return new SchemaModelBuilder(this);
    }

    /** True when a table, view, sequence or type of this name exists (they share one namespace in pg_class / pg_type). */
    public boolean hasRelation(QualifiedName name) {
        return tables.containsKey(name) || views.containsKey(name) || sequences.containsKey(name);
    }

    private static <K, V> SortedMap<K, V> unmodifiable(Map<K, V> map) {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /** Convenience for code that only needs the grant set's view. */
    public Set<Grant> grantSet() {
        return grants;
    }
}
