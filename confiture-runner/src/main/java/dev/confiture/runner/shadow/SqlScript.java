package dev.confiture.runner.shadow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.confiture.model.ConfitureException;

/** SQL text and where it came from (a file, or a label such as {@code <empty>}), for error messages. */
public record SqlScript(String source, Path file, String sql) {

    public static SqlScript of(Path file) {
        try {
            return new SqlScript(file.toString(), file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfitureException("SQL_FILE_UNREADABLE", "Could not read " + file + ": " + e.getMessage(),
                    file, 0, false, e);
        }
    }

    public static SqlScript text(String label, String sql) {
        return new SqlScript(label, null, sql);
    }
}
