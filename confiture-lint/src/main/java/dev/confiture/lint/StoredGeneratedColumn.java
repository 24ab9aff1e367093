package dev.confiture.lint;

import java.util.Optional;

import dev.confiture.model.schema.Table;

/** {@code ADD COLUMN ... GENERATED ALWAYS AS (...) STORED} computes and writes the value into every row under ACCESS EXCLUSIVE. */
final class StoredGeneratedColumn implements LintRule {

    @Override
    public String id() {
        return "adding-stored-generated-column";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public void check(StatementContext s) {
        Optional<StatementContext.AlterTable> alter = s.alterOfBusyTable();
        if (alter.isEmpty()) {
            return;
        }
        for (int[] a : alter.get().actions()) {
            int generated = s.find("generated", a[0], a[1]);
            if (!s.is(a[0], "add") || generated < 0 || !s.has("stored", generated, a[1])) {
                continue;
            }
            String t = alter.get().table().toString();
            s.report(this, a[0], "ACCESS EXCLUSIVE", "reads, writes", true, "adding a stored generated column to " + t
                    + " computes it for every row while reads and writes wait",
                    "-- add a plain column, a trigger that fills it on insert and update, and backfill it in batches");
        }
    }
}
