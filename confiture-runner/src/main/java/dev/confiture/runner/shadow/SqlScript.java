package dev.confiture.runner.shadow;

import java.nio.file.Path;

import dev.confiture.model.files.Utf8Text;
import dev.confiture.sql.Placeholders;

/** SQL text and where it came from (a file, or a label such as {@code <empty>}), for error messages. */
public record SqlScript(String source, Path file, String sql) {

    public static SqlScript of(Path file) {
        return new SqlScript(file.toString(), file, Utf8Text.read(file, "SQL_FILE_UNREADABLE"));
    }

    /** A migration file as migrate runs it: its placeholders replaced (an unknown one is an error naming file and line). */
    public static SqlScript of(Path file, Placeholders placeholders) {
        return new SqlScript(file.toString(), file, placeholders.apply(Utf8Text.read(file, "SQL_FILE_UNREADABLE"), file));
    }

    public static SqlScript text(String label, String sql) {
        return new SqlScript(label, null, sql);
    }
}
