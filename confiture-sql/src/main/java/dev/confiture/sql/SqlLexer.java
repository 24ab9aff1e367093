package dev.confiture.sql;

import dev.confiture.model.ConfitureException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Character-level PostgreSQL lexing shared by {@link SqlSplitter} and {@link SqlStatements}: how far
 * a comment, a string, a dollar quote or a quoted identifier reaches. The rules follow PostgreSQL's
 * own scanner (scan.l) and psql's (psqlscan.l) with {@code standard_conforming_strings = on}, the
 * default since PostgreSQL 9.1 and what pg_dump writes.
 */
final class SqlLexer {

    final String text;
    final int length;
    final Path file;
    int pos;
    private int[] lineStarts;

    SqlLexer(String text, Path file) {
        this.text = text;
        this.length = text.length();
        this.file = file;
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentCont(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    /**
     * PostgreSQL's whitespace set (scan.l {space}), not Java's, so a no-break space stays a character;
     * plus the byte-order mark, which files concatenated from several editors carry at their starts.
     */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B' || c == '\uFEFF';
    }

    char at(int i) {
        return i < length ? text.charAt(i) : '\0';
    }

    /** At {@code --}: moves to the newline that ends the comment (not past it). */
    void skipLineComment() {
        int nl = text.indexOf('\n', pos);
        pos = nl < 0 ? length : nl;
    }

    /** At {@code /*}: moves past the matching close; block comments nest in PostgreSQL. */
    void skipBlockComment() {
        int start = pos;
        pos += 2;
        int depth = 1;
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '/' && at(pos + 1) == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && at(pos + 1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw unterminated("block comment", "*/" + (depth > 1 ? " (" + depth + " nested comments are open)" : ""), start);
    }

    /** At an opening {@code '} of a standard string: quotes are doubled, backslashes are plain characters. */
    void skipStandardString(int start) {
        skipQuoted('\'', false, "string", start);
    }

    /** At the opening {@code '} of an {@code E'...'} string: a backslash escapes the next character. */
    void skipEscapeString(int start) {
        skipQuoted('\'', true, "E'' string", start);
    }

    /** At an opening {@code "}: doubled quotes stand for one. */
    void skipQuotedIdentifier(int start) {
        skipQuoted('"', false, "quoted identifier", start);
    }

    /**
     * Moves past a run opened by {@code quote} at {@code pos}: a doubled quote stands for one, and
     * with {@code backslashEscapes} a backslash takes the next character literally.
     */
    private void skipQuoted(char quote, boolean backslashEscapes, String what, int start) {
        pos++;
        while (pos < length) {
            char c = text.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
                continue;
            }
            if (c == quote) {
                if (at(pos + 1) == quote) {
                    pos += 2;
                    continue;
                }
                pos++;
                return;
            }
            pos++;
        }
        throw unterminated(what, String.valueOf(quote), start);
    }

    /**
     * The dollar-quote tag starting at {@code i} ({@code $$} or {@code $tag$}), or null when the
     * dollar sign starts something else, e.g. a parameter {@code $1} (a tag cannot start with a digit).
     */
    String dollarTagAt(int i) {
        if (at(i) != '$') {
            return null;
        }
        int j = i + 1;
        if (j < length && isIdentStart(text.charAt(j))) {
            j++;
            while (j < length && (isIdentStart(text.charAt(j)) || Character.isDigit(text.charAt(j)))) {
                j++;
            }
        }
        return at(j) == '$' ? text.substring(i, j + 1) : null;
    }

    /** At a dollar quote opening with {@code tag}: moves past the same tag; other tags inside are body text. */
    void skipDollarQuoted(String tag) {
        int start = pos;
        int close = text.indexOf(tag, pos + tag.length());
        if (close < 0) {
            throw unterminated("dollar-quoted string", tag, start);
        }
        pos = close + tag.length();
    }

    private ConfitureException unterminated(String what, String closer, int start) {
        int line = lineOf(start);
        return new ConfitureException("SQL_UNTERMINATED",
                "Unterminated " + what + " starting at line " + line + ", column " + columnOf(start)
                        + ": the script ends before the closing " + closer + ". Close it, or check the quotes before it.",
                file, line);
    }

    int lineOf(int offset) {
        int[] starts = lineStarts();
        int i = Arrays.binarySearch(starts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    int columnOf(int offset) {
        return offset - lineStarts()[lineOf(offset) - 1] + 1;
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int count = 1;
            for (int i = 0; i < length; i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            int[] starts = new int[count];
            int k = 1;
            for (int i = 0; i < length; i++) {
                if (text.charAt(i) == '\n') {
                    starts[k++] = i + 1;
                }
            }
            lineStarts = starts;
        }
        return lineStarts;
    }

    /**
     * The tokens of one statement, for recognising its kind: unquoted words upper-cased, quoted
     * identifiers as {@code "name"}, string and dollar-quoted literals as a single {@code '}, any
     * other character on its own. Comments and whitespace are dropped.
     */
    static List<String> tokens(String sql) {
        return tokens(sql, Integer.MAX_VALUE);
    }

    /** The first {@code limit} tokens of {@link #tokens(String)}: the lexer stops there. */
    static List<String> tokens(String sql, int limit) {
        SqlLexer lx = new SqlLexer(sql, null);
        List<String> out = new ArrayList<>();
        while (lx.pos < lx.length && out.size() < limit) {
            char c = sql.charAt(lx.pos);
            int start = lx.pos;
            if (isSpace(c)) {
                lx.pos++;
            } else if (c == '-' && lx.at(lx.pos + 1) == '-') {
                lx.skipLineComment();
            } else if (c == '/' && lx.at(lx.pos + 1) == '*') {
                lx.skipBlockComment();
            } else if (c == '\'') {
                lx.skipStandardString(start);
                out.add("'");
            } else if (c == '"') {
                lx.skipQuotedIdentifier(start);
                out.add(sql.substring(start, lx.pos));
            } else if (c == '$' && lx.dollarTagAt(start) != null) {
                lx.skipDollarQuoted(lx.dollarTagAt(start));
                out.add("'");
            } else if (isIdentStart(c)) {
                int j = start + 1;
                while (j < lx.length && isIdentCont(sql.charAt(j))) {
                    j++;
                }
                char next = lx.at(j);
                if (j - start == 1 && next == '\'' && "eE".indexOf(c) >= 0) {
                    lx.pos = j;
                    lx.skipEscapeString(j);
                    out.add("'");
                } else if (j - start == 1 && next == '\'' && "bBxXnN".indexOf(c) >= 0) {
                    lx.pos = j;
                    lx.skipStandardString(j);
                    out.add("'");
                } else if (j - start == 1 && "uU".indexOf(c) >= 0 && next == '&' && (lx.at(j + 1) == '\'' || lx.at(j + 1) == '"')) {
                    lx.pos = j + 1;
                    if (lx.at(j + 1) == '\'') {
                        lx.skipStandardString(j + 1);
                        out.add("'");
                    } else {
                        lx.skipQuotedIdentifier(j + 1);
                        out.add(sql.substring(j + 1, lx.pos));
                    }
                } else {
                    out.add(sql.substring(start, j).toUpperCase(Locale.ROOT));
                    lx.pos = j;
                }
            } else {
                out.add(String.valueOf(c));
                lx.pos++;
            }
        }
        return out;
    }
}
