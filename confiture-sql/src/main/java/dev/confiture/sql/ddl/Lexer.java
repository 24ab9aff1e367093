package dev.confiture.sql.ddl;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's lexical rules, enough to read one statement the splitter cut out: words, quoted
 * identifiers ({@code "a""b"}, {@code U&"..."}), strings ({@code '..'}, {@code E'..'} with
 * backslash escapes, {@code B'..'}, {@code X'..'}, {@code N'..'}), dollar-quoted strings with tags,
 * numbers, operators, punctuation; line and nested block comments are skipped.
 */
final class Lexer {

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private final String s;
    private int pos;
    private int line;
    private final List<Token> out = new ArrayList<>();

    private Lexer(String s) {
        this.s = s;
    }

    static List<Token> tokenize(String sql) {
        Lexer l = new Lexer(sql);
        l.run();
        return l.out;
    }

    private void run() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else if (c == '\'') {
                string(pos, false);
            } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
                string(pos, true);
            } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n') && peek(1) == '\'') {
                string(pos, false);
            } else if ((c == 'U' || c == 'u') && peek(1) == '&' && peek(2) == '\'') {
                string(pos, false);
            } else if ((c == 'U' || c == 'u') && peek(1) == '&' && peek(2) == '"') {
                int start = pos;
                pos += 2;
                quotedIdent(start);
            } else if (c == '"') {
                quotedIdent(pos);
            } else if (c == '$' && dollarTag() != null) {
                dollarString();
            } else if (c == '$' && Character.isDigit(peek(1))) {
                int start = pos++;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                add(Token.Type.PARAM, start);
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                number();
            } else if (Character.isLetter(c) || c == '_' || c >= 0x80) {
                int start = pos;
                while (pos < s.length()) {
                    char d = s.charAt(pos);
                    if (Character.isLetterOrDigit(d) || d == '_' || d == '$' || d >= 0x80) {
                        pos++;
                    } else {
                        break;
                    }
                }
                Token w = Token.word(s.substring(start, pos), line, start);
                out.add(w.value().length() > 63 ? new Token(w.type(), w.text(), truncate(w.value()), line, start) : w);
            } else if (c == ':' && peek(1) == ':') {
                pos += 2;
                out.add(new Token(Token.Type.OPERATOR, "::", "::", line, pos - 2));
            } else if ("(),;[].:".indexOf(c) >= 0) {
                pos++;
                out.add(new Token(Token.Type.PUNCT, String.valueOf(c), String.valueOf(c), line, pos - 1));
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                int start = pos;
                while (pos < s.length() && OPERATOR_CHARS.indexOf(s.charAt(pos)) >= 0
                        && !(s.charAt(pos) == '-' && peek(1) == '-') && !(s.charAt(pos) == '/' && peek(1) == '*')) {
                    pos++;
                }
                add(Token.Type.OPERATOR, start);
            } else {
                int start = pos++;
                add(Token.Type.OPERATOR, start);
            }
        }
    }

    /** PostgreSQL cuts identifiers to NAMEDATALEN - 1 = 63 bytes (with a NOTICE). */
    static String truncate(String identifier) {
        byte[] b = identifier.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length <= 63) {
            return identifier;
        }
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < identifier.length(); ) {
            int cp = identifier.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int n = ch.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (used + n > 63) {
                break;
            }
            sb.append(ch);
            used += n;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private char peek(int ahead) {
        int p = pos + ahead;
        return p < s.length() ? s.charAt(p) : '\0';
    }

    private void add(Token.Type type, int start) {
        String text = s.substring(start, pos);
        out.add(new Token(type, text, text, line, start));
    }

    private void blockComment() {
        int depth = 0;
        while (pos < s.length()) {
            if (s.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (s.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                if (s.charAt(pos) == '\n') {
                    line++;
                }
                pos++;
            }
        }
    }

    private void string(int start, boolean escapes) {
        int startLine = line;
        while (s.charAt(pos) != '\'') {
            pos++;
        }
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\n') {
                line++;
            }
            if (escapes && c == '\\' && pos + 1 < s.length()) {
                value.append(c).append(s.charAt(pos + 1));
                pos += 2;
            } else if (c == '\'') {
                if (peek(1) == '\'') {
                    value.append('\'');
                    pos += 2;
                } else {
                    pos++;
                    break;
                }
            } else {
                value.append(c);
                pos++;
            }
        }
        out.add(new Token(Token.Type.STRING, s.substring(start, pos), value.toString(), startLine, start));
    }

    private void quotedIdent(int start) {
        int startLine = line;
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\n') {
                line++;
            }
            if (c == '"') {
                if (peek(1) == '"') {
                    value.append('"');
                    pos += 2;
                } else {
                    pos++;
                    break;
                }
            } else {
                value.append(c);
                pos++;
            }
        }
        out.add(new Token(Token.Type.QUOTED_IDENT, s.substring(start, pos), truncate(value.toString()), startLine,
                start));
    }

    /** The {@code $tag$} at pos, or null when this is not the start of a dollar quote. */
    private String dollarTag() {
        int p = pos + 1;
        while (p < s.length()) {
            char c = s.charAt(p);
            if (c == '$') {
                return s.substring(pos, p + 1);
            }
            boolean ok = Character.isLetter(c) || c == '_' || c >= 0x80 || (p > pos + 1 && Character.isDigit(c));
            if (!ok) {
                return null;
            }
            p++;
        }
        return null;
    }

    private void dollarString() {
        int start = pos;
        int startLine = line;
        String tag = dollarTag();
        int bodyStart = pos + tag.length();
        int end = s.indexOf(tag, bodyStart);
        if (end < 0) {
            end = s.length();
        }
        String body = s.substring(bodyStart, end);
        line += (int) body.chars().filter(ch -> ch == '\n').count();
        pos = Math.min(s.length(), end + tag.length());
        out.add(new Token(Token.Type.DOLLAR_STRING, s.substring(start, pos), body, startLine, start));
    }

    private void number() {
        int start = pos;
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.' || s.charAt(pos) == '_')) {
            if (s.charAt(pos) == '.' && peek(1) == '.') {
                break;
            }
            pos++;
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')
                && (Character.isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
            pos += 2;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        add(Token.Type.NUMBER, start);
    }
}
