package dev.confiture.model.migration;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.confiture.model.ConfitureException;

/**
 * The one rule for naming migration files, read by every part that lists them (migrate, generate,
 * diff and validate from git), so that they agree on what a migration is (docs/migrations.md).
 *
 * <p>A name has one of two kinds: {@link Versioned}, {@code <version>_<name>.up.sql} or
 * {@code .down.sql}, applied once in version order; and {@link Repeatable}, {@code R__<name>.sql},
 * applied after the versioned ones whenever its content changes. The places that take the kinds apart
 * ({@link MigrationPairs}) are the ones to extend for another kind.
 */
public sealed interface MigrationFileName permits MigrationFileName.Versioned, MigrationFileName.Repeatable {

    /** What a migration file's name looks like, for error messages. */
    String EXPECTED = "<version>_<name>.up.sql or <version>_<name>.down.sql"
            + " (version = digits, e.g. 001_create_users.up.sql or 20261128143015_add_bio.up.sql),"
            + " or R__<name>.sql for a repeatable migration (e.g. R__active_users_view.sql)";

    /** The file name as it is (or will be) on disk. */
    String fileName();

    /** The part that names the change: {@code add_bio} in {@code 002_add_bio.up.sql}. */
    String name();

    /** Which file of a versioned pair. */
    enum Direction {
        UP, DOWN;

        String suffix() {
            return this == UP ? ".up.sql" : ".down.sql";
        }
    }

    /** {@code <version>_<name>.up.sql} or {@code .down.sql}: applied once, in version order. */
    record Versioned(MigrationVersion version, String name, Direction direction) implements MigrationFileName {

        @Override
        public String fileName() {
            return key() + direction.suffix();
        }

        /** {@code <version>_<name>}: what an up file and its down file share. */
        public String key() {
            return version.text() + "_" + name;
        }

        public Versioned up() {
            return new Versioned(version, name, Direction.UP);
        }

        public Versioned down() {
            return new Versioned(version, name, Direction.DOWN);
        }
    }

    /**
     * {@code R__<name>.sql}: applied after every versioned migration, in name order, whenever its
     * checksum differs from its last application; never rolled back. Its tracking row is keyed by
     * {@link #key()} ({@code R__<name>}), which no versioned migration's version (digits) can equal.
     */
    record Repeatable(String name) implements MigrationFileName {

        /** The prefix of every repeatable migration's file name. */
        public static final String PREFIX = "R__";

        @Override
        public String fileName() {
            return key() + ".sql";
        }

        /** {@code R__<name>}: the file name without {@code .sql}; the tracking row's {@code version}. */
        public String key() {
            return PREFIX + name;
        }

        /** Whether a tracking row's version is a repeatable migration's key. */
        public static boolean isKey(String version) {
            return version != null && version.startsWith(PREFIX);
        }
    }

    /** The names existing files may have (read leniently: upper case and dashes too). */
    Pattern VERSIONED = Pattern.compile("(\\d+)_([A-Za-z0-9][A-Za-z0-9_\\-]*)\\.(up|down)\\.sql");

    /** Repeatable migrations: {@code R__} then a name as lenient as a versioned one's. */
    Pattern REPEATABLE = Pattern.compile("R__([A-Za-z0-9][A-Za-z0-9_\\-]*)\\.sql");

    /** The names new migrations get: stricter than what is read, so that generated names are portable. */
    Pattern NEW_NAME = Pattern.compile("[a-z][a-z0-9_]{0,99}");

    /**
     * The migration a file name stands for; empty when it is not a migration's name. Read by hand
     * with exactly {@link #VERSIONED}'s and {@link #REPEATABLE}'s rules (a name holds no dot, so the
     * suffix starts at the first dot after the version): on a cold JVM the two patterns cost a
     * status of 5,000 migrations about 40 ms over its 10,000 files. MigrationFileNameTest checks
     * that both readings agree.
     */
    static Optional<MigrationFileName> parse(String fileName) {
        if (fileName.startsWith(Repeatable.PREFIX)) {
            int dot = nameEnd(fileName, Repeatable.PREFIX.length());
            if (dot > Repeatable.PREFIX.length() && fileName.length() == dot + 4 && fileName.startsWith(".sql", dot)) {
                return Optional.of(new Repeatable(fileName.substring(Repeatable.PREFIX.length(), dot)));
            }
        }
        int digits = 0;
        while (digits < fileName.length() && isDigit(fileName.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits == fileName.length() || fileName.charAt(digits) != '_') {
            return Optional.empty();
        }
        int nameStart = digits + 1;
        int dot = nameEnd(fileName, nameStart);
        if (dot == nameStart) {
            return Optional.empty();
        }
        Direction direction;
        if (fileName.length() == dot + 7 && fileName.startsWith(".up.sql", dot)) {
            direction = Direction.UP;
        } else if (fileName.length() == dot + 9 && fileName.startsWith(".down.sql", dot)) {
            direction = Direction.DOWN;
        } else {
            return Optional.empty();
        }
        return Optional.of(new Versioned(MigrationVersion.parse(fileName.substring(0, digits)),
                fileName.substring(nameStart, dot), direction));
    }

    /**
     * Where a name ({@code [A-Za-z0-9][A-Za-z0-9_-]*}) starting at {@code from} ends: its length
     * plus {@code from} when a dot follows it, else {@code from} (no name, or a character no name holds).
     */
    private static int nameEnd(String fileName, int from) {
        int i = from;
        while (i < fileName.length()) {
            char c = fileName.charAt(i);
            boolean letterOrDigit = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c);
            if (letterOrDigit || (i > from && (c == '_' || c == '-'))) {
                i++;
            } else {
                break;
            }
        }
        return i < fileName.length() && fileName.charAt(i) == '.' ? i : from;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * As {@link #parse(String)} for a {@code .sql} file found in a migrations folder, where a file
     * that is not a migration is an error rather than something skipped: a misnamed migration would
     * otherwise never run.
     *
     * @param file the file, as the error should name it
     * @param folder the migrations folder, as the message should name it
     */
    static MigrationFileName require(Path file, String folder) {
        String fileName = file.getFileName().toString();
        return parse(fileName).orElseThrow(() -> new ConfitureException("MIGRATION_BAD_FILE_NAME",
                "'" + fileName + "' in the migrations folder does not follow the pattern " + EXPECTED
                        + ". Rename it, or move it out of " + folder + ".", file, 0));
    }

    /** Checks a new migration's name: lower-case letters, digits and underscores, starting with a letter. */
    static String validateNewName(String name) {
        if (name == null || name.isBlank()) {
            throw new ConfitureException("GENERATE_NAME_REQUIRED",
                    "A migration name is required: -Dconfiture.name=add_user_phone (lower case, digits, underscores)");
        }
        String trimmed = name.trim();
        if (!NEW_NAME.matcher(trimmed).matches()) {
            String suggestion = trimmed.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
            throw new ConfitureException("GENERATE_BAD_NAME", "'" + name + "' is not a usable migration name: use"
                    + " lower-case letters, digits and underscores, starting with a letter"
                    + (NEW_NAME.matcher(suggestion).matches() ? ", e.g. " + suggestion : ""));
        }
        return trimmed;
    }

    /**
     * The version the next migration gets, given every existing version (SQL and Java, in any order):
     * the highest + 1 in the same zero-padded width ({@code 007} -> {@code 008}); a project numbering
     * by timestamp ({@code 20261128143015}, 14 digits) gets {@code now} when that is later;
     * {@code 001} when there is none.
     *
     * @param now the current time in UTC
     */
    static MigrationVersion nextVersion(Collection<MigrationVersion> existing, LocalDateTime now) {
        MigrationVersion highest = existing.stream().max(MigrationVersion::compareTo).orElse(null);
        if (highest == null) {
            return MigrationVersion.parse("001");
        }
        BigInteger next = highest.number().add(BigInteger.ONE);
        if (highest.text().length() == 14) {
            BigInteger stamp = new BigInteger(now.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
            if (stamp.compareTo(next) > 0) {
                next = stamp;
            }
        }
        String text = next.toString();
        int width = highest.text().length();
        return MigrationVersion.parse(text.length() >= width ? text : "0".repeat(width - text.length()) + text);
    }

    /** The up file of the next migration called {@code name} (checked by {@link #validateNewName}). */
    static Versioned next(Collection<MigrationVersion> existing, String name, LocalDateTime now) {
        return new Versioned(nextVersion(existing, now), validateNewName(name), Direction.UP);
    }
}
