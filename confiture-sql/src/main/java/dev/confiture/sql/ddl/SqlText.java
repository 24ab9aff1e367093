package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Identifiers;
import java.util.List;
import java.util.Set;

/**
 * The canonical spelling of an expression or query kept in the model (defaults, CHECK bodies,
 * index keys, view queries, policy expressions): the source's tokens with comments dropped,
 * unquoted words in lower case, quoted identifiers unquoted where SQL does not need the quotes,
 * dollar-quoted strings turned into standard {@code '...'} strings, string literals otherwise
 * verbatim, and exactly one space between tokens except none around {@code .} and {@code ::},
 * none inside brackets, before commas, or between a function name and its {@code (}.
 * Two sources that differ only in formatting, comments or keyword case give the same text.
 */
final class SqlText {

    /** Words followed by a space before "(": keywords, not function names. */
    private static final Set<String> SPACED_BEFORE_PAREN = Set.of(
            "and", "or", "not", "in", "as", "check", "exists", "any", "all", "some", "values", "using", "with", "over",
            "filter", "within", "then", "else", "when", "is", "on", "select", "from", "where", "case", "by", "join",
            "union", "intersect", "except", "between", "like", "ilike", "similar", "to", "distinct", "returning",
            "into", "set", "return", "default", "lateral", "array", "escape", "for", "of", "key", "unique", "include",
            "exclude", "references", "table", "view", "partition", "range", "list", "hash", "modulus", "remainder",
            "having", "limit", "offset", "do", "conflict", "window", "recursive", "materialized", "returns", "nulls",
            "first", "last", "asc", "desc", "only", "if", "while", "loop", "elsif", "raise", "perform", "begin", "end");

    /** Words after which "-" or "+" is a sign, not a binary operator. */
    private static final Set<String> OPERAND_EXPECTED = Set.of(
            "and", "or", "not", "then", "else", "when", "select", "default", "return", "where", "case", "in", "by",
            "between", "values", "from", "as", "like", "is", "with", "start", "increment", "minvalue", "maxvalue",
            "cache", "restart", "array", "having", "on", "limit", "offset");

    private SqlText() {
    }

    static String render(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        Token prev = null;
        boolean prevUnary = false;
        for (Token t : tokens) {
            String text = spell(t);
            if (prev != null && needsSpace(prev, t, prevUnary)) {
                sb.append(' ');
            }
            sb.append(text);
            prevUnary = t.type() == Token.Type.OPERATOR && (t.text().equals("-") || t.text().equals("+"))
                    && operandExpected(prev);
            prev = t;
        }
        return sb.toString();
    }

    static String spell(Token t) {
        return switch (t.type()) {
            case WORD -> t.value();
            case QUOTED_IDENT -> t.text().regionMatches(true, 0, "U&", 0, 2) ? t.text() : Identifiers.quote(t.value());
            case DOLLAR_STRING -> "'" + t.value().replace("'", "''") + "'";
            default -> t.text();
        };
    }

    private static boolean operandExpected(Token prev) {
        if (prev == null) {
            return true;
        }
        if (prev.type() == Token.Type.PUNCT) {
            return !prev.text().equals(")") && !prev.text().equals("]");
        }
        if (prev.type() == Token.Type.OPERATOR) {
            return true;
        }
        return prev.type() == Token.Type.WORD && OPERAND_EXPECTED.contains(prev.value());
    }

    private static boolean needsSpace(Token prev, Token t, boolean prevUnary) {
        String p = prev.text();
        String c = t.text();
        if (prevUnary) {
            return false;
        }
        if (prev.type() == Token.Type.PUNCT && (p.equals("(") || p.equals("[") || p.equals("."))) {
            return false;
        }
        if (prev.type() == Token.Type.OPERATOR && p.equals("::")) {
            return false;
        }
        if (t.type() == Token.Type.PUNCT) {
            switch (c) {
                case ")", "]", ",", ".", ";":
                    return false;
                case "[":
                    return !(prev.isIdentifier() || p.equals(")") || p.equals("]"));
                case "(":
                    if (prev.type() == Token.Type.QUOTED_IDENT) {
                        return false;
                    }
                    if (prev.type() == Token.Type.WORD) {
                        return SPACED_BEFORE_PAREN.contains(prev.value());
                    }
                    return !(p.equals("(") || p.equals("["));
                case ":":
                    return false;
                default:
                    return true;
            }
        }
        if (t.type() == Token.Type.OPERATOR && c.equals("::")) {
            return false;
        }
        if (prev.type() == Token.Type.PUNCT && p.equals(":")) {
            return false;
        }
        return true;
    }
}
