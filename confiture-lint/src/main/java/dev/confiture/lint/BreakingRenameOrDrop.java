package dev.confiture.lint;

import java.util.Optional;

/**
 * Renaming or dropping a busy table or one of its columns breaks the application instances still
 * running the previous release (a rolling deployment runs both): their queries name what is gone.
 * The safe path is expand and contract: stop using the column or table in a release first, then
 * drop it; for a rename, add the new name, write both, switch readers, drop the old one.
 */
final class BreakingRenameOrDrop implements LintRule {

    @Override
    public String id() {
        return "breaking-rename-or-drop";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public void check(StatementContext s) {
        if (s.is(0, "drop") && s.is(1, "table")) {
            int i = s.is(2, "if") && s.is(3, "exists") ? 4 : 2;
            StatementContext.Name name = s.name(i);
            if (!name.parts().isEmpty() && s.busyTable(name.qualified()).isPresent()) {
                s.report(this, 0, "ACCESS EXCLUSIVE", "reads, writes", false, "dropping table " + name.qualified()
                        + " breaks the running release's queries on it", "-- stop using " + name.qualified()
                        + " in a release first, then drop it in a later migration");
            }
            return;
        }
        Optional<StatementContext.AlterTable> alter = s.alterOfBusyTable();
        if (alter.isEmpty()) {
            return;
        }
        String t = alter.get().table().toString();
        for (int[] a : alter.get().actions()) {
            if (s.is(a[0], "rename")) {
                boolean table = s.is(a[0] + 1, "to");
                String what = table ? "table " + t : "column " + t + "." + s.tokens.get(s.columnAfterKeyword(a[0])).value();
                s.report(this, a[0], "ACCESS EXCLUSIVE", "reads, writes", false, "renaming " + what
                        + " breaks the running release's queries that use the old name",
                        table ? "-- create the new table name as a view of the old one, switch readers, then rename"
                                : "-- add the new column, write both, backfill, switch readers, then drop the old one");
            } else if (s.is(a[0], "drop") && !s.is(a[0] + 1, "constraint", "default", "not", "identity", "expression")) {
                int c = s.columnAfterKeyword(a[0]);
                if (s.is(c, "if") && s.is(c + 1, "exists")) {
                    c += 2;
                }
                String column = s.tokens.get(c).value();
                s.report(this, a[0], "ACCESS EXCLUSIVE", "reads, writes", false, "dropping column " + t + "." + column
                        + " breaks the running release's queries that use it", "-- stop using " + column
                        + " in a release first, then ALTER TABLE " + t + " DROP COLUMN " + column + " in a later migration");
            }
        }
    }
}
