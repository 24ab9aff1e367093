package dev.confiture.lint;

import java.util.Optional;

/**
 * {@code ADD COLUMN ... NOT NULL} without a default fails as soon as the table holds a row, and
 * until then holds ACCESS EXCLUSIVE like any ADD COLUMN; identity and generated columns have values.
 */
final class RequiredColumnWithoutDefault implements LintRule {

    @Override
    public String id() {
        return "adding-required-field";
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
            Optional<StatementContext.AddedColumn> added = s.addedColumn(a);
            if (added.isEmpty()) {
                continue;
            }
            int notNull = s.find("not", a[0], a[1]);
            if (notNull < 0 || !s.is(notNull + 1, "null") || s.has("default", a[0], a[1])
                    || s.has("generated", a[0], a[1])) {
                continue;
            }
            int c = added.get().at();
            if (s.is(c + 1, "serial", "bigserial", "smallserial", "serial4", "serial8", "serial2")) {
                continue;  // a serial has its nextval() default: adding-field-with-default judges it
            }
            String t = alter.get().table().toString();
            String column = added.get().name();
            String safe = "ALTER TABLE " + t + " ADD COLUMN " + s.text(c, notNull) + ";\n"
                    + "-- fill it in batches, then in later migrations: CHECK (" + column + " IS NOT NULL) NOT VALID,"
                    + " VALIDATE CONSTRAINT, SET NOT NULL, DROP CONSTRAINT";
            s.report(this, a[0], "ACCESS EXCLUSIVE", "reads, writes", false, "adding " + t + "." + column
                    + " NOT NULL without a default fails on the rows " + t + " already holds", safe);
        }
    }
}
