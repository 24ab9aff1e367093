package dev.confiture.diff;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PostgreSQL needs for {@code ALTER COLUMN ... TYPE}: a {@code USING} cast when there is no
 * assignment cast between the two types, and whether the change narrows (values may no longer fit).
 * Types are compared in the spelling {@code format_type} prints. Which conversion exists comes from
 * {@link #conversion}: the server's casts ({@link Casts}: its {@code pg_cast} in shadow mode, PostgreSQL's built-in ones offline),
 * the I/O conversions to and from string types every type has, and, for other pairs, whether the
 * text one type prints can sensibly be read by the other (see docs/diff.md, "Type changes").
 */
final class TypeChanges {

    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint", "numeric");
    private static final List<String> STRINGS = List.of("character", "character varying", "text");
    private static final Pattern TYPE = Pattern.compile("^(.*?)(?:\\(([0-9, ]+)\\))?((?:\\[\\])*)$");

    /** Pairs of non-string types without a cast where going through text can keep values (integer 20240101 -> date). */
    private static final Map<String, Set<String>> THROUGH_TEXT = Map.of(
            "smallint", Set.of("date", "timestamp without time zone", "timestamp with time zone", "interval", "json", "jsonb"),
            "integer", Set.of("date", "timestamp without time zone", "timestamp with time zone", "interval", "json", "jsonb"),
            "bigint", Set.of("date", "timestamp without time zone", "timestamp with time zone", "interval", "json", "jsonb"),
            "numeric", Set.of("interval", "json", "jsonb"),
            "real", Set.of("interval", "json", "jsonb"),
            "double precision", Set.of("interval", "json", "jsonb"),
            "boolean", Set.of("json", "jsonb"));

    private TypeChanges() {
    }

    /** How a column's values get from one type to another. */
    enum Conversion {
        /** An implicit or assignment cast (or the same base type): {@code ALTER COLUMN ... TYPE} alone. */
        ASSIGNMENT,
        /** An explicit cast ({@code pg_cast}, or the I/O conversion from a string type): {@code USING col::type}. */
        CAST,
        /** Only the two types' text forms meet: {@code USING col::text::type}, to be reviewed. */
        THROUGH_TEXT,
        /** Nothing sensible converts the values: the column is dropped and added again. */
        NONE
    }

    /**
     * The conversion from {@code from} to {@code to}; {@code domainBases} maps a domain's name (as a
     * column's type spells it) to its base type, since a cast to or from a domain is one of its base type.
     */
    static Conversion conversion(String from, String to, Map<String, String> domainBases) {
        return conversion(from, to, domainBases, Casts.builtin());
    }

    /** As above, with the casts of the server the SQL is meant for ({@code pg_cast} in shadow mode). */
    static Conversion conversion(String from, String to, Map<String, String> domainBases, Casts casts) {
        Parsed a = parse(resolveDomains(from, domainBases));
        Parsed b = parse(resolveDomains(to, domainBases));
        if (a.array() != b.array()) {
            if (!b.array() && STRINGS.contains(b.base())) {
                return Conversion.ASSIGNMENT; // every type, arrays included, has an assignment I/O cast to a string type
            }
            return !a.array() && STRINGS.contains(a.base()) ? Conversion.CAST : Conversion.NONE;
        }
        if (a.base().equals(b.base()) || STRINGS.contains(b.base())) {
            return Conversion.ASSIGNMENT;
        }
        Character context = casts.context(a.base(), b.base());
        if (context != null) {
            return context == 'e' ? Conversion.CAST : Conversion.ASSIGNMENT;
        }
        if (STRINGS.contains(a.base())) {
            return Conversion.CAST; // the explicit I/O conversion from a string type
        }
        boolean userType = a.base().contains(".") || b.base().contains(".");
        if (userType || THROUGH_TEXT.getOrDefault(a.base(), Set.of()).contains(b.base())) {
            return Conversion.THROUGH_TEXT;
        }
        return Conversion.NONE;
    }

    /** {@code col::type} for {@link Conversion#CAST}, {@code col::text::type} for {@link Conversion#THROUGH_TEXT}, else null. */
    static String using(String column, Conversion conversion, String to) {
        return switch (conversion) {
            case CAST -> column + "::" + to;
            case THROUGH_TEXT -> column + "::text::" + to;
            default -> null;
        };
    }

    private static String resolveDomains(String type, Map<String, String> domainBases) {
        String t = type;
        for (int depth = 0; depth < 32; depth++) { // a domain over a domain: follow the chain, never a cycle
            Parsed p = parse(t);
            String base = domainBases.get(p.base());
            if (base == null) {
                return t;
            }
            t = base + (p.array() && !parse(base).array() ? "[]" : "");
        }
        return t;
    }

    record Parsed(String base, int[] modifiers, boolean array) {
    }

    static Parsed parse(String type) {
        String t = type.trim();
        // "timestamp(3) with time zone": the precision sits inside the words
        Matcher time = Pattern.compile("^(timestamp|time)\\((\\d+)\\)( with(?:out)? time zone)((?:\\[\\])*)$").matcher(t);
        if (time.matches()) {
            return new Parsed(time.group(1) + time.group(3), new int[] {Integer.parseInt(time.group(2))},
                    !time.group(4).isEmpty());
        }
        Matcher m = TYPE.matcher(t);
        if (!m.matches()) {
            return new Parsed(t, new int[0], false);
        }
        int[] mods = new int[0];
        if (m.group(2) != null) {
            String[] parts = m.group(2).split(",");
            mods = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                mods[i] = Integer.parseInt(parts[i].trim());
            }
        }
        return new Parsed(m.group(1).trim(), mods, !m.group(3).isEmpty());
    }

    /** True when values of {@code from} may not fit {@code to}: shorter lengths, smaller numbers, another family. */
    static boolean narrows(String from, String to) {
        Parsed a = parse(from);
        Parsed b = parse(to);
        if (a.array() != b.array()) {
            return true;
        }
        if (a.base().equals(b.base())) {
            if (b.modifiers().length == 0) {
                return false; // varchar(20) -> varchar, numeric(10,2) -> numeric
            }
            if (a.modifiers().length == 0) {
                return true;
            }
            if (a.base().equals("numeric") && a.modifiers().length == 2 && b.modifiers().length == 2) {
                int intDigitsA = a.modifiers()[0] - a.modifiers()[1];
                int intDigitsB = b.modifiers()[0] - b.modifiers()[1];
                return intDigitsB < intDigitsA || b.modifiers()[1] < a.modifiers()[1];
            }
            return b.modifiers()[0] < a.modifiers()[0];
        }
        if (b.base().equals("text")) {
            return false;
        }
        if (STRINGS.contains(a.base()) && STRINGS.contains(b.base())) {
            return b.modifiers().length > 0 && (a.modifiers().length == 0 || b.modifiers()[0] < a.modifiers()[0]);
        }
        int ia = INTEGERS.indexOf(a.base());
        int ib = INTEGERS.indexOf(b.base());
        if (ia >= 0 && ib >= 0) {
            return ib < ia || (b.base().equals("numeric") && b.modifiers().length > 0);
        }
        if (ia >= 0 && ia < 2 && b.base().equals("double precision")) {
            return false;
        }
        if (a.base().equals("real") && b.base().equals("double precision")) {
            return false;
        }
        if (a.base().equals("date") && b.base().startsWith("timestamp")) {
            return false;
        }
        if (a.base().startsWith("timestamp") && b.base().startsWith("timestamp")) {
            return false;
        }
        return true;
    }
}
