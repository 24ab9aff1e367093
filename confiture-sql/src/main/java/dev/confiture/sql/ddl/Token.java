package dev.confiture.sql.ddl;

import dev.confiture.sql.SqlLexer;
import dev.confiture.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;

/**
 * One lexical token of a statement, as the interpreter reads it: {@link SqlLexer}'s token, plus
 * the tokens the interpreter makes up itself. {@code text} is the source spelling; {@code value} what it
 * means: an unquoted word folded to lower case, a quoted identifier without its quotes, a string's
 * content. {@code line} is 0-based relative to the statement's first line; {@code offset} the
 * character offset in the lexed text (-1 for tokens made up by the interpreter).
 */
record Token(Type type, String text, String value, int line, int offset) {

    Token(Type type, String text, String value, int line) {
        this(type, text, value, line, -1);
    }

    enum Type { WORD, QUOTED_IDENT, STRING, DOLLAR_STRING, NUMBER, OPERATOR, PUNCT, PARAM }

    /** The lexer's kinds as types, by ordinal: looked up for every token, by name it was a hot spot on a cold JVM. */
    private static final Type[] OF_KIND = kinds();

    private static Type[] kinds() {
        SqlToken.Kind[] kinds = SqlToken.Kind.values();
        Type[] types = new Type[kinds.length];
        for (SqlToken.Kind k : kinds) {
            types[k.ordinal()] = Type.valueOf(k.name());
        }
        return types;
    }

    /** The tokens of {@code sql}, by PostgreSQL's lexical rules. */
    static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int previousEnd = -1;
        for (SqlToken t : SqlLexer.tokenize(sql)) {
            Token token = new Token(OF_KIND[t.kind().ordinal()], t.text(), t.value(), t.line(), t.offset());
            Token previous = out.isEmpty() ? null : out.get(out.size() - 1);
            if (previous != null && continues(sql, previous, previousEnd, token)) {
                // 'a'<newline>'b' is one constant, 'ab', spelt as one literal
                String value = previous.value + token.value;
                out.set(out.size() - 1, new Token(Type.STRING, "'" + value.replace("'", "''") + "'", value,
                        previous.line, previous.offset));
            } else {
                out.add(token);
            }
            previousEnd = t.offset() + t.text().length();
        }
        return out;
    }

    /**
     * PostgreSQL joins two string constants separated only by whitespace that holds a newline
     * (SQL's continuation rule; a {@code --} comment counts as whitespace); the second must be a plain quote, not {@code E'} or a dollar quote.
     */
    private static boolean continues(String sql, Token previous, int previousEnd, Token next) {
        if (previous.type != Type.STRING || next.type != Type.STRING || next.text.charAt(0) != '\''
                || previousEnd < 0 || next.offset < 0) {
            return false;
        }
        String between = sql.substring(previousEnd, next.offset);
        boolean newline = false;
        for (int i = 0; i < between.length(); i++) {
            char c = between.charAt(i);
            if (c == '\n' || c == '\r') {
                newline = true;
            } else if (c == '-' && between.startsWith("--", i)) {
                while (i + 1 < between.length() && between.charAt(i + 1) != '\n' && between.charAt(i + 1) != '\r') {
                    i++;
                }
            } else if (c != ' ' && c != '\t' && c != '\f') {
                return false;
            }
        }
        return newline;
    }


    boolean isWord(String lowerWord) {
        return type == Type.WORD && value.equals(lowerWord);
    }

    boolean isPunct(String p) {
        return (type == Type.PUNCT || type == Type.OPERATOR) && text.equals(p);
    }

    /** A word or quoted identifier: something that can name an object. */
    boolean isIdentifier() {
        return type == Type.WORD || type == Type.QUOTED_IDENT;
    }

    boolean isStringLike() {
        return type == Type.STRING || type == Type.DOLLAR_STRING;
    }
}
