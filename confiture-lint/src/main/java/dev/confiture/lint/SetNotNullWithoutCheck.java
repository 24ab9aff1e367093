package dev.confiture.lint;

import java.util.Locale;
import java.util.Optional;

import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Table;

/**
 * {@code ALTER COLUMN ... SET NOT NULL} on a busy table scans it under ACCESS EXCLUSIVE. From
 * PostgreSQL 12 the scan is skipped when a validated {@code CHECK (col IS NOT NULL)} already proves
 * it, which is the safe form: add that check NOT VALID, validate it, then set NOT NULL and drop it.
 */
final class SetNotNullWithoutCheck implements LintRule {

    @Override
    public String id() {
        return "set-not-null-without-check";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public void check(StatementContext s) {
        Optional<StatementContext.AlterTable> alter = s.alterTable();
        if (alter.isEmpty()) {
            return;
        }
        Optional<Table> table = s.busyTable(alter.get().table());
        if (table.isEmpty()) {
            return;
        }
        for (int[] a : alter.get().actions()) {
            Optional<StatementContext.AlteredColumn> altered = s.alteredColumn(a);
            if (altered.isEmpty()) {
                continue;
            }
            int c = altered.get().at();
            if (!s.is(c + 1, "set") || !s.is(c + 2, "not") || !s.is(c + 3, "null")) {
                continue;
            }
            String column = altered.get().name();
            if (s.postgresVersion >= 12 && provenByCheck(s, table.get(), column)) {
                continue;
            }
            String t = alter.get().table().toString();
            String check = column + "_not_null";
            String safe = "ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (" + column + " IS NOT NULL) NOT VALID;\n"
                    + "-- in the next migration:\n"
                    + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check + ";\n"
                    + "ALTER TABLE " + t + " ALTER COLUMN " + column + " SET NOT NULL;\n"
                    + "ALTER TABLE " + t + " DROP CONSTRAINT " + check + ";";
            s.report(this, a[0], "ACCESS EXCLUSIVE", "reads, writes", false, "SET NOT NULL on " + t + "." + column
                    + " scans the whole table while reads and writes wait" + (s.postgresVersion >= 12
                    ? "; prove it first with a validated CHECK (" + column + " IS NOT NULL)"
                    : " (PostgreSQL " + s.postgresVersion + " cannot use a check constraint to skip the scan)"), safe);
        }
    }

    private static boolean provenByCheck(StatementContext s, Table table, String column) {
        for (Constraint c : table.constraints().values()) {
            if (c.kind() != Constraint.Kind.CHECK) {
                continue;
            }
            boolean validated = !c.notValid() || s.validatedHere.contains(c.name());
            String def = c.definition().toLowerCase(Locale.ROOT).replaceAll("[()\"\\s]+", " ").strip();
            if (validated && def.matches("check " + java.util.regex.Pattern.quote(column) + " is not null")) {
                return true;
            }
        }
        return false;
    }
}
