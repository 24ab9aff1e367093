package dev.confiture.model.migration;

import java.math.BigInteger;
import java.util.regex.Pattern;

import dev.confiture.model.ConfitureException;

/**
 * A migration version: the digits as written ({@code 001}, {@code 20261128143015}), kept for
 * display and tracking, compared as a number so that {@code 2 < 10 < 20261128143015}.
 */
public record MigrationVersion(String text, BigInteger number) implements Comparable<MigrationVersion> {

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    public static MigrationVersion parse(String text) {
        if (text == null || !DIGITS.matcher(text).matches()) {
            throw new ConfitureException("MIGRATION_BAD_VERSION",
                    "'" + text + "' is not a migration version: use digits only, e.g. 003 or 20261128143015");
        }
        return new MigrationVersion(text, new BigInteger(text));
    }

    public static boolean isVersion(String text) {
        return text != null && DIGITS.matcher(text).matches();
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
