package dev.confiture.sql;

/**
 * One statement cut out of a script by {@link SqlSplitter}: its text without the terminating
 * semicolon (comments inside kept; leading comments, trailing comments and surrounding whitespace
 * left out), and the 1-based line and column of its first character in the script (after any
 * leading comment), so errors can point at the file and line.
 *
 * <p>{@code copyData} is null except for {@code COPY ... FROM stdin}, as pg_dump writes it: then it
 * holds the data lines that follow the statement in the script, up to (not including) the
 * terminating {@code \.} line, ready for the JDBC driver's {@code CopyManager}.
 */
public record SqlStatement(String sql, int line, int column, String copyData) {

    public SqlStatement(String sql, int line, int column) {
        this(sql, line, column, null);
    }

    /** True for a {@code COPY ... FROM stdin} whose data followed it in the script. */
    public boolean hasCopyData() {
        return copyData != null;
    }
}
