package dev.confiture.model.schema;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type names in the one spelling PostgreSQL's {@code format_type} prints, so that {@code INT4},
 * {@code int} and {@code integer} compare equal whichever source they came from.
 */
public final class TypeNames {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("integer", "integer"),
            Map.entry("int2", "smallint"), Map.entry("smallint", "smallint"),
            Map.entry("int8", "bigint"), Map.entry("bigint", "bigint"),
            Map.entry("float4", "real"), Map.entry("real", "real"),
            Map.entry("float8", "double precision"), Map.entry("double precision", "double precision"),
            Map.entry("float", "double precision"),
            Map.entry("bool", "boolean"), Map.entry("boolean", "boolean"),
            Map.entry("varchar", "character varying"), Map.entry("character varying", "character varying"),
            Map.entry("char", "character"), Map.entry("character", "character"), Map.entry("bpchar", "character"),
            Map.entry("decimal", "numeric"), Map.entry("numeric", "numeric"),
            Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("timestamp without time zone", "timestamp without time zone"),
            Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timestamp with time zone", "timestamp with time zone"),
            Map.entry("time", "time without time zone"), Map.entry("time without time zone", "time without time zone"),
            Map.entry("timetz", "time with time zone"), Map.entry("time with time zone", "time with time zone"),
            Map.entry("varbit", "bit varying"), Map.entry("bit varying", "bit varying"),
            Map.entry("serial", "integer"), Map.entry("serial4", "integer"),
            Map.entry("bigserial", "bigint"), Map.entry("serial8", "bigint"),
            Map.entry("smallserial", "smallint"), Map.entry("serial2", "smallint"));

    /** {@code timestamp(3) with time zone}: the precision sits inside the words. */
    private static final Pattern TIME_WITH_PRECISION =
            Pattern.compile("(timestamp|time)\\s*\\((\\d+)\\)\\s*(with(out)?\\s+time\\s+zone)?");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern CATALOG_PREFIX = Pattern.compile("^pg_catalog\\.");
    private static final Pattern OPEN_PAREN = Pattern.compile("\\s*\\(\\s*");
    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");
    private static final Pattern CLOSE_PAREN = Pattern.compile("\\s*\\)");
    /**
     * {@code [] [3]}, {@code [ ]}, {@code ARRAY}, {@code ARRAY [3]}: PostgreSQL ignores sizes and the
     * number of dimensions, and {@code format_type} prints any of them as one {@code []}.
     */
    private static final Pattern ARRAY_SUFFIX =
            Pattern.compile("((\\s*\\[\\s*\\d*\\s*\\])+|\\s+array(\\s*\\[\\s*\\d*\\s*\\])?)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern MODIFIER = Pattern.compile("^([a-z0-9_ .\"]+?)\\s*(\\([^)]*\\))?\\s*((\\[\\d*\\])*)$");

    private TypeNames() {
    }

    /** True for the serial pseudo-types, which stand for an integer column, a sequence and a default. */
    public static boolean isSerial(String written) {
        String t = written.trim().toLowerCase(Locale.ROOT);
        return t.endsWith("serial") || t.matches("serial[248]");
    }

    /**
     * The canonical spelling: lower case, single spaces, aliases resolved, {@code pg_catalog.} dropped,
     * any array as one pair of brackets ({@code int4[][]}, {@code int ARRAY[3]} -> {@code integer[]}),
     * modifiers kept ({@code varchar(20)} -> {@code character varying(20)}). Types it does not know
     * (user types) are kept, folded the way identifiers fold.
     */
    public static String normalize(String written) {
        // A schema spells a handful of types thousands of times (one call per column): the regular
        // expressions below ran for each, and were most of validate's interpretation time.
        String known = NORMALIZED.get(written);
        if (known != null) {
            return known;
        }
        String canonical = canonical(written);
        if (NORMALIZED.size() < MAX_REMEMBERED) {
            NORMALIZED.put(written, canonical);
        }
        return canonical;
    }

    /** Distinct spellings seen; a bound, so that generated type names cannot grow the memory without end. */
    private static final int MAX_REMEMBERED = 4096;
    private static final Map<String, String> NORMALIZED = new ConcurrentHashMap<>();

    private static String canonical(String written) {
        String t = SPACES.matcher(written.trim()).replaceAll(" ");
        if (!t.contains("\"")) {
            t = t.toLowerCase(Locale.ROOT);
        }
        t = CATALOG_PREFIX.matcher(t).replaceFirst("");
        t = OPEN_PAREN.matcher(t).replaceAll("(");
        t = COMMA.matcher(t).replaceAll(",");
        t = CLOSE_PAREN.matcher(t).replaceAll(")");
        String arraySuffix = "";
        Matcher arr = ARRAY_SUFFIX.matcher(t);
        if (arr.find()) {
            arraySuffix = "[]";
            t = t.substring(0, arr.start()).trim();
        }
        Matcher time = TIME_WITH_PRECISION.matcher(t);
        if (time.matches()) {
            String base = time.group(1);
            String zone = time.group(3) == null ? "without time zone" : SPACES.matcher(time.group(3)).replaceAll(" ");
            return base + "(" + time.group(2) + ") " + zone + arraySuffix;
        }
        Matcher m = MODIFIER.matcher(t);
        if (m.matches()) {
            String base = m.group(1).trim();
            String mod = m.group(2) == null ? "" : m.group(2).replace(" ", "");
            String canonical = ALIASES.get(base);
            if (canonical != null) {
                if (canonical.startsWith("time") && !mod.isEmpty()) {
                    // "timestamptz(3)" -> "timestamp(3) with time zone"
                    int space = canonical.indexOf(' ');
                    return canonical.substring(0, space) + mod + canonical.substring(space) + arraySuffix;
                }
                return canonical + mod + arraySuffix;
            }
            return base + mod + arraySuffix;
        }
        return t + arraySuffix;
    }
}
