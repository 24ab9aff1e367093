package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.EnumType;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.Sequence;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.View;
import dev.confiture.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An independent check of the interpreter: the names, types and shapes PostgreSQL itself gives
 * objects, read from its catalog with plain queries, as one line per fact, next to the same facts
 * taken from the model. Not the project's catalog reader: a small, separate oracle.
 */
final class CatalogOracle {

    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
            + "AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'";

    private CatalogOracle() {
    }

    static TreeSet<String> facts(SchemaModel m) {
        TreeSet<String> out = new TreeSet<>();
        m.schemas().keySet().forEach(s -> out.add("schema " + s));
        for (Table t : m.tables().values()) {
            out.add("table " + t.name());
            for (Column c : t.columns()) {
                out.add("column " + t.name() + "." + c.name() + " " + c.type() + (c.notNull() ? " not null" : "")
                        + (c.defaultExpression() != null && c.defaultExpression().startsWith("nextval(")
                        ? " " + c.defaultExpression() : "") + (c.identity() != null ? " identity" : "")
                        + (c.generatedExpression() != null ? " generated" : ""));
            }
            for (Constraint c : t.constraints().values()) {
                out.add("constraint " + t.name() + "." + c.name() + " " + c.kind()
                        + (c.deferrable() ? " deferrable" : "") + (c.initiallyDeferred() ? " deferred" : "")
                        + (c.notValid() ? " not valid" : ""));
                if (c.kind() != Constraint.Kind.CHECK && c.kind() != Constraint.Kind.EXCLUSION) {
                    out.add("definition " + t.name() + "." + c.name() + " " + c.fullDefinition());
                }
            }
            for (Index i : t.indexes().values()) {
                out.add("index " + i.name() + " on " + t.name() + (i.unique() ? " unique" : "") + " " + i.method());
                if (simple(i)) {
                    out.add("indexdef " + i.createSql());
                }
            }
            t.triggers().keySet().forEach(n -> out.add("trigger " + t.name() + "." + n));
            t.policies().keySet().forEach(n -> out.add("policy " + t.name() + "." + n));
        }
        for (View v : m.views().values()) {
            out.add((v.materialized() ? "matview " : "view ") + v.name());
            for (Index i : v.indexes().values()) {
                out.add("index " + i.name() + " on " + v.name() + (i.unique() ? " unique" : "") + " " + i.method());
                if (simple(i)) {
                    out.add("indexdef " + i.createSql());
                }
            }
        }
        for (Sequence s : m.sequences().values()) {
            out.add("sequence " + s.name() + " " + s.dataType() + " " + s.start() + " " + s.increment() + " "
                    + s.minValue() + " " + s.maxValue() + " " + s.cache() + " " + s.cycle()
                    + (s.ownedBy() != null ? " owned by " + s.ownedBy() : ""));
        }
        for (EnumType e : m.enums().values()) {
            out.add("enum " + e.name() + " " + String.join(",", e.labels()));
        }
        m.domains().keySet().forEach(d -> out.add("domain " + d));
        m.composites().keySet().forEach(d -> out.add("composite " + d));
        for (Routine r : m.routines().values()) {
            out.add("routine " + r.signature().name() + "(" + String.join(", ", r.signature().argumentTypes()) + ")");
        }
        m.extensions().values().forEach(e -> out.add("extension " + e.name() + " in " + e.schema()));
        return out;
    }

    /** Indexes whose keys are plain columns: their whole definition must read as pg_get_indexdef prints it. */
    static boolean simple(Index i) {
        return i.predicate() == null && i.keys().stream().allMatch(k -> k.matches("(\"?)[a-z_][a-z0-9_]*\\1( DESC| NULLS FIRST| DESC NULLS LAST)?"));
    }

    static TreeSet<String> facts(TestDatabase db) throws SQLException {
        TreeSet<String> out = new TreeSet<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path = pg_catalog");
            query(s, "SELECT quote_ident(nspname) FROM pg_namespace n WHERE " + USER_SCHEMAS, r -> "schema "
                    + unquote(r.getString(1)), out);
            String rel = "quote_ident(n.nspname) || '.' || quote_ident(cl.relname)";
            query(s, "SELECT " + rel + " FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE "
                    + USER_SCHEMAS + " AND cl.relkind IN ('r', 'p') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE "
                    + "d.objid = cl.oid AND d.deptype = 'e')", r -> "table " + r.getString(1), out);
            query(s, "SELECT " + rel + ", a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                    + "pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated FROM pg_attribute a "
                    + "JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                    + "LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum WHERE " + USER_SCHEMAS
                    + " AND cl.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped",
                    r -> {
                        String def = r.getString(5);
                        return "column " + r.getString(1) + "." + r.getString(2) + " " + r.getString(3)
                                + (r.getBoolean(4) ? " not null" : "")
                                + (def != null && def.startsWith("nextval(") ? " " + def : "")
                                + (!r.getString(6).isEmpty() ? " identity" : "")
                                + (!r.getString(7).isEmpty() ? " generated" : "");
                    }, out);
            query(s, "SELECT " + rel + ", co.conname, co.contype, co.condeferrable, co.condeferred, co.convalidated "
                    + "FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON "
                    + "n.oid = cl.relnamespace WHERE " + USER_SCHEMAS + " AND co.contype NOT IN ('n', 't')", r -> "constraint "
                    + r.getString(1) + "." + r.getString(2) + " " + switch (r.getString(3)) {
                        case "p" -> "PRIMARY_KEY";
                        case "u" -> "UNIQUE";
                        case "c" -> "CHECK";
                        case "f" -> "FOREIGN_KEY";
                        case "x" -> "EXCLUSION";
                        default -> r.getString(3);
                    } + (r.getBoolean(4) ? " deferrable" : "") + (r.getBoolean(5) ? " deferred" : "")
                    + (r.getBoolean(6) ? "" : " not valid"), out);
            s.execute("SET search_path = ''");
            query(s, "SELECT " + rel + ", co.conname, pg_get_constraintdef(co.oid) FROM pg_constraint co JOIN "
                    + "pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE "
                    + USER_SCHEMAS + " AND co.contype IN ('p', 'u', 'f')",
                    r -> "definition " + r.getString(1) + "." + r.getString(2) + " " + r.getString(3), out);
            s.execute("SET search_path = pg_catalog");
            query(s, "SELECT pg_get_indexdef(ix.indexrelid), ix.indexprs IS NULL AND ix.indpred IS NULL "
                    + "FROM pg_index ix JOIN pg_class cl ON cl.oid = ix.indrelid JOIN pg_namespace n ON "
                    + "n.oid = cl.relnamespace WHERE " + USER_SCHEMAS + " AND NOT EXISTS (SELECT 1 FROM "
                    + "pg_constraint co WHERE co.conindid = ix.indexrelid AND co.contype IN ('p', 'u', 'x'))",
                    r -> r.getBoolean(2) && !r.getString(1).contains(" COLLATE ") && !r.getString(1).matches(".*_ops[,)].*")
                            ? "indexdef " + r.getString(1).replace(" ON ONLY ", " ON ") : "ignore", out);
            out.remove("ignore");
            query(s, "SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname), " + rel.replace("cl.", "cl.")
                    + ", ix.indisunique, am.amname, cl.relkind FROM pg_index ix JOIN pg_class ic ON ic.oid = ix.indexrelid "
                    + "JOIN pg_class cl ON cl.oid = ix.indrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                    + "JOIN pg_am am ON am.oid = ic.relam WHERE " + USER_SCHEMAS + " AND NOT EXISTS (SELECT 1 FROM "
                    + "pg_constraint co WHERE co.conindid = ix.indexrelid AND co.contype IN ('p', 'u', 'x'))",
                    r -> "index " + r.getString(1) + " on " + r.getString(2) + (r.getBoolean(3) ? " unique" : "")
                            + " " + r.getString(4), out);
            query(s, "SELECT " + rel + ", t.tgname FROM pg_trigger t JOIN pg_class cl ON cl.oid = t.tgrelid JOIN "
                    + "pg_namespace n ON n.oid = cl.relnamespace WHERE " + USER_SCHEMAS + " AND NOT t.tgisinternal",
                    r -> "trigger " + r.getString(1) + "." + r.getString(2), out);
            query(s, "SELECT " + rel + ", p.polname FROM pg_policy p JOIN pg_class cl ON cl.oid = p.polrelid JOIN "
                    + "pg_namespace n ON n.oid = cl.relnamespace", r -> "policy " + r.getString(1) + "."
                    + r.getString(2), out);
            query(s, "SELECT " + rel + ", cl.relkind FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
                    + "WHERE " + USER_SCHEMAS + " AND cl.relkind IN ('v', 'm') AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                    + "WHERE d.objid = cl.oid AND d.deptype = 'e')",
                    r -> (r.getString(2).equals("m") ? "matview " : "view ") + r.getString(1), out);
            query(s, "SELECT " + rel + ", format_type(sq.seqtypid, NULL), sq.seqstart, sq.seqincrement, sq.seqmin, "
                    + "sq.seqmax, sq.seqcache, sq.seqcycle, (SELECT quote_ident(tn.nspname) || '.' || "
                    + "quote_ident(tc.relname) || '.' || quote_ident(ta.attname) FROM pg_depend d JOIN pg_class tc ON "
                    + "tc.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace JOIN pg_attribute ta ON "
                    + "ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid WHERE d.objid = cl.oid AND "
                    + "d.classid = 'pg_class'::regclass AND d.deptype = 'a') FROM pg_sequence sq JOIN pg_class cl ON "
                    + "cl.oid = sq.seqrelid JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE " + USER_SCHEMAS
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = cl.oid AND d.deptype = 'i')",
                    r -> "sequence " + r.getString(1) + " " + r.getString(2) + " " + r.getLong(3) + " " + r.getLong(4)
                            + " " + r.getLong(5) + " " + r.getLong(6) + " " + r.getLong(7) + " " + r.getBoolean(8)
                            + (r.getString(9) != null ? " owned by " + r.getString(9) : ""), out);
            query(s, "SELECT quote_ident(n.nspname) || '.' || quote_ident(t.typname), string_agg(e.enumlabel, ',' "
                    + "ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN "
                    + "pg_enum e ON e.enumtypid = t.oid GROUP BY 1", r -> "enum " + r.getString(1) + " "
                    + r.getString(2), out);
            query(s, "SELECT quote_ident(n.nspname) || '.' || quote_ident(t.typname), t.typtype FROM pg_type t "
                    + "JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_class cl ON cl.oid = t.typrelid "
                    + "WHERE " + USER_SCHEMAS + " AND (t.typtype = 'd' OR (t.typtype = 'c' AND cl.relkind = 'c')) "
                    + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')",
                    r -> (r.getString(2).equals("d") ? "domain " : "composite ") + r.getString(1), out);
            query(s, "SELECT quote_ident(n.nspname) || '.' || quote_ident(p.proname), oidvectortypes(p.proargtypes) "
                    + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_SCHEMAS
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')",
                    r -> "routine " + r.getString(1) + "(" + r.getString(2) + ")", out);
            query(s, "SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                    + "WHERE e.extname <> 'plpgsql'", r -> "extension " + r.getString(1) + " in " + r.getString(2),
                    out);
        }
        return out;
    }

    private static String unquote(String s) {
        return s.startsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
    }

    interface Row {
        String read(ResultSet r) throws SQLException;
    }

    private static void query(Statement s, String sql, Row row, TreeSet<String> out) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(row.read(r));
            }
        }
    }

    /** Lines only in one of the two sets, marked - (model only) and + (database only). */
    static List<String> difference(TreeSet<String> model, TreeSet<String> database) {
        List<String> out = new ArrayList<>();
        for (String m : model) {
            if (!database.contains(m)) {
                out.add("- " + m);
            }
        }
        for (String d : database) {
            if (!model.contains(d)) {
                out.add("+ " + d);
            }
        }
        return out;
    }
}
