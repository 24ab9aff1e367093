package dev.confiture.lint;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.TypeNames;

/**
 * {@code ALTER COLUMN ... TYPE} rewrites the table and its indexes under ACCESS EXCLUSIVE, except
 * for the changes PostgreSQL makes in the catalog only: the same type, varchar widened or its limit
 * removed, varchar to text, numeric precision raised at the same scale (or the limit removed).
 * A {@code USING} clause always rewrites.
 */
final class TypeChangeRewrite implements LintRule {

    private static final Pattern MODIFIED = Pattern.compile("([a-z ]+?)(?:\\((\\d+)(?:,(\\d+))?\\))?");

    @Override
    public String id() {
        return "changing-column-type";
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
            int type = s.is(c + 1, "type") ? c + 2 : s.is(c + 1, "set") && s.is(c + 2, "data") && s.is(c + 3, "type")
                    ? c + 4 : -1;
            if (type < 0) {
                continue;
            }
            String columnName = altered.get().name();
            Optional<Column> column = table.get().column(columnName);
            int using = s.find("using", type, a[1]);
            int collate = s.find("collate", type, a[1]);
            int typeEnd = collate >= 0 ? collate : using >= 0 ? using : a[1];
            String newType = TypeNames.normalize(s.text(type, typeEnd));
            if (column.isEmpty() || (using < 0 && collate < 0 && withoutRewrite(column.get().type(), newType))) {
                continue;
            }
            String t = alter.get().table().toString();
            String safe = "-- add a new column, fill it in batches, switch readers and writers, then drop the old one:\n"
                    + "ALTER TABLE " + t + " ADD COLUMN " + columnName + "_new " + newType + ";\n"
                    + "UPDATE " + t + " SET " + columnName + "_new = " + columnName + " WHERE <batch>;";
            s.report(this, a[0], "ACCESS EXCLUSIVE", "reads, writes", true, "changing " + t + "." + columnName
                    + " from " + column.get().type() + " to " + newType + " rewrites the table and its indexes while"
                    + " reads and writes wait", safe);
        }
    }

    /** True for the changes PostgreSQL does in the catalog without touching the rows. */
    static boolean withoutRewrite(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        Matcher f = MODIFIED.matcher(from);
        Matcher t = MODIFIED.matcher(to);
        if (!f.matches() || !t.matches()) {
            return false;
        }
        String fb = f.group(1).strip();
        String tb = t.group(1).strip();
        boolean toUnlimited = t.group(2) == null;
        if (fb.equals("character varying")) {
            if (tb.equals("text")) {
                return true;
            }
            return tb.equals(fb) && (toUnlimited || (f.group(2) != null && num(t, 2) >= num(f, 2)));
        }
        if (fb.equals("text") && tb.equals("character varying") && toUnlimited) {
            return true;
        }
        if (fb.equals("numeric") && tb.equals("numeric")) {
            if (toUnlimited) {
                return true;
            }
            return f.group(2) != null && num(t, 2) >= num(f, 2) && scale(t) == scale(f);
        }
        return false;
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int scale(Matcher m) {
        return m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    }
}
