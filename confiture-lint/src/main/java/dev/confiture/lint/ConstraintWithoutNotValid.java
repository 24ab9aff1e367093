package dev.confiture.lint;

import java.util.Optional;


/**
 * {@code ADD FOREIGN KEY} or {@code ADD CHECK} without {@code NOT VALID} on a busy table scans the
 * whole table while holding its lock. Added NOT VALID, the constraint holds for new rows at once, and
 * {@code VALIDATE CONSTRAINT} (SHARE UPDATE EXCLUSIVE: reads and writes go on) checks the old rows.
 */
final class ConstraintWithoutNotValid implements LintRule {

    @Override
    public String id() {
        return "constraint-missing-not-valid";
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
            boolean foreignKey = s.is(i, "foreign") && s.is(i + 1, "key");
            boolean check = s.is(i, "check");
            if ((!foreignKey && !check) || s.has("valid", i, a[1])) {
                continue;
            }
            String tableName = alter.get().table().toString();
            String constraint = name == null ? "<name>" : name;
            String add = name == null ? "ADD CONSTRAINT <name> " + s.text(i, a[1]) : s.text(a[0], a[1]);
            String safe = "ALTER TABLE " + tableName + " " + add.replaceFirst("^(?i)add", "ADD") + " NOT VALID;\n"
                    + "-- in the next migration:\nALTER TABLE " + tableName + " VALIDATE CONSTRAINT " + constraint + ";";
            if (foreignKey) {
                s.report(this, a[0], "SHARE ROW EXCLUSIVE", "writes", false, "adding a foreign key to " + tableName
                        + " checks every row while writes to it and to the referenced table wait; add it NOT VALID,"
                        + " then VALIDATE CONSTRAINT in the next migration", safe);
            } else {
                s.report(this, a[0], "ACCESS EXCLUSIVE", "reads, writes", false, "adding a check constraint to "
                        + tableName + " checks every row while reads and writes wait; add it NOT VALID, then VALIDATE"
                        + " CONSTRAINT in the next migration", safe);
            }
        }
    }
}
