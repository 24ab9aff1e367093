package dev.confiture.diff;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PostgreSQL needs for {@code ALTER COLUMN ... TYPE}: a {@code USING} cast when there is no
 * assignment cast between the two types, and whether the change narrows (values may no longer fit).
 * Types are compared in the spelling {@code format_type} prints.
 */
final class TypeChanges {

    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint", "numeric");
    private static final List<String> FLOATS = List.of("real", "double precision");
    private static final List<String> STRINGS = List.of("character", "character varying", "text");
    private static final List<String> TIMES = List.of("date", "timestamp without time zone", "timestamp with time zone");
    private static final Pattern TYPE = Pattern.compile("^(.*?)(?:\\(([0-9, ]+)\\))?((?:\\[\\])*)$");

    private TypeChanges() {
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

    /** True when {@code ALTER COLUMN TYPE} needs {@code USING column::type} (no assignment cast). */
    static boolean needsUsing(String from, String to) {
        Parsed a = parse(from);
        Parsed b = parse(to);
        if (a.array() != b.array()) {
            return true;
        }
        if (a.base().equals(b.base())) {
            return false;
        }
        if (STRINGS.contains(b.base())) {
            return false; // everything has an assignment (I/O) cast to a string type
        }
        return !(sameFamily(a.base(), b.base(), INTEGERS) || sameFamily(a.base(), b.base(), FLOATS)
                || (INTEGERS.contains(a.base()) && FLOATS.contains(b.base()))
                || (FLOATS.contains(a.base()) && INTEGERS.contains(b.base()))
                || sameFamily(a.base(), b.base(), TIMES));
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

    /** {@code col::type}, or through text when either side is a user type (enum to enum, text-like to enum). */
    static String usingCast(String column, String from, String to) {
        boolean userType = from.contains(".") || to.contains(".");
        Parsed a = parse(from);
        return column + (userType ? "::text" + (a.array() ? "[]" : "") : "") + "::" + to;
    }

    private static boolean sameFamily(String a, String b, List<String> family) {
        return family.contains(a) && family.contains(b);
    }
}
