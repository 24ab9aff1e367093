package dev.confiture.diff;

import java.util.ArrayList;
import java.util.List;

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
        return diff(own.strip(from), own.strip(to));
    }

    private static DiffResult diff(SchemaModel from, SchemaModel to) {
        Plan up = plan(from, to);
        Plan down = plan(to, from);
        List<Change> changes = up.changes.stream().filter(c -> !(c instanceof SchemaChange.Prelude)).map(Change::of).toList();
        List<String> warnings = new ArrayList<>();
        for (SchemaChange c : up.changes) {
            if (c.destructive()) {
                warnings.add("destructive: " + c.description());
            }
        }
        return new DiffResult(changes, up.sql, down.sql, warnings);
    }

    private record Plan(List<SchemaChange> changes, List<String> sql) {
    }

    private static Plan plan(SchemaModel from, SchemaModel to) {
        List<SchemaChange> ordered = Planner.plan(new Differ(from, to).run());
        List<String> sql = new ArrayList<>();
        for (SchemaChange c : ordered) {
            sql.addAll(SqlRenderer.render(c));
        }
        return new Plan(ordered, sql);
    }
}
