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

    /** The tokens of {@code sql}, by PostgreSQL's lexical rules. */
    static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        for (SqlToken t : SqlLexer.tokenize(sql)) {
            out.add(new Token(Type.valueOf(t.kind().name()), t.text(), t.value(), t.line(), t.offset()));
        }
        return out;
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
