package dev.confiture.coordination;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.confiture.model.ConfitureException;

/**
 * {@code schemaChanges} is SQL text, or the path of a {@code .sql} file (relative to the project)
 * holding it. A value that looks like a path (one word holding a {@code /}, {@code \} or {@code .})
 * but names no {@code .sql} file is an error: read as SQL it would touch nothing, and a check would
 * report "no conflicts" for a change it never read.
 */
public final class SchemaChanges {

    /** The SQL, and the file it was read from (null when the value was the SQL itself). */
    public record Read(String sql, Path file) {
    }

    private SchemaChanges() {
    }

    /** The SQL: the file's content when the value names a {@code .sql} file, else the value itself. */
    public static String resolve(String value, Path baseDir) {
        return read(value, baseDir).sql();
    }

    /** {@link #resolve} with the file the SQL came from, for messages that name file and line. */
    public static Read read(String value, Path baseDir) {
        if (value == null || value.isBlank()) {
            return new Read(null, null);
        }
        String trimmed = value.trim();
        if (!looksLikePath(trimmed)) {
            return new Read(value, null);
        }
        Path file = baseDir == null ? Path.of(trimmed) : baseDir.resolve(trimmed);
        String where = " (looked for " + file.toAbsolutePath().normalize() + ")";
        String advice = "; give an existing .sql file or the SQL text itself";
        if (Files.isDirectory(file)) {
            throw new ConfitureException("COORDINATION_SCHEMA_FILE_NOT_SQL", "schemaChanges names " + trimmed
                    + ", which is a folder, not a .sql file" + where + advice);
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfitureException("COORDINATION_SCHEMA_FILE_MISSING", "schemaChanges names the file " + trimmed
                    + ", which does not exist" + where + advice);
        }
        if (!trimmed.toLowerCase(Locale.ROOT).endsWith(".sql")) {
            throw new ConfitureException("COORDINATION_SCHEMA_FILE_NOT_SQL", "schemaChanges names " + trimmed
                    + ", which is not a .sql file" + where + advice);
        }
        try {
            return new Read(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new ConfitureException("COORDINATION_SCHEMA_FILE_UNREADABLE", "Could not read schemaChanges file "
                    + file + " as UTF-8: " + e.getMessage(), e);
        }
    }

    /** One word with a path separator or a dot: no SQL statement is written like that. */
    private static boolean looksLikePath(String value) {
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || c == ';' || c == '(' || c == '\'')) {
            return false;
        }
        return value.indexOf('/') >= 0 || value.indexOf('\\') >= 0 || value.indexOf('.') >= 0;
    }
}
