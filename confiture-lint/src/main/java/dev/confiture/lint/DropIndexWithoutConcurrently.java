package dev.confiture.lint;

import java.util.Optional;

import dev.confiture.model.schema.Table;

/**
 * {@code DROP INDEX} without {@code CONCURRENTLY} takes an ACCESS EXCLUSIVE lock on the index's
 * table: it waits behind every running query and blocks every later one, reads included.
 */
final class DropIndexWithoutConcurrently implements LintRule {

    @Override
    public String id() {
        return "require-concurrent-index-deletion";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public void check(StatementContext s) {
        if (!s.is(0, "drop") || !s.is(1, "index") || s.is(2, "concurrently")) {
            return;
        }
        int i = 2;
        if (s.is(i, "if") && s.is(i + 1, "exists")) {
            i += 2;
        }
        StatementContext.Name name = s.name(i);
        if (name.parts().isEmpty()) {
            return;
        }
        Optional<Table> table = s.busyTableOfIndex(name.qualified());
        if (table.isEmpty()) {
            return;
        }
        String safe = "DROP INDEX CONCURRENTLY " + s.text(2, s.tokens.size()) + ";";
        s.report(this, 0, "ACCESS EXCLUSIVE", "reads, writes", false, "DROP INDEX " + name.qualified().name()
                + " locks " + table.get().name() + " against reads and writes; drop it CONCURRENTLY (one index per"
                + " statement) in a migration of its own", safe);
    }
}
