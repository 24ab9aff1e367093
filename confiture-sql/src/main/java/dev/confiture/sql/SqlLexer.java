package dev.confiture.sql;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.schema.Identifiers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's lexical rules, in one place: the splitter ({@link SqlSplitter}), the recognition of
 * statement kinds ({@link SqlStatements}) and the DDL interpreter all read SQL through this class,
 * so they cannot disagree on where a token ends. The rules are those of PostgreSQL's scanner
 * (scan.l; psql's psqlscan.l shares them), with {@code standard_conforming_strings = on}, the
 * default since PostgreSQL 9.1 and what pg_dump writes:
 * <ul>
 * <li>whitespace is space, tab, newline, carriage return, form feed and vertical tab, nothing
 *     else: a no-break or ideographic space is part of an identifier, as in PostgreSQL;</li>
 * <li>{@code --} comments end at a newline or a carriage return; {@code /* *}{@code /} comments
 *     nest;</li>
 * <li>strings {@code '...'} (quotes doubled, backslash a plain character), {@code E'...'} (a
 *     backslash escapes the next character), {@code B''}, {@code X''}, {@code N''},
 *     {@code U&''}; quoted identifiers {@code "..."} and {@code U&"..."};</li>
 * <li>dollar quotes {@code $$...$$}, {@code $tag$...$tag$} (a tag does not start with a digit;
 *     {@code $1} is a parameter);</li>
 * <li>an operator is a run of {@code ~!@#^&|`?+-*}{@code /%<>=} cut where a comment starts; a
 *     multi-character operator does not end in {@code +} or {@code -} unless it holds one of
 *     {@code ~!@#^&|`?%}, so {@code x>-1} is {@code x > -1}; {@code ::} is one token.</li>
 * </ul>
 * A quote, dollar quote or block comment left open is a {@code SQL_UNTERMINATED}
 * {@link ConfitureException} naming the line and column where it starts.
 */
public final class SqlLexer {

    /** PostgreSQL's identifiers are cut to NAMEDATALEN - 1 bytes (with a NOTICE). */
    private static final int MAX_IDENTIFIER_BYTES = 63;
    private static final String OPERATOR_CHARS = "~!@#^&|`?+-*/%<>=";
    /** Characters whose presence lets a multi-character operator end in + or - (scan.l). */
    private static final String NON_SQL_OPERATOR_CHARS = "~!@#^&|`?%";
    private static final String PUNCTUATION = "(),;[].:";

    final String text;
    final int length;
    final Path file;
    int pos;
    private int[] lineStarts;

    /** Where the token {@link #advance()} last passed starts, and where its quoted body opens. */
    private int tokenStart;
    private int quoteAt;

    SqlLexer(String text, Path file) {
        this.text = text;
        this.length = text.length();
        this.file = file;
    }

    /** Every token of {@code sql}, comments and whitespace left out. */
    public static List<SqlToken> tokenize(String sql) {
        SqlLexer lx = new SqlLexer(sql, null);
        List<SqlToken> out = new ArrayList<>();
        for (SqlToken t = lx.next(); t != null; t = lx.next()) {
            out.add(t);
        }
        return out;
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentCont(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** PostgreSQL's whitespace (scan.l {@code space}), not Java's. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    char at(int i) {
        return i < length ? text.charAt(i) : '\0';
    }

    /** Moves past whitespace and comments. */
    void skipSpaceAndComments() {
        while (pos < length) {
            char c = text.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else if (c == '-' && at(pos + 1) == '-') {
                skipLineComment();
            } else if (c == '/' && at(pos + 1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    /** The next token, or null at the end of the text. */
    public SqlToken next() {
        SqlToken.Kind kind = advance();
        if (kind == null) {
            return null;
        }
        String spelling = text.substring(tokenStart, pos);
        String value = switch (kind) {
            case WORD -> truncate(Identifiers.downcase(spelling));
            case QUOTED_IDENT -> truncate(unquote(quoteAt, '"', false));
            case STRING -> unquote(quoteAt, '\'', text.charAt(tokenStart) == 'e' || text.charAt(tokenStart) == 'E');
            case DOLLAR_STRING -> {
                int tag = text.indexOf('$', tokenStart + 1) + 1 - tokenStart;
                yield text.substring(tokenStart + tag, pos - tag);
            }
            default -> spelling;
        };
        return new SqlToken(kind, spelling, value, lineOf(tokenStart) - 1, tokenStart);
    }

    /**
     * Moves past whitespace, comments and the token after them, and says what kind of token it
     * was (null at the end); {@link #tokenStart()} is where it starts. No token object is made,
     * for the splitter, which only needs to know where tokens end.
     */
    SqlToken.Kind advance() {
        skipSpaceAndComments();
        if (pos >= length) {
            return null;
        }
        int start = pos;
        tokenStart = start;
        quoteAt = start;
        char c = text.charAt(pos);
        char d = at(pos + 1);
        if (c == '\'') {
            skipStandardString(start);
            return SqlToken.Kind.STRING;
        }
        if (c == '"') {
            skipQuotedIdentifier(start);
            return SqlToken.Kind.QUOTED_IDENT;
        }
        if (c == '$') {
            String tag = dollarTagAt(start);
            if (tag != null) {
                skipDollarQuoted(tag);
                return SqlToken.Kind.DOLLAR_STRING;
            }
            pos++;
            if (!isDigit(d)) {
                return SqlToken.Kind.OPERATOR;
            }
            while (pos < length && isDigit(text.charAt(pos))) {
                pos++;
            }
            return SqlToken.Kind.PARAM;
        }
        if (isIdentStart(c)) {
            return wordOrPrefixedQuote(c, d);
        }
        if (isDigit(c) || (c == '.' && isDigit(d))) {
            number();
            return SqlToken.Kind.NUMBER;
        }
        if (c == ':' && d == ':') {
            pos += 2;
            return SqlToken.Kind.OPERATOR;
        }
        if (PUNCTUATION.indexOf(c) >= 0) {
            pos++;
            return SqlToken.Kind.PUNCT;
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            operator();
            return SqlToken.Kind.OPERATOR;
        }
        pos++;
        return SqlToken.Kind.OPERATOR;
    }

    int tokenStart() {
        return tokenStart;
    }

    private SqlToken.Kind wordOrPrefixedQuote(char c, char d) {
        int start = pos;
        if (d == '\'' && (c == 'e' || c == 'E')) {
            quoteAt = ++pos;
            skipEscapeString(pos);
            return SqlToken.Kind.STRING;
        }
        if (d == '\'' && "bBxXnN".indexOf(c) >= 0) {
            quoteAt = ++pos;
            skipStandardString(pos);
            return SqlToken.Kind.STRING;
        }
        if ((c == 'u' || c == 'U') && d == '&' && (at(start + 2) == '\'' || at(start + 2) == '"')) {
            pos += 2;
            quoteAt = pos;
            if (at(pos) == '\'') {
                skipStandardString(pos);
                return SqlToken.Kind.STRING;
            }
            skipQuotedIdentifier(pos);
            return SqlToken.Kind.QUOTED_IDENT;
        }
        pos++;
        while (pos < length && isIdentCont(text.charAt(pos))) {
            pos++;
        }
        return SqlToken.Kind.WORD;
    }

    /** Digits with {@code .} and {@code _}, an exponent; {@code 1..2} stops before the dots. */
    private void number() {
        while (pos < length && (isDigit(text.charAt(pos)) || text.charAt(pos) == '.' || text.charAt(pos) == '_')) {
            if (text.charAt(pos) == '.' && at(pos + 1) == '.') {
                break;
            }
            pos++;
        }
        char e = at(pos);
        char sign = at(pos + 1);
        if ((e == 'e' || e == 'E') && (isDigit(sign) || ((sign == '+' || sign == '-') && isDigit(at(pos + 2))))) {
            pos += 2;
            while (pos < length && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
    }

    /** scan.l's operator rule: the longest run of operator characters, trimmed as its comment says. */
    private void operator() {
        int end = pos;
        while (end < length && OPERATOR_CHARS.indexOf(text.charAt(end)) >= 0) {
            if ((text.charAt(end) == '-' && at(end + 1) == '-') || (text.charAt(end) == '/' && at(end + 1) == '*')) {
                break;
            }
            end++;
        }
        int n = end - pos;
        if (n > 1 && isSign(text.charAt(pos + n - 1))) {
            boolean other = false;
            for (int i = pos; i < pos + n - 1; i++) {
                other |= NON_SQL_OPERATOR_CHARS.indexOf(text.charAt(i)) >= 0;
            }
            if (!other) {
                do {
                    n--;
                } while (n > 1 && isSign(text.charAt(pos + n - 1)));
            }
        }
        pos += n;
    }

    private static boolean isSign(char c) {
        return c == '+' || c == '-';
    }

    /** At {@code --}: moves to the newline or carriage return that ends the comment (not past it). */
    void skipLineComment() {
        while (pos < length && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
    }

    /** Moves to the next newline (not past it): where a psql meta-command's line ends. */
    void skipToEndOfLine() {
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
     * The content of the quoted run opened at {@code open} and closed just before {@code pos}; in an
     * {@code E'...'} string, its backslash escapes decoded as PostgreSQL decodes them ({@code \\n}, {@code \\t},
     * {@code \\b}, {@code \\f}, {@code \\r}, octal {@code \\ooo}, hex {@code \\xhh}, {@code \\uXXXX},
     * {@code \\UXXXXXXXX}; any other character stands for itself).
     */
    private String unquote(int open, char quote, boolean backslashEscapes) {
        StringBuilder value = new StringBuilder();
        int end = pos - 1;
        for (int i = open + 1; i < end; i++) {
            char c = text.charAt(i);
            if (backslashEscapes && c == '\\' && i + 1 < end) {
                i = unescape(i + 1, end, value);
            } else {
                value.append(c);
                if (c == quote) {
                    i++;
                }
            }
        }
        return value.toString();
    }

    /** Decodes the escape whose first character (after the backslash) is at {@code at}; returns its last index. */
    private int unescape(int at, int end, StringBuilder value) {
        char e = text.charAt(at);
        switch (e) {
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'r' -> value.append('\r');
            case 'x', 'u', 'U' -> {
                int max = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                int last = at;
                while (last + 1 < end && last - at < max && Character.digit(text.charAt(last + 1), 16) >= 0) {
                    last++;
                }
                if (last == at) {
                    value.append(e); // no hex digit follows: the letter itself
                    return at;
                }
                value.appendCodePoint(Integer.parseInt(text.substring(at + 1, last + 1), 16));
                return last;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int last = at;
                    while (last + 1 < end && last - at < 2 && text.charAt(last + 1) >= '0' && text.charAt(last + 1) <= '7') {
                        last++;
                    }
                    value.append((char) Integer.parseInt(text.substring(at, last + 1), 8));
                    return last;
                }
                value.append(e);
            }
        }
        return at;
    }

    /** {@code identifier} cut to PostgreSQL's 63 bytes, on a character boundary. */
    static String truncate(String identifier) {
        return identifier.length() * 3 <= MAX_IDENTIFIER_BYTES ? identifier : clipToBytes(identifier, MAX_IDENTIFIER_BYTES);
    }

    /**
     * The longest prefix of {@code s} that fits in {@code maxBytes} bytes of UTF-8 without cutting a
     * character: how PostgreSQL shortens names, those it reads and those it makes up.
     */
    public static String clipToBytes(String s, int maxBytes) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int n = ch.getBytes(StandardCharsets.UTF_8).length;
            if (used + n > maxBytes) {
                break;
            }
            sb.append(ch);
            used += n;
            i += Character.charCount(cp);
        }
        return sb.toString();
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
            while (j < length && (isIdentStart(text.charAt(j)) || isDigit(text.charAt(j)))) {
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
     * identifiers as written, string and dollar-quoted literals as a single {@code '}, any other
     * token as written. Comments and whitespace are dropped.
     */
    static List<String> tokens(String sql) {
        return tokens(sql, Integer.MAX_VALUE);
    }

    /** The first {@code limit} tokens of {@link #tokens(String)}: the lexer stops there. */
    static List<String> tokens(String sql, int limit) {
        SqlLexer lx = new SqlLexer(sql, null);
        List<String> out = new ArrayList<>();
        SqlToken.Kind kind;
        while (out.size() < limit && (kind = lx.advance()) != null) {
            out.add(switch (kind) {
                case WORD -> sql.substring(lx.tokenStart, lx.pos).toUpperCase(Locale.ROOT);
                case STRING, DOLLAR_STRING -> "'";
                default -> sql.substring(lx.tokenStart, lx.pos);
            });
        }
        return out;
    }
}
