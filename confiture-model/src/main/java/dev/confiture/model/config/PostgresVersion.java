package dev.confiture.model.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded PostgreSQL version an environment asks for ({@code postgres_version:} or
 * {@code -Dconfiture.postgresVersion}): a major version from {@value #OLDEST} to {@value #NEWEST},
 * which selects the binaries pinned for that major, or a full version of the binaries
 * ({@code 15.13.0}), taken as is.
 *
 * @param major the major version
 * @param exact the full version when one was given, else null
 */
public record PostgresVersion(int major, String exact) {

    public static final int OLDEST = 12;
    public static final int NEWEST = 18;

    private static final Pattern FORM = Pattern.compile("(\\d{1,3})(?:\\.\\d{1,4}\\.\\d{1,4})?");

    /**
     * Reads a version as written; an {@link IllegalArgumentException} says what is wrong with it
     * (the caller adds where it was written).
     */
    public static PostgresVersion parse(String text) {
        String value = text == null ? "" : text.strip();
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a PostgreSQL version: give a major version from "
                    + OLDEST + " to " + NEWEST + " (e.g. 16), or a full version of the embedded binaries (e.g. 15.13.0)");
        }
        int major = Integer.parseInt(m.group(1));
        if (major < OLDEST || major > NEWEST) {
            throw new IllegalArgumentException("PostgreSQL " + major + " is not available embedded: give a major version from "
                    + OLDEST + " to " + NEWEST + ", or point the environment at a server of that version (database_url)");
        }
        return new PostgresVersion(major, value.contains(".") ? value : null);
    }

    @Override
    public String toString() {
        return exact != null ? exact : Integer.toString(major);
    }
}
