package dev.confiture.coordination;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import dev.confiture.model.ConfitureException;

/**
 * Checks on the strings users and agents hand in. Every value reaches the store as a bind
 * parameter, so quotes and SQL fragments are stored verbatim; what PostgreSQL text cannot hold (the
 * NUL character) and what would make reports unreadable (absurd lengths) is refused here with a
 * message naming the field. Values that reports print on one line (agent ids, feature names, notes,
 * reasons, ...) must hold no control character at all, so that no value can print a line of its own
 * in the build log (a fake {@code [INFO] ... COMPLETED}): see {@link #controlCharacter(int)}.
 * Multi-line text (SQL, the table list) goes through {@link #text} instead.
 */
public final class Inputs {

    public static final int MAX_AGENT_ID = 200;
    public static final int MAX_TEXT = 100_000;
    public static final int MAX_SCHEMA_CHANGES = 1_000_000;
    public static final BigDecimal MAX_HOURS = new BigDecimal(10_000);
    public static final int MAX_HOURS_DECIMALS = 2;

    private static final Pattern INTENT_ID = Pattern.compile("int_[0-9a-f]{12}");

    private Inputs() {
    }

    /** A required one-line field: present, not blank, no NUL or other control character, at most {@code max} characters. */
    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ConfitureException("COORDINATION_MISSING_" + code(field),
                    field + " is required (set -Dconfiture." + field + "=...)");
        }
        return optional(field, value, max);
    }

    /** An optional one-line field: null stays null; otherwise no NUL or other control character, at most {@code max} characters. */
    public static String optional(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        text(field, value, max);
        refuseControlCharacters(field, value);
        return value;
    }

    /** Multi-line text (SQL, a list over several lines): null stays null; otherwise no NUL, at most {@code max} characters. */
    public static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        int nul = value.indexOf('\0');
        if (nul >= 0) {
            throw new ConfitureException("COORDINATION_NUL_CHARACTER", field + " contains a NUL character (\\u0000) at position "
                    + (nul + 1) + ", which PostgreSQL text cannot store; remove it");
        }
        if (value.length() > max) {
            throw new ConfitureException("COORDINATION_TOO_LONG", field + " is " + value.length()
                    + " characters long; at most " + max + " are accepted");
        }
        return value;
    }

    /** Throws, naming {@code field}, the character and its position, when {@code value} holds a control character. */
    public static void refuseControlCharacters(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (controlCharacter(c)) {
                throw new ConfitureException("COORDINATION_CONTROL_CHARACTER", field + " '" + preview(value)
                        + "' contains a " + describe(c) + " at position " + (i + 1) + "; values are printed on one line"
                        + " of the build log, so control characters (newline, carriage return, escape, tab, ...) are"
                        + " refused: remove it");
            }
        }
    }

    /** "control character U+000A": how messages name a character {@link #controlCharacter} refuses. */
    static String describe(int c) {
        return String.format(java.util.Locale.ROOT, "control character U+%04X", c);
    }

    /**
     * The characters no one-line value may hold: C0 controls (tab included), DEL, C1 controls (which
     * some terminals obey, U+009B is an escape), and the Unicode line and paragraph separators.
     */
    public static boolean controlCharacter(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }

    /** An intent id as registration hands it out: {@code int_} and 12 lowercase hex digits. */
    public static String intentId(String value) {
        String id = required("intentId", value, 64).trim();
        if (!INTENT_ID.matcher(id).matches()) {
            throw new ConfitureException("COORDINATION_BAD_INTENT_ID", "intentId '" + preview(id)
                    + "' is not an intent id: expected int_ followed by 12 lowercase hex digits, e.g. int_3f9a0c12be47");
        }
        return id;
    }

    /**
     * {@code estimatedHours}: absent, or a plain decimal number more than 0 and at most
     * {@link #MAX_HOURS}, with at most {@link #MAX_HOURS_DECIMALS} decimal places and no exponent,
     * so that it is stored exactly as written (never rounded).
     */
    public static BigDecimal hours(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String written = optional("estimatedHours", value, 64).strip();
        String advice = "; give hours as a decimal number more than 0 and at most " + MAX_HOURS.toPlainString()
                + ", e.g. 3 or 1.5";
        BigDecimal hours;
        try {
            hours = new BigDecimal(written);
        } catch (NumberFormatException e) {
            throw new ConfitureException("COORDINATION_BAD_HOURS", "estimatedHours '" + preview(value)
                    + "' is not a number" + advice);
        }
        if (hours.signum() < 0) {
            throw new ConfitureException("COORDINATION_BAD_HOURS", "estimatedHours " + written + " is negative" + advice);
        }
        if (written.indexOf('e') >= 0 || written.indexOf('E') >= 0 || hours.scale() > MAX_HOURS_DECIMALS) {
            throw new ConfitureException("COORDINATION_BAD_HOURS", "estimatedHours " + written + " is not written with"
                    + " at most " + MAX_HOURS_DECIMALS + " decimal places and no exponent (it is stored as written,"
                    + " never rounded)" + advice);
        }
        if (hours.signum() == 0) {
            throw new ConfitureException("COORDINATION_BAD_HOURS", "estimatedHours " + written + " is not more than 0" + advice);
        }
        if (hours.compareTo(MAX_HOURS) > 0) {
            throw new ConfitureException("COORDINATION_BAD_HOURS", "estimatedHours " + written + " is more than "
                    + MAX_HOURS.toPlainString() + advice);
        }
        return hours;
    }

    /** At most 60 characters of a value, control characters shown as escapes, for error messages. */
    public static String preview(String value) {
        String escaped = escapeControlCharacters(value.codePoints().limit(60)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        return value.codePointCount(0, value.length()) > 60 ? escaped + "..." : escaped;
    }

    /** The value with each {@link #controlCharacter} written as {@code \\uXXXX}: what text reports print. */
    public static String escapeControlCharacters(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (controlCharacter(c)) {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String code(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
}
