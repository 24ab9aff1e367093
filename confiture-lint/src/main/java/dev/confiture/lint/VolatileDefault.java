package dev.confiture.lint;

import java.util.Optional;
import java.util.Set;

import dev.confiture.model.schema.TypeNames;

/**
 * {@code ADD COLUMN ... DEFAULT} rewrites the table under ACCESS EXCLUSIVE when the default must be
 * computed row by row: before PostgreSQL 11 for every non-null default, from 11 for a volatile one
 * ({@code random()}, {@code gen_random_uuid()}, {@code clock_timestamp()}, a serial's
 * {@code nextval}); a constant or stable default ({@code now()}) is stored once in the catalog.
 */
final class VolatileDefault implements LintRule {

    /** Functions PostgreSQL marks volatile that column defaults use. */
    static final Set<String> VOLATILE = Set.of("random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
            "uuid_generate_v4", "uuidv4", "uuidv7", "clock_timestamp", "timeofday", "nextval", "setval", "txid_current",
            "random_normal", "gen_random_bytes");

    @Override
    public String id() {
        return "adding-field-with-default";
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
            if (!s.is(a[0], "add") || s.is(a[0] + 1, "constraint", "check", "foreign", "primary", "unique", "exclude")) {
                continue;
            }
            int c = s.columnAfterKeyword(a[0]);
            if (s.is(c, "if") && s.is(c + 1, "not")) {
                c += 3;
            }
            String column = s.tokens.get(Math.min(c, a[1] - 1)).value();
            int def = s.find("default", c + 1, a[1]);
            boolean serial = TypeNames.isSerial(s.text(c + 1, Math.min(c + 2, a[1])));
            String why = null;
            if (serial) {
                why = "a serial column's nextval() default is computed for every row";
            } else if (def >= 0) {
                int end = endOfDefault(s, def + 1, a[1]);
                String function = volatileCall(s, def + 1, end);
                if (s.postgresVersion < 11 && !s.is(def + 1, "null")) {
                    why = "before PostgreSQL 11 any default is written into every row";
                } else if (function != null) {
                    why = function + "() is volatile, so its value is computed and written for every row";
                }
            }
            if (why == null) {
                continue;
            }
            String t = alter.get().table().toString();
            String safe = "ALTER TABLE " + t + " ADD COLUMN " + s.text(c, def >= 0 ? def : a[1]).replaceAll("(?i)\\b(big|small)?serial\\b", "$1int") + ";\n"
                    + (def >= 0 ? "ALTER TABLE " + t + " ALTER COLUMN " + column + " SET " + s.text(def, endOfDefault(s, def + 1, a[1])) + ";\n" : "")
                    + "-- then fill the existing rows in batches:\nUPDATE " + t + " SET " + column + " = ... WHERE <batch>;";
            s.report(this, a[0], "ACCESS EXCLUSIVE", "reads, writes", true, "adding " + t + "." + column
                    + " rewrites the table while reads and writes wait: " + why, safe);
        }
    }

    /** A default ends where the next column constraint starts. */
    private static int endOfDefault(StatementContext s, int from, int to) {
        for (String word : new String[] {"not", "null", "constraint", "check", "references", "primary", "unique",
                "generated", "collate"}) {
            int i = s.find(word, from + 1, to);
            if (i >= 0) {
                to = i;
            }
        }
        return to;
    }

    private static String volatileCall(StatementContext s, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            String w = s.tokens.get(i).kind() == dev.confiture.sql.SqlToken.Kind.WORD
                    || s.tokens.get(i).kind() == dev.confiture.sql.SqlToken.Kind.QUOTED_IDENT ? s.tokens.get(i).value() : null;
            if (w != null && VOLATILE.contains(w) && s.tokens.get(i + 1).text().equals("(")) {
                return w;
            }
        }
        return null;
    }
}
