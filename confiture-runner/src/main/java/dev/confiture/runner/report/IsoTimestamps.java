package dev.confiture.runner.report;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@code appliedAt} as reports give it: the text of {@link OffsetDateTime#toString()}, written into
 * one char array for the tracking table's UTC rows. Status formats one per applied migration, and on
 * a goal's cold JVM the JDK's own (a builder per date, per time, then their concatenation) was a
 * third of comparing 5,000 migrations with their rows.
 */
public final class IsoTimestamps {

    private IsoTimestamps() {
    }

    /** Exactly {@code String.valueOf(t)}, except that null stays null. */
    public static String text(OffsetDateTime t) {
        if (t == null) {
            return null;
        }
        int year = t.getYear();
        if (!ZoneOffset.UTC.equals(t.getOffset()) || year < 0 || year > 9999) {
            return t.toString();
        }
        int second = t.getSecond();
        int nano = t.getNano();
        // yyyy-MM-ddTHH:mm, then :ss unless both seconds and nanos are zero, then the nanos in groups of three.
        int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] out = new char[16 + (second > 0 || nano > 0 ? 3 : 0) + (fraction > 0 ? fraction + 1 : 0) + 1];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        int at = 16;
        if (second > 0 || nano > 0) {
            out[at] = ':';
            digits(out, at + 1, second, 2);
            at += 3;
        }
        if (fraction > 0) {
            out[at] = '.';
            digits(out, at + 1, fraction == 3 ? nano / 1_000_000 : fraction == 6 ? nano / 1_000 : nano, fraction);
            at += fraction + 1;
        }
        out[at] = 'Z';
        return new String(out);
    }

    /** {@code value} as {@code width} decimal digits, zero-padded, at {@code out[from]}. */
    private static void digits(char[] out, int from, int value, int width) {
        for (int i = from + width - 1; i >= from; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
