package dev.confiture.coordination;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import dev.confiture.model.ConfitureException;

/**
 * Checks on the strings users and agents hand in. Every value reaches the store as a bind
 * parameter, so quotes and SQL fragments are stored verbatim; what PostgreSQL text cannot hold (the
 * NUL character) and what would make reports unreadable (absurd lengths) is refused here with a
 * message naming the field.
 */
public final class Inputs {

    public static final int MAX_AGENT_ID = 200;
    public static final int MAX_TEXT = 100_000;
    public static final int MAX_SCHEMA_CHANGES = 1_000_000;

    private static final Pattern INTENT_ID = Pattern.compile("int_[0-9a-f]{12}");

    private Inputs() {
    }

    /** A required field: present, not blank, no NUL, at most {@code max} characters. */
    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ConfitureException("COORDINATION_MISSING_" + code(field),
                    field + " is required (set -Dconfiture." + field + "=...)");
        }
        return optional(field, value, max);
    }

    /** An optional field: null stays null; otherwise no NUL and at most {@code max} characters. */
    public static String optional(String field, String value, int max) {
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

    /** An intent id as registration hands it out: {@code int_} and 12 lowercase hex digits. */
    public static String intentId(String value) {
        String id = required("intentId", value, 64).trim();
        if (!INTENT_ID.matcher(id).matches()) {
            throw new ConfitureException("COORDINATION_BAD_INTENT_ID", "intentId '" + preview(id)
                    + "' is not an intent id: expected int_ followed by 12 lowercase hex digits, e.g. int_3f9a0c12be47");
        }
        return id;
    }

    /** {@code estimatedHours}: absent, or a non-negative decimal number. */
    public static BigDecimal hours(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        BigDecimal hours;
        try {
            hours = new BigDecimal(optional("estimatedHours", value, 64).trim());
        } catch (NumberFormatException e) {
            throw new ConfitureException("COORDINATION_BAD_HOURS", "estimatedHours '" + preview(value)
                    + "' is not a number; give hours as a non-negative decimal, e.g. 3 or 1.5");
        }
        if (hours.signum() < 0) {
            throw new ConfitureException("COORDINATION_BAD_HOURS", "estimatedHours " + hours.toPlainString() + " is negative; give 0 or more");
        }
        return hours;
    }

    /** At most 60 characters of a value, control characters shown as escapes, for error messages. */
    public static String preview(String value) {
        StringBuilder sb = new StringBuilder();
        value.codePoints().limit(60).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        if (value.codePointCount(0, value.length()) > 60) {
            sb.append("...");
        }
        return sb.toString();
    }

    private static String code(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
}
