package dev.confiture.diff;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.CompositeType;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.SchemaModelBuilder;
import dev.confiture.model.schema.Sequence;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.View;

/**
 * Confiture's own objects, which are never part of the user's schema and so never part of a diff:
 * <ul>
 * <li>the tracking table (an unqualified name matches it in any schema, as the runner creates it in
 * the first schema of the search path), with what hangs off it: its sequences, indexes,
 * constraints, comments and grants; a schema of a qualified tracking table ({@code ops.schema_history})
 * goes too when nothing else lives in it, since the runner created it for the table;</li>
 * <li>the coordination store's schema {@code confiture_coordination} and everything in it;</li>
 * <li>scratch objects: the {@code <type>__confiture_old} enum that a generated enum rebuild
 * (see {@link Differ}) renames the old type to and drops at its end.</li>
 * </ul>
 * {@link SchemaDiff#compare(SchemaModel, SchemaModel, OwnObjects)} takes them out of both sides, so
 * every comparison (the diff goal in every mode and from every source, verify, validate) leaves
 * them out the same way; the catalog reader uses the same rule for the models it reads.
 */
public record OwnObjects(String trackingSchema, String trackingName) {

    public static final String DEFAULT_TRACKING_TABLE = "confiture_migrations";
    public static final String COORDINATION_SCHEMA = "confiture_coordination";
    static final String SCRATCH_SUFFIX = "__confiture_old";

    /** The default tracking table {@code confiture_migrations}, in any schema. */
    public static final OwnObjects DEFAULT = of(null);

    /**
     * @param trackingTable the environment's {@code tracking_table}: {@code name} (any schema) or
     *                      {@code schema.name}; null or blank for the default
     */
    public static OwnObjects of(String trackingTable) {
        String t = trackingTable == null || trackingTable.isBlank() ? DEFAULT_TRACKING_TABLE : trackingTable.strip();
        int dot = t.lastIndexOf('.');
        return new OwnObjects(dot < 0 ? null : Identifiers.fold(t.substring(0, dot)),
                Identifiers.fold(dot < 0 ? t : t.substring(dot + 1)));
    }

    /** True for the tracking table's name. */
    public boolean isTrackingTable(QualifiedName name) {
        return name.name().equals(trackingName) && (trackingSchema == null || trackingSchema.equals(name.schema()));
    }

    /** The model without Confiture's own objects; the same model when it holds none. */
    public SchemaModel strip(SchemaModel model) {
        Set<ObjectRef> gone = new HashSet<>();
        SchemaModelBuilder b = model.toBuilder();
        Predicate<QualifiedName> inStore = n -> COORDINATION_SCHEMA.equals(n.schema());
        for (Table t : model.tables().values()) {
            if (isTrackingTable(t.name()) || inStore.test(t.name())) {
                b.tables.remove(t.name());
                gone.addAll(refs(t));
            }
        }
        for (Sequence s : model.sequences().values()) {
            boolean ownedByGoneTable = s.ownedBy() != null && gone.contains(ObjectRef.table(s.ownedBy().table()));
            if (ownedByGoneTable || inStore.test(s.name())) {
                b.sequences.remove(s.name());
                gone.add(ObjectRef.of(ObjectRef.Kind.SEQUENCE, s.name()));
            }
        }
        for (View v : model.views().values()) {
            if (inStore.test(v.name())) {
                b.views.remove(v.name());
                gone.add(ObjectRef.of(v.materialized() ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW, v.name()));
            }
        }
        for (QualifiedName n : model.enums().keySet()) {
            if (inStore.test(n) || n.name().endsWith(SCRATCH_SUFFIX)) {
                b.enums.remove(n);
                gone.add(ObjectRef.of(ObjectRef.Kind.TYPE, n));
            }
        }
        for (CompositeType c : model.composites().values()) {
            if (inStore.test(c.name())) {
                b.composites.remove(c.name());
                gone.add(ObjectRef.of(ObjectRef.Kind.TYPE, c.name()));
            }
        }
        model.domains().keySet().stream().filter(inStore).forEach(n -> {
            b.domains.remove(n);
            gone.add(ObjectRef.of(ObjectRef.Kind.DOMAIN, n));
        });
        model.collations().keySet().stream().filter(inStore).forEach(n -> {
            b.collations.remove(n);
            gone.add(ObjectRef.of(ObjectRef.Kind.COLLATION, n));
        });
        for (Routine r : model.routines().values()) {
            if (inStore.test(r.signature().name())) {
                b.routines.remove(r.signature());
                gone.add(ObjectRef.routine(r.kind(), r.signature()));
            }
        }
        removeSchema(b, COORDINATION_SCHEMA, gone);
        if (trackingSchema != null && !trackingSchema.equals("public") && gone.stream()
                .anyMatch(ref -> ref.kind() == ObjectRef.Kind.TABLE && ref.identity().startsWith(qualifier(trackingSchema)))
                && !used(b, trackingSchema)) {
            removeSchema(b, trackingSchema, gone);
        }
        if (gone.isEmpty()) {
            return model;
        }
        String storePrefix = qualifier(COORDINATION_SCHEMA);
        b.comments.keySet().removeIf(gone::contains);
        b.grants.removeIf(g -> gone.contains(g.object()));
        b.others.values().removeIf(o -> gone.contains(o.ref()) || o.ref().identity().startsWith(storePrefix)
                || o.dependsOn().stream().anyMatch(gone::contains));
        return b.build();
    }

    private static void removeSchema(SchemaModelBuilder b, String schema, Set<ObjectRef> gone) {
        if (b.schemas.remove(schema) != null) {
            gone.add(new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(schema)));
        }
    }

    /** Whether any object is left in {@code schema} (then it is the user's as well, and stays). */
    private static boolean used(SchemaModelBuilder b, String schema) {
        return Stream.of(b.tables.keySet(), b.views.keySet(), b.sequences.keySet(), b.enums.keySet(),
                        b.composites.keySet(), b.domains.keySet(), b.collations.keySet())
                .flatMap(java.util.Collection::stream)
                .anyMatch(name -> schema.equals(name.schema()))
                || b.routines.keySet().stream().anyMatch(r -> schema.equals(r.name().schema()))
                || b.extensions.values().stream().anyMatch(e -> schema.equals(e.schema()));
    }

    private static String qualifier(String schema) {
        return Identifiers.quote(schema) + ".";
    }

    /** The references of a table and of everything that hangs off it (for its comments and grants). */
    private static Set<ObjectRef> refs(Table t) {
        Set<ObjectRef> refs = new HashSet<>();
        refs.add(ObjectRef.table(t.name()));
        for (Column c : t.columns()) {
            refs.add(ObjectRef.column(t.name(), c.name()));
        }
        t.constraints().keySet().forEach(n -> refs.add(ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, n, t.name())));
        t.triggers().keySet().forEach(n -> refs.add(ObjectRef.onTable(ObjectRef.Kind.TRIGGER, n, t.name())));
        t.policies().keySet().forEach(n -> refs.add(ObjectRef.onTable(ObjectRef.Kind.POLICY, n, t.name())));
        t.indexes().values().forEach(i -> refs.add(ObjectRef.of(ObjectRef.Kind.INDEX, i.name())));
        refs.add(new ObjectRef(ObjectRef.Kind.CLUSTER, t.name().toString()));
        return refs;
    }
}
