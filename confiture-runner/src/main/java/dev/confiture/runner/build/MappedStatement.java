package dev.confiture.runner.build;

import java.nio.file.Path;

/**
 * A statement of the concatenated schema script, remembered with the input file and line it came
 * from (and the line in the written script), so that a failure names what the user edits.
 * {@code copyData} holds the data lines of a {@code COPY ... FROM stdin} (as pg_dump writes seed data).
 */
public record MappedStatement(String sql, String relativePath, Path file, int line, int scriptLine, String copyData) {

    public MappedStatement(String sql, String relativePath, Path file, int line, int scriptLine) {
        this(sql, relativePath, file, line, scriptLine, null);
    }

    /** The 1-based line in the input file of a 1-based character position inside {@link #sql()}. */
    public int lineOfPosition(int position) {
        int newlines = 0;
        int end = Math.min(Math.max(position - 1, 0), sql.length());
        for (int i = 0; i < end; i++) {
            if (sql.charAt(i) == '\n') {
                newlines++;
            }
        }
        return line + newlines;
    }
}
