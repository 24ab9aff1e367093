package dev.confiture.lint;

import java.util.Optional;

import dev.confiture.model.schema.Table;

/**
 * {@code CREATE INDEX} without {@code CONCURRENTLY} on a busy table takes a SHARE lock for the whole
 * build: reads go on, every write waits.
 */
final class IndexWithoutConcurrently implements LintRule {

    @Override
    public String id() {
        return "require-concurrent-index-creation";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public void check(StatementContext s) {
        int i = 1;
        if (!s.is(0, "create")) {
            return;
        }
        if (s.is(i, "unique")) {
            i++;
        }
        if (!s.is(i, "index") || s.is(i + 1, "concurrently")) {
            return;
        }
        int index = i;
        int on = s.find("on", i, s.tokens.size());
        if (on < 0) {
            return;
        }
        int t = on + 1;
        if (s.is(t, "only")) {
            t++;
        }
        Optional<Table> table = s.busyTable(s.name(t).qualified());
        if (table.isEmpty()) {
            return;
        }
        String safe = s.text(0, index + 1) + " CONCURRENTLY " + s.text(index + 1, s.tokens.size()) + ";";
        s.report(this, 0, "SHARE", "writes", false, "CREATE INDEX on " + table.get().name()
                + " blocks every write to it until the index is built; build it CONCURRENTLY in a migration of its own",
                safe);
    }
}
