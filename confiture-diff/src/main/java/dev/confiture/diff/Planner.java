package dev.confiture.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.confiture.diff.SchemaChange.CreateRoutine;
import dev.confiture.diff.SchemaChange.CreateTable;
import dev.confiture.diff.SchemaChange.CreateView;
import dev.confiture.diff.SchemaChange.DropTable;
import dev.confiture.diff.SchemaChange.DropView;
import dev.confiture.diff.SchemaChange.Phase;
import dev.confiture.diff.SchemaChange.ReplaceRoutine;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.Table;

/**
 * Orders typed changes into a plan PostgreSQL accepts: by {@link Phase} (drops of dependents first,
 * then creations from schemas and types to tables, views, keys and triggers, then drops of what
 * others depended on), and within a phase by dependencies where they matter: parent tables before
 * their partitions and children, views after the views they read, and the reverse for drops.
 */
final class Planner {

    private Planner() {
    }

    static List<SchemaChange> plan(List<SchemaChange> changes) {
        Map<Phase, List<SchemaChange>> byPhase = new EnumMap<>(Phase.class);
        for (SchemaChange c : changes) {
            byPhase.computeIfAbsent(c.phase(), k -> new ArrayList<>()).add(c);
        }
        List<SchemaChange> out = new ArrayList<>(changes.size());
        for (Map.Entry<Phase, List<SchemaChange>> e : byPhase.entrySet()) {
            List<SchemaChange> list = e.getValue();
            switch (e.getKey()) {
                case CREATE_TABLE -> list = topological(list, c -> key(((CreateTable) c).table().name()),
                        c -> parents(((CreateTable) c).table()), false);
                case DROP_TABLE -> list = topological(list, c -> key(((DropTable) c).table().name()),
                        c -> parents(((DropTable) c).table()), true);
                case CREATE_VIEW -> list = topological(list, c -> Differ.viewRef(((CreateView) c).view()).toString(),
                        c -> refs(((CreateView) c).view().dependsOn()), false);
                case DROP_VIEW -> list = topological(list, c -> Differ.viewRef(((DropView) c).view()).toString(),
                        c -> refs(((DropView) c).view().dependsOn()), true);
                case ROUTINE, ROUTINE_LATE -> {
                    list.sort(Comparator.comparingInt(Planner::routineRank).thenComparingInt(OpaqueKinds::creationRank));
                    list = rangesAmongRoutines(list, false);
                }
                case DROP_OTHER -> list.sort(Comparator.comparingInt(c -> -OpaqueKinds.creationRank(c)));
                // an aggregate goes before the functions it is made of
                case DROP_ROUTINE_EARLY -> list.sort(Comparator.comparingInt(c -> -routineRank(c)));
                case DROP_LATE_ROUTINE -> {
                    list.sort(Comparator.comparingInt(c -> -routineRank(c)));
                    list = rangesAmongRoutines(list, true);
                }
                case ALTER_TABLE -> list.sort(Comparator.comparingInt(Planner::alterRank));
                // a domain over another domain or type, a composite with such attributes: after them, dropped before
                case DOMAIN_COMPOSITE -> list = topological(list, c -> c.object().toString(), Planner::typesUsed, false);
                case DROP_LATE_TYPE -> list = topological(list, c -> c.object().toString(), Planner::typesUsed, true);
                default -> {
                }
            }
            out.addAll(list);
        }
        return out;
    }

    /**
     * A range type created with the routines ({@link OpaqueKinds#rangeOnOwnFunction}) comes after the
     * functions its definition names, and before the routines whose signature uses it; dropped, the
     * other way round ({@code drops}).
     */
    private static List<SchemaChange> rangesAmongRoutines(List<SchemaChange> list, boolean drops) {
        Map<SchemaChange, OtherObject> ranges = new LinkedHashMap<>();
        for (SchemaChange c : list) {
            OtherObject o = c instanceof SchemaChange.CreateOther co ? co.other()
                    : c instanceof SchemaChange.DropOther d ? d.other() : null;
            if (o != null && o.ref().kind() == ObjectRef.Kind.TYPE) {
                ranges.put(c, o);
            }
        }
        if (ranges.isEmpty()) {
            return list;
        }
        return topological(list, c -> c.object().toString(), c -> {
            Set<String> deps = new HashSet<>();
            if (ranges.containsKey(c)) {
                List<String> functions = OpaqueKinds.ownFunctions(ranges.get(c));
                for (SchemaChange r : list) {
                    Routine routine = routineOf(r);
                    if (routine != null && functions.contains(routine.signature().name().toString())) {
                        deps.add(r.object().toString());
                    }
                }
            }
            Routine routine = routineOf(c);
            if (routine != null) {
                String signature = String.join(",", routine.signature().argumentTypes()) + "," + routine.returnType();
                for (Map.Entry<SchemaChange, OtherObject> range : ranges.entrySet()) {
                    ObjectRef ref = range.getValue().ref();
                    if (routine.dependsOn().contains(ref) || signature.contains(ref.identity())) {
                        deps.add(range.getKey().object().toString());
                    }
                }
            }
            return deps;
        }, drops);
    }

    private static Routine routineOf(SchemaChange c) {
        return c instanceof CreateRoutine cr ? cr.routine() : c instanceof ReplaceRoutine rr ? rr.to()
                : c instanceof SchemaChange.DropRoutine dr ? dr.routine() : null;
    }

    /** The types a domain's base type or a composite's attributes name, as the keys of their changes. */
    private static Set<String> typesUsed(SchemaChange c) {
        List<String> types = c instanceof SchemaChange.CreateDomain cd ? List.of(cd.domain().baseType())
                : c instanceof SchemaChange.DropDomain dd ? List.of(dd.domain().baseType())
                : c instanceof SchemaChange.CreateComposite cc ? cc.type().attributes().stream()
                        .map(dev.confiture.model.schema.CompositeType.Attribute::type).toList()
                : c instanceof SchemaChange.DropComposite dc ? dc.type().attributes().stream()
                        .map(dev.confiture.model.schema.CompositeType.Attribute::type).toList()
                : List.of();
        Set<String> out = new HashSet<>();
        for (String type : types) {
            String name = Differ.elementType(type).replaceAll("\\(.*\\)$", "");
            out.add(new ObjectRef(ObjectRef.Kind.DOMAIN, name).toString());
            out.add(new ObjectRef(ObjectRef.Kind.TYPE, name).toString());
        }
        return out;
    }

    /** Aggregates need their state and final functions: they come after plain functions. */
    private static int routineRank(SchemaChange c) {
        Routine r = c instanceof CreateRoutine cr ? cr.routine() : c instanceof ReplaceRoutine rr ? rr.to()
                : c instanceof SchemaChange.DropRoutine dr ? dr.routine() : null;
        return r != null && r.kind() == Routine.Kind.AGGREGATE ? 1 : 0;
    }

    /** Columns are dropped before any is added: a child's inherited copy goes with the parent's before it is added back. */
    private static int alterRank(SchemaChange c) {
        if (c instanceof SchemaChange.DropColumn) {
            return 0;
        }
        return c instanceof SchemaChange.AddColumn ? 2 : 1;
    }

    private static String key(QualifiedName name) {
        return ObjectRef.table(name).toString();
    }

    /**
     * What a table needs created first (and dropped after it): its partition parent, its INHERITS parents, and
     * the tables whose row type a column of it has ({@code items public.item[]}).
     */
    private static Set<String> parents(Table t) {
        Set<String> out = new HashSet<>();
        if (t.partitionOf() != null) {
            out.add(key(t.partitionOf()));
        }
        t.inherits().forEach(p -> out.add(key(p)));
        for (dev.confiture.model.schema.Column c : t.columns()) {
            String type = Differ.elementType(c.type());
            if (type.indexOf('.') > 0 && !type.startsWith("pg_catalog.")) {
                out.add(new ObjectRef(ObjectRef.Kind.TABLE, type).toString()); // key() of that table, if it is one
            }
        }
        return out;
    }

    private static Set<String> refs(Set<ObjectRef> deps) {
        Set<String> out = new HashSet<>();
        deps.forEach(d -> out.add(d.toString()));
        return out;
    }

    /**
     * Depth-first order: each item after the items (of this list) it depends on; {@code reverse}
     * puts dependents first (for drops). Items keep their input order where no dependency says otherwise.
     */
    static List<SchemaChange> topological(List<SchemaChange> items, Function<SchemaChange, String> key,
                                          Function<SchemaChange, Set<String>> deps, boolean reverse) {
        Map<String, SchemaChange> byKey = new LinkedHashMap<>();
        for (SchemaChange c : items) {
            byKey.putIfAbsent(key.apply(c), c);
        }
        List<SchemaChange> out = new ArrayList<>(items.size());
        Set<String> done = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        Map<String, Set<String>> depCache = new HashMap<>();
        List<SchemaChange> order = new ArrayList<>(items);
        if (reverse) {
            // reversed twice: dependents first, independent items still in input order
            java.util.Collections.reverse(order);
        }
        for (SchemaChange c : order) {
            visit(c, key, deps, byKey, done, visiting, out, depCache);
        }
        if (reverse) {
            java.util.Collections.reverse(out);
        }
        return out;
    }

    private static void visit(SchemaChange c, Function<SchemaChange, String> key, Function<SchemaChange, Set<String>> deps,
                              Map<String, SchemaChange> byKey, Set<String> done, Set<String> visiting,
                              List<SchemaChange> out, Map<String, Set<String>> depCache) {
        String k = key.apply(c);
        if (done.contains(k) && byKey.get(k) == c) {
            return;
        }
        if (byKey.get(k) != c) {
            out.add(c); // a second change with the same key: keep it, in place
            return;
        }
        if (!visiting.add(k)) {
            return; // a cycle: leave the rest of the order as it is
        }
        for (String d : depCache.computeIfAbsent(k, x -> deps.apply(c))) {
            SchemaChange dep = byKey.get(d);
            if (dep != null && !done.contains(d)) {
                visit(dep, key, deps, byKey, done, visiting, out, depCache);
            }
        }
        visiting.remove(k);
        done.add(k);
        out.add(c);
    }
}
