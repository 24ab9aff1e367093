package dev.confiture.coordination;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.confiture.coordination.ChangedObject.Action;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.ObjectRef.Kind;

/**
 * The rules of docs/coordination.md, on plain values: the same column, function signature,
 * type, index, constraint (any object below table level, or beside it) touched by two intents is
 * an error; the same table is a warning, unless an error on that table already says more.
 * Schemas and extensions are shared containers, never a conflict on their own.
 */
public final class ConflictDetector {

    private ConflictDetector() {
    }

    /** The conflicts of a candidate's objects with each other intent, in the order the other intents are given. */
    public static List<Conflict> detect(List<ChangedObject> candidate, List<ActiveIntentObjects> others) {
        Map<ObjectRef, ChangedObject> mine = new LinkedHashMap<>();
        Set<String> myTables = new LinkedHashSet<>();
        for (ChangedObject o : candidate) {
            mine.putIfAbsent(o.object(), o);
            if (o.table() != null) {
                myTables.add(o.table());
            }
        }
        List<Conflict> conflicts = new ArrayList<>();
        for (ActiveIntentObjects other : others) {
            Map<Kind, List<ChangedObject[]>> shared = new LinkedHashMap<>();
            Set<String> coveredTables = new LinkedHashSet<>();
            Set<String> sharedTables = new LinkedHashSet<>();
            for (ChangedObject theirs : other.objects()) {
                ChangedObject ours = mine.get(theirs.object());
                Kind kind = theirs.object().kind();
                if (ours != null && isObjectLevel(kind)) {
                    List<ChangedObject[]> pairs = shared.computeIfAbsent(kind, k -> new ArrayList<>());
                    if (pairs.stream().noneMatch(p -> p[0].object().equals(ours.object()))) {
                        pairs.add(new ChangedObject[] {ours, theirs});
                    }
                    if (theirs.table() != null) {
                        coveredTables.add(theirs.table());
                    }
                }
                if (theirs.table() != null && myTables.contains(theirs.table())) {
                    sharedTables.add(theirs.table());
                }
            }
            for (Map.Entry<Kind, List<ChangedObject[]>> e : shared.entrySet()) {
                List<String> names = e.getValue().stream().map(p -> p[0].display()).toList();
                boolean bothCreate = e.getValue().stream()
                        .allMatch(p -> p[0].action() == Action.CREATE && p[1].action() == Action.CREATE);
                conflicts.add(new Conflict(other.intentId(), other.agentId(), other.featureName(), typeName(e.getKey()),
                        Severity.ERROR.label(), names, objectSuggestion(other, e.getKey(), names, bothCreate)));
            }
            sharedTables.removeAll(coveredTables);
            if (!sharedTables.isEmpty()) {
                List<String> names = List.copyOf(sharedTables);
                conflicts.add(new Conflict(other.intentId(), other.agentId(), other.featureName(), "table",
                        Severity.WARNING.label(), names, tableSuggestion(other, names)));
            }
        }
        return conflicts;
    }

    private static boolean isObjectLevel(Kind kind) {
        return kind != Kind.TABLE && kind != Kind.SCHEMA && kind != Kind.EXTENSION;
    }

    /** {@code column}, {@code materialized view}: the object kind as the report's {@code type}. */
    static String typeName(Kind kind) {
        return kind.sql().toLowerCase(Locale.ROOT);
    }

    private static String objectSuggestion(ActiveIntentObjects other, Kind kind, List<String> names, boolean bothCreate) {
        boolean plural = names.size() > 1;
        String what = plural ? (plural(typeName(kind))) : typeName(kind);
        String these = plural ? "these " : "this ";
        String verb = bothCreate ? (kind == Kind.COLUMN || kind == Kind.CONSTRAINT ? "add " : "create ") : "change ";
        return "Coordinate with " + other.agentId() + " (" + other.intentId() + ") on " + String.join(", ", names)
                + ": both " + verb + these + what + "; rebase onto " + other.branch() + " after it completes"
                + (bothCreate ? ", or pick another name" : ", or agree which change wins");
    }

    private static String tableSuggestion(ActiveIntentObjects other, List<String> tables) {
        boolean plural = tables.size() > 1;
        return "Coordinate with " + other.agentId() + " (" + other.intentId() + ") on " + String.join(", ", tables)
                + ": both change " + (plural ? "these tables" : "this table") + "; agree on the order and rebase onto "
                + other.branch() + " after it completes, or work on different tables";
    }

    private static String plural(String word) {
        return word.endsWith("x") ? word + "es" : word + "s";
    }
}
