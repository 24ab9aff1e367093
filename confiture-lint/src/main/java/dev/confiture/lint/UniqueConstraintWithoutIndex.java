package dev.confiture.lint;

import java.util.Optional;

/**
 * {@code ADD UNIQUE} / {@code ADD PRIMARY KEY} builds its index under ACCESS EXCLUSIVE: reads and
 * writes wait for the whole build. Built first with {@code CREATE UNIQUE INDEX CONCURRENTLY}, the
 * index becomes the constraint with {@code USING INDEX}, a catalog change.
 */
final class UniqueConstraintWithoutIndex implements LintRule {

    @Override
    public String id() {
        return "disallowed-unique-constraint";
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
            Optional<StatementContext.AddedConstraint> added = s.addedConstraint(a);
            if (added.isEmpty()) {
                continue;
            }
            String name = added.get().name();
            int i = added.get().definition();
            boolean unique = s.is(i, "unique");
            boolean primary = s.is(i, "primary") && s.is(i + 1, "key");
            if ((!unique && !primary) || (s.has("using", i, a[1]) && s.has("index", i, a[1]))) {
                continue;
            }
            int open = i;
            while (open < a[1] && !s.tokens.get(open).text().equals("(")) {
                open++;
            }
            int close = open;
            while (close < a[1] && !s.tokens.get(close).text().equals(")")) {
                close++;
            }
            String t = alter.get().table().toString();
            String index = name == null ? "<name>" : name;
            String safe = "CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON " + t + " " + s.text(open, close + 1)
                    + ";\n-- in the next migration:\nALTER TABLE " + t + " ADD CONSTRAINT " + index
                    + (primary ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " + index + ";";
            s.report(this, a[0], "ACCESS EXCLUSIVE", "reads, writes", false, "adding a " + (primary ? "primary key"
                    : "unique constraint") + " to " + t + " builds its index while reads and writes wait; build the"
                    + " index CONCURRENTLY, then add the constraint USING INDEX", safe);
        }
    }
}
