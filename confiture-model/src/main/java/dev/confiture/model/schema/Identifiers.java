package dev.confiture.model.schema;

import java.util.Set;

/** Quoting and folding of SQL identifiers, exactly as PostgreSQL does it. */
public final class Identifiers {

    /**
     * Key words that quote_ident quotes: every category but "unreserved" (PostgreSQL appendix C,
     * "reserved", "reserved (can be function or type)" and "non-reserved (cannot be function or
     * type)", PostgreSQL 15 to 17), so names print exactly as pg_get_constraintdef and pg_dump print them.
     */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
            "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
            "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
            "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike",
            "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left",
            "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only",
            "or", "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
            "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to",
            "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window",
            "with",
            // COL_NAME_KEYWORD
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "json", "json_array",
            "json_arrayagg", "json_exists", "json_object", "json_objectagg", "json_query", "json_scalar",
            "json_serialize", "json_table", "json_value", "least", "merge_action", "national", "nchar", "none",
            "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof",
            "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    private Identifiers() {
    }

    /** {@code users} stays {@code users}; {@code Users}, {@code user} and {@code a b} get double quotes. */
    public static String quote(String identifier) {
        if (plain(identifier) && !RESERVED.contains(identifier)) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * What quote_ident leaves bare: ASCII lower-case letters, digits and underscores only, not starting
     * with a digit (a {@code $} or an {@code é} is quoted). Checked char by char: every name the
     * interpreter and the diff print goes through here, and on a cold JVM a regular expression's
     * matcher was a tenth of validate's own samples (docs/validate.md).
     */
    private static boolean plain(String identifier) {
        if (identifier.isEmpty()) {
            return false;
        }
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** What PostgreSQL stores for an identifier as written: {@code "Foo"} -> {@code Foo}, {@code Foo} -> {@code foo}. */
    public static String fold(String written) {
        if (written.length() >= 2 && written.startsWith("\"") && written.endsWith("\"")) {
            return written.substring(1, written.length() - 1).replace("\"\"", "\"");
        }
        return downcase(written);
    }

    /**
     * PostgreSQL's folding of an unquoted word in a UTF-8 database: only the ASCII letters A to Z
     * are lowered ({@code Été} stays {@code Été}); Java's {@code toLowerCase} would lower every
     * letter and name another object.
     */
    public static String downcase(String word) {
        char[] chars = null;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = word.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return chars == null ? word : new String(chars);
    }
}
