package dev.confiture.model.migration;

import java.math.BigInteger;

import dev.confiture.model.ConfitureException;

/**
 * A migration version: the digits as written ({@code 001}, {@code 20261128143015}), kept for
 * display and tracking, compared as a number so that {@code 2 < 10 < 20261128143015}.
 */
public record MigrationVersion(String text, BigInteger number) implements Comparable<MigrationVersion> {

    public static MigrationVersion parse(String text) {
        if (!isVersion(text)) {
            throw new ConfitureException("MIGRATION_BAD_VERSION",
                    "'" + text + "' is not a migration version: use digits only, e.g. 003 or 20261128143015");
        }
        return new MigrationVersion(text, new BigInteger(text));
    }

    /** One or more ASCII digits (what {@code \d+} matches): read without a pattern, as it is for every migration file. */
    public static boolean isVersion(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * ASCII digits ({@link #isVersion}) without their leading zeros, one kept for zero: the text of
     * their number, as {@code new BigInteger(digits).toString()} gives it, without making one.
     */
    public static String withoutLeadingZeros(String digits) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        return digits.substring(start);
    }

    /**
     * Two versions ({@link #isVersion}) in {@link #compareTo}'s order, read from their text without
     * making a number of each: the digits without leading zeros, fewer first, then as text, then the
     * text as written. Status compares every tracking row this way to find the newest.
     */
    public static int compare(String a, String b) {
        String x = withoutLeadingZeros(a);
        String y = withoutLeadingZeros(b);
        int c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        return c != 0 ? c : a.compareTo(b);
    }

    @Override
    public int compareTo(MigrationVersion o) {
        int c = number.compareTo(o.number);
        return c != 0 ? c : text.compareTo(o.text);
    }

    @Override
    public String toString() {
        return text;
    }
}
