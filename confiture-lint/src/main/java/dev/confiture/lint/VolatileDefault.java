package dev.confiture.lint;

import java.util.Optional;

import dev.confiture.model.schema.TypeNames;
import dev.confiture.sql.SqlToken;

/**
 * {@code ADD COLUMN ... DEFAULT} rewrites the table under ACCESS EXCLUSIVE when the default must be
 * computed row by row: before PostgreSQL 11 for every non-null default, from 11 for one that calls a
 * volatile function ({@code random()}, {@code gen_random_uuid()}, {@code clock_timestamp()}, a
 * serial's {@code nextval}, a project function declared VOLATILE or declaring nothing); a constant
 * or stable default ({@code now()}) is stored once in the catalog. Volatility comes from PostgreSQL's
 * pg_proc and the schema ({@link FunctionVolatility}).
 */
final class VolatileDefault implements LintRule {

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
            Optional<StatementContext.AddedColumn> added = s.addedColumn(a);
            if (added.isEmpty()) {
                continue;
            }
            int c = added.get().at();
            String column = added.get().name();
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
                    why = function + ", so its value is computed and written for every row";
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

    /** The first call of a volatile function in tokens {@code from..to}, said with where that is known from; or null. */
    private static String volatileCall(StatementContext s, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            SqlToken.Kind kind = s.tokens.get(i).kind();
            if ((kind != SqlToken.Kind.WORD && kind != SqlToken.Kind.QUOTED_IDENT) || !s.tokens.get(i + 1).text().equals("(")) {
                continue;
            }
            boolean qualified = i >= 2 && s.tokens.get(i - 1).text().equals(".");
            String schema = qualified ? s.tokens.get(i - 2).value() : null;
            String name = s.tokens.get(i).value();
            Optional<FunctionVolatility.Known> known = s.functions.of(schema, name);
            if (known.isPresent() && known.get().volatility() == FunctionVolatility.Volatility.VOLATILE) {
                return (qualified ? schema + "." : "") + name + "() is volatile (" + known.get().source() + ")";
            }
        }
        return null;
    }
}
