package dev.confiture.model.sql;

/**
 * One statement cut out of a script by {@link SqlSplitter}: its text without the terminating
 * semicolon (comments inside kept, surrounding whitespace trimmed), and the 1-based line and
 * column where it starts in the script, so errors can point at the file and line.
 */
public record SqlStatement(String sql, int line, int column) {
}
