package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.QualifiedName;
import java.util.List;
import java.util.Set;

/**
 * The index a table (or materialized view) is clustered on: {@code ALTER TABLE ... CLUSTER ON index}
 * or {@code CLUSTER table USING index} sets {@code pg_index.indisclustered}, which pg_dump keeps and the
 * catalog reader reads as an {@link ObjectRef.Kind#CLUSTER} mark (an {@link OtherObject} whose SQL is
 * the very text the reader writes). Renaming the relation or the index carries the mark; dropping
 * either, or {@code SET WITHOUT CLUSTER}, removes it.
 */
final class ClusterMarks {

    private ClusterMarks() {
    }

    /** Marks {@code relation} as clustered on {@code index} (in the relation's schema), replacing any mark. */
    static void set(Interpretation st, QualifiedName relation, String index) {
        QualifiedName indexName = QualifiedName.of(relation.schema(), index);
        if (!st.tolerant && st.findIndex(indexName).isEmpty() && !st.relationExists(indexName)) {
            throw new ObjectStateError("index " + Identifiers.quote(index) + " for table " + relation
                    + " does not exist");
        }
        ObjectRef ref = new ObjectRef(ObjectRef.Kind.CLUSTER, relation.toString());
        ObjectRef owner = st.model.views.containsKey(relation)
                ? Interpretation.ref(ObjectRef.Kind.MATERIALIZED_VIEW, relation) : ObjectRef.table(relation);
        st.model.others.put(ref, new OtherObject(ref, "ALTER TABLE " + relation + " CLUSTER ON "
                + Identifiers.quote(index), "ALTER TABLE " + relation + " SET WITHOUT CLUSTER",
                Set.of(owner, Interpretation.ref(ObjectRef.Kind.INDEX, indexName))));
    }

    /** {@code SET WITHOUT CLUSTER}, or the relation is dropped. */
    static void clear(Interpretation st, QualifiedName relation) {
        st.model.others.remove(new ObjectRef(ObjectRef.Kind.CLUSTER, relation.toString()));
    }

    /** The relation was renamed or moved to another schema (its indexes move along). */
    static void relationRenamed(Interpretation st, QualifiedName from, QualifiedName to) {
        OtherObject o = st.model.others.get(new ObjectRef(ObjectRef.Kind.CLUSTER, from.toString()));
        if (o != null) {
            clear(st, from);
            set(st, to, indexOf(o).name());
        }
    }

    /** The index was renamed: the marks on it name the new index. */
    static void indexRenamed(Interpretation st, QualifiedName from, QualifiedName to) {
        for (OtherObject o : marksOn(st, from)) {
            set(st, Interpretation.nameOf(o.ref().identity()), to.name());
        }
    }

    /** The index was dropped (or the constraint that owns it): no mark is left on it. */
    static void indexDropped(Interpretation st, QualifiedName index) {
        marksOn(st, index).forEach(o -> st.model.others.remove(o.ref()));
    }

    private static List<OtherObject> marksOn(Interpretation st, QualifiedName index) {
        ObjectRef indexRef = Interpretation.ref(ObjectRef.Kind.INDEX, index);
        return st.model.others.values().stream()
                .filter(o -> o.ref().kind() == ObjectRef.Kind.CLUSTER && o.dependsOn().contains(indexRef)).toList();
    }

    private static QualifiedName indexOf(OtherObject o) {
        return o.dependsOn().stream().filter(r -> r.kind() == ObjectRef.Kind.INDEX).findFirst()
                .map(r -> Interpretation.nameOf(r.identity())).orElseThrow();
    }
}
