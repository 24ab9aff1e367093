package dev.confiture.model.schema;

import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The mutable side of {@link SchemaModel}: readers (the DDL interpreter, the catalog reader) fill
 * one of these and call {@link #build()}. Fields are public maps on purpose: readers edit them
 * freely, and the record they build is immutable.
 */
public final class SchemaModelBuilder {

    public final SortedMap<String, Schema> schemas = new TreeMap<>();
    public final SortedMap<String, Extension> extensions = new TreeMap<>();
    public final SortedMap<QualifiedName, Collation> collations = new TreeMap<>();
    public final SortedMap<QualifiedName, EnumType> enums = new TreeMap<>();
    public final SortedMap<QualifiedName, CompositeType> composites = new TreeMap<>();
    public final SortedMap<QualifiedName, Domain> domains = new TreeMap<>();
    public final SortedMap<QualifiedName, Sequence> sequences = new TreeMap<>();
    public final SortedMap<QualifiedName, Table> tables = new TreeMap<>();
    public final SortedMap<QualifiedName, View> views = new TreeMap<>();
    public final SortedMap<RoutineSignature, Routine> routines = new TreeMap<>();
    public final SortedMap<ObjectRef, String> comments = new TreeMap<>();
    public final SortedSet<Grant> grants = new TreeSet<>();
    public final SortedMap<ObjectRef, OtherObject> others = new TreeMap<>();

    /** Nothing at all, not even {@code public}. */
    public SchemaModelBuilder() {
    }

    /** A copy of an existing model to edit. */
    public SchemaModelBuilder(SchemaModel model) {
        schemas.putAll(model.schemas());
        extensions.putAll(model.extensions());
        collations.putAll(model.collations());
        enums.putAll(model.enums());
        composites.putAll(model.composites());
        domains.putAll(model.domains());
        sequences.putAll(model.sequences());
        tables.putAll(model.tables());
        views.putAll(model.views());
        routines.putAll(model.routines());
        comments.putAll(model.comments());
        grants.addAll(model.grants());
        others.putAll(model.others());
    }

    /** What a new database holds: the {@code public} schema only. */
    public static SchemaModelBuilder empty() {
        SchemaModelBuilder b = new SchemaModelBuilder();
        b.schemas.put("public", new Schema("public", null));
        return b;
    }

    public SchemaModel build() {
        return new SchemaModel(schemas, extensions, collations, enums, composites, domains, sequences, tables, views,
                routines, comments, grants, others);
    }
}
