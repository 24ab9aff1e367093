package dev.confiture.model.ddl;

import java.util.ArrayList;
import java.util.List;

/**
 * The lexer's tokens as spans of the text, for callers outside the interpreter that show SQL (the
 * HTML report's highlighter): one lexer decides what is a string, a quoted name or a dollar-quoted
 * body, so a highlighted file never disagrees with how it is read. Text between spans is white space
 * or comments.
 */
public final class SqlTokens {

    /** What a span is, as the lexer sees it. */
    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, DOLLAR_STRING, NUMBER, OPERATOR, PUNCTUATION, PARAMETER }

    /** One token: {@code [start, end)} in the text; {@code value} a word folded to lower case, else the source spelling. */
    public record Span(Kind kind, int start, int end, String value) {
    }

    private SqlTokens() {
    }

    /** The tokens of {@code sql} (a whole file or one statement), in order. */
    public static List<Span> of(String sql) {
        List<Span> spans = new ArrayList<>();
        for (Token t : Lexer.tokenize(sql)) {
            if (t.offset() < 0) {
                continue;
            }
            spans.add(new Span(kind(t.type()), t.offset(), t.offset() + t.text().length(), t.value()));
        }
        return spans;
    }

    private static Kind kind(Token.Type type) {
        return switch (type) {
            case WORD -> Kind.WORD;
            case QUOTED_IDENT -> Kind.QUOTED_IDENTIFIER;
            case STRING -> Kind.STRING;
            case DOLLAR_STRING -> Kind.DOLLAR_STRING;
            case NUMBER -> Kind.NUMBER;
            case OPERATOR -> Kind.OPERATOR;
            case PUNCT -> Kind.PUNCTUATION;
            case PARAM -> Kind.PARAMETER;
        };
    }
}
