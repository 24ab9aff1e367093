package dev.confiture.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.SchemaModel;

/**
 * The diff engine's entry point: {@code compare(from, to)} lists the typed changes that take
 * {@code from} to {@code to}, plans them in an order PostgreSQL accepts and renders the up SQL;
 * the down SQL is the same engine run the other way ({@code to} -> {@code from}). Confiture's own
 * objects ({@link OwnObjects}: the tracking table, the coordination store, scratch objects) are taken
 * out of both models first: every comparison in the product comes through here, so none of them
 * ever sees those objects.
 */
public final class SchemaDiff {

    private SchemaDiff() {
    }

    /** With the default tracking table {@code confiture_migrations}. */
    public static DiffResult compare(SchemaModel from, SchemaModel to) {
        return compare(from, to, OwnObjects.DEFAULT);
    }

    /** {@code own}: Confiture's objects for the environment's tracking table, left out of both sides. */
    public static DiffResult compare(SchemaModel from, SchemaModel to, OwnObjects own) {
        return compare(from, to, own, Casts.builtin());
    }

    /**
     * {@code casts}: the casts of the server the SQL is meant for (its {@code pg_cast}, read in shadow
     * mode), which decide how a column changes type; {@link Casts#builtin()} offline.
     */
    public static DiffResult compare(SchemaModel from, SchemaModel to, OwnObjects own, Casts casts) {
        return diff(own.strip(from), own.strip(to), casts);
    }

    /** As {@link #differences(SchemaModel, SchemaModel, OwnObjects)} with the default tracking table. */
    public static List<Difference> differences(SchemaModel from, SchemaModel to) {
        return differences(from, to, OwnObjects.DEFAULT);
    }

    /**
     * The objects that differ between the two models, one {@link Difference} per object in the order
     * the diff plans them, each with what both sides say about it: the one description of a
     * difference, for validate's and verify's findings alike. Empty when the models are the same.
     */
    public static List<Difference> differences(SchemaModel from, SchemaModel to, OwnObjects own) {
        SchemaModel left = own.strip(from);
        SchemaModel right = own.strip(to);
        if (left.equals(right)) {
            return List.of();
        }
        Map<ObjectRef, List<Change>> byObject = new LinkedHashMap<>();
        for (Change change : diff(left, right, Casts.builtin()).changes()) {
            byObject.computeIfAbsent(change.object(), o -> new ArrayList<>()).add(change);
        }
        Map<ObjectRef, String> leftSays = ObjectDescriptions.of(left);
        Map<ObjectRef, String> rightSays = ObjectDescriptions.of(right);
        List<Difference> out = new ArrayList<>();
        byObject.forEach((object, changes) -> {
            Change.Kind kind = changes.stream().map(Change::kind).distinct().count() == 1 ? changes.get(0).kind()
                    : Change.Kind.ALTER;
            out.add(new Difference(object, kind, ObjectDescriptions.side(leftSays, left, object),
                    ObjectDescriptions.side(rightSays, right, object),
                    String.join("; ", changes.stream().map(Change::description).toList())));
        });
        return out;
    }

    private static DiffResult diff(SchemaModel from, SchemaModel to, Casts casts) {
        Plan up = plan(from, to, casts);
        Plan down = plan(to, from, casts);
        List<Change> changes = up.changes.stream().filter(c -> !(c instanceof SchemaChange.Prelude)).map(Change::of).toList();
        List<String> warnings = new ArrayList<>();
        for (SchemaChange c : up.changes) {
            if (c.destructive()) {
                warnings.add("destructive: " + c.description());
            }
            if (c.review() != null) {
                warnings.add("review: " + c.description() + ": " + c.review());
            }
        }
        return new DiffResult(changes, up.sql, down.sql, warnings);
    }

    private record Plan(List<SchemaChange> changes, List<String> sql) {
    }

    private static Plan plan(SchemaModel from, SchemaModel to, Casts casts) {
        List<SchemaChange> ordered = Planner.plan(new Differ(from, to, casts).run());
        List<String> sql = new ArrayList<>();
        for (SchemaChange c : ordered) {
            sql.addAll(SqlRenderer.render(c));
        }
        return new Plan(ordered, sql);
    }
}
