package dev.confiture.coordination;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.confiture.model.ConfitureException;

/** {@code schemaChanges} is SQL text, or the path of a {@code .sql} file (relative to the project) holding it. */
public final class SchemaChanges {

    private SchemaChanges() {
    }

    /** The SQL: the file's content when the value is one line ending in {@code .sql}, else the value itself. */
    public static String resolve(String value, Path baseDir) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.contains("\n") || !trimmed.toLowerCase(Locale.ROOT).endsWith(".sql")) {
            return value;
        }
        Path file = baseDir == null ? Path.of(trimmed) : baseDir.resolve(trimmed);
        if (!Files.isRegularFile(file)) {
            throw new ConfitureException("COORDINATION_SCHEMA_FILE_MISSING", "schemaChanges names the file " + trimmed
                    + ", which does not exist (looked for " + file.toAbsolutePath().normalize()
                    + "); give an existing .sql file or the SQL text itself");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfitureException("COORDINATION_SCHEMA_FILE_UNREADABLE", "Could not read schemaChanges file "
                    + file + " as UTF-8: " + e.getMessage(), e);
        }
    }
}
