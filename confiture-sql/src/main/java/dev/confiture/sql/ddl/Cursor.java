package dev.confiture.sql.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A read position in one statement's tokens, with the small vocabulary the statement readers need. */
final class Cursor {

    private final List<Token> tokens;
    private int pos;

    Cursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    boolean atEnd() {
        return pos >= tokens.size();
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        int p = pos + ahead;
        return p >= 0 && p < tokens.size() ? tokens.get(p) : null;
    }

    Token next() {
        if (atEnd()) {
            throw new UnsupportedDdl("the statement ends too early");
        }
        return tokens.get(pos++);
    }

    int position() {
        return pos;
    }

    void reset(int position) {
        pos = position;
    }

    /** True when the next tokens are these words (or punctuation), in order; consumes nothing. */
    boolean is(String... words) {
        for (int i = 0; i < words.length; i++) {
            Token t = peek(i);
            if (t == null || !matches(t, words[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Token t, String w) {
        if (Character.isLetter(w.charAt(0))) {
            return t.isWord(w);
        }
        return t.isPunct(w);
    }

    boolean accept(String... words) {
        if (is(words)) {
            pos += words.length;
            return true;
        }
        return false;
    }

    void expect(String... words) {
        if (!accept(words)) {
            throw new UnsupportedDdl("expected " + String.join(" ", words).toUpperCase(java.util.Locale.ROOT)
                    + " but found " + describeNext());
        }
    }

    String describeNext() {
        return atEnd() ? "the end of the statement" : "'" + peek().text() + "'";
    }

    /** An identifier (word or quoted), folded as PostgreSQL stores it. */
    String identifier() {
        Token t = next();
        if (!t.isIdentifier()) {
            throw new UnsupportedDdl("expected a name but found '" + t.text() + "'");
        }
        return t.value();
    }

    /** {@code a}, {@code a.b} or {@code a.b.c}, each part folded. */
    List<String> dottedName() {
        List<String> parts = new ArrayList<>();
        parts.add(identifier());
        while (is(".") && peek(1) != null && peek(1).isIdentifier()) {
            pos++;
            parts.add(identifier());
        }
        return parts;
    }

    /** The tokens inside the parentheses that start here (consumed with them). */
    List<Token> parenthesized() {
        if (!is("(")) {
            throw new UnsupportedDdl("expected '(' but found " + describeNext());
        }
        int depth = 0;
        int start = pos;
        while (!atEnd()) {
            Token t = tokens.get(pos++);
            if (t.isPunct("(") || t.isPunct("[")) {
                depth++;
            } else if (t.isPunct(")") || t.isPunct("]")) {
                depth--;
                if (depth == 0) {
                    return tokens.subList(start + 1, pos - 1);
                }
            }
        }
        throw new UnsupportedDdl("unbalanced parentheses");
    }

    /** Tokens from here up to (not including) the first depth-0 token that {@code stop} accepts, or the end. */
    List<Token> until(Predicate<Cursor> stop) {
        int depth = 0;
        int start = pos;
        while (!atEnd()) {
            Token t = tokens.get(pos);
            if (depth == 0 && stop.test(this)) {
                break;
            }
            if (t.isPunct("(") || t.isPunct("[")) {
                depth++;
            } else if (t.isPunct(")") || t.isPunct("]")) {
                depth--;
            }
            pos++;
        }
        return tokens.subList(start, pos);
    }

    /** Tokens up to the next depth-0 token that is one of these words/punctuation. */
    List<Token> untilAny(String... stops) {
        return untilAny(Stops.of(stops));
    }

    /** As {@link #untilAny(String...)}, with the stop phrases split into words once, ahead. */
    List<Token> untilAny(Stops stops) {
        return until(c -> {
            for (String[] w : stops.words) {
                if (c.is(w)) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * Stop phrases ({@code "not null"}) split into their words. A list the interpreter tries at every
     * column definition is made once (a constant): split there, it was a tenth of validate's own
     * samples on a cold JVM over 1,000 tables (docs/validate.md).
     */
    static final class Stops {
        private final String[][] words;

        private Stops(String[][] words) {
            this.words = words;
        }

        static Stops of(String... phrases) {
            String[][] words = new String[phrases.length][];
            for (int i = 0; i < phrases.length; i++) {
                words[i] = phrases[i].split(" ");
            }
            return new Stops(words);
        }
    }

    List<Token> rest() {
        List<Token> r = tokens.subList(pos, tokens.size());
        pos = tokens.size();
        return r;
    }

    /** Splits tokens at depth-0 commas. */
    static List<List<Token>> splitCommas(List<Token> tokens) {
        List<List<Token>> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct("(") || t.isPunct("[")) {
                depth++;
            } else if (t.isPunct(")") || t.isPunct("]")) {
                depth--;
            } else if (depth == 0 && t.isPunct(",")) {
                parts.add(tokens.subList(start, i));
                start = i + 1;
            }
        }
        if (start < tokens.size() || !parts.isEmpty()) {
            parts.add(tokens.subList(start, tokens.size()));
        }
        return parts;
    }

    void expectEnd() {
        if (!atEnd()) {
            throw new UnsupportedDdl("unexpected " + describeNext());
        }
    }
}
