package dev.confiture.report.html;

import java.util.List;
import java.util.Set;

import dev.confiture.model.ConfitureException;
import dev.confiture.sql.SqlLexer;
import dev.confiture.sql.SqlToken;

/**
 * SQL as highlighted HTML, over the splitter's and interpreter's own lexer ({@link SqlLexer}), so strings,
 * quoted names and dollar-quoted bodies are cut exactly where PostgreSQL cuts them. Words in
 * {@link #KEYWORDS} are keywords; the text between tokens is white space or a comment.
 */
public final class SqlHighlighter {

    /** The words a migration mostly consists of; enough to make its structure visible, not PostgreSQL's full list. */
    static final Set<String> KEYWORDS = Set.of("add", "all", "alter", "and", "as", "asc", "begin", "by", "cascade",
            "check", "collate", "column", "comment", "concurrently", "constraint", "create", "database", "default",
            "deferrable", "delete", "desc", "distinct", "do", "domain", "drop", "else", "end", "enum", "exists",
            "extension", "false", "for", "foreign", "from", "function", "generated", "grant", "group", "having", "identity",
            "if", "in", "index", "initially", "insert", "into", "is", "join", "key", "language", "like", "limit",
            "materialized", "not", "null", "on", "or", "order", "owned", "partition", "policy", "primary", "procedure",
            "references", "rename", "replace", "restrict", "returns", "revoke", "schema", "select", "sequence", "set",
            "table", "then", "to", "trigger", "true", "type", "unique", "update", "using", "values", "view", "when",
            "where", "with");

    private SqlHighlighter() {
    }

    /** {@code sql} as HTML with {@code <span class="k|s|n|q|c|o">} around keywords, strings, numbers, quoted names, comments, operators. */
    public static String highlight(String sql) {
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokenize(sql);
        } catch (ConfitureException e) {
            // an unterminated quote or comment: PostgreSQL will refuse the file; show it as it is
            return Html.escape(sql);
        }
        StringBuilder out = new StringBuilder(sql.length() * 2);
        int pos = 0;
        for (SqlToken t : tokens) {
            gap(out, sql.substring(pos, t.offset()));
            int end = t.offset() + t.text().length();
            String css = switch (t.kind()) {
                case WORD -> KEYWORDS.contains(t.value()) ? "k" : null;
                case STRING, DOLLAR_STRING -> "s";
                case NUMBER -> "n";
                case QUOTED_IDENT -> "q";
                case OPERATOR -> "o";
                default -> null;
            };
            span(out, css, sql.substring(t.offset(), end));
            pos = end;
        }
        gap(out, sql.substring(pos));
        return out.toString();
    }

    /** White space as it is; anything else between tokens is a comment. */
    private static void gap(StringBuilder out, String gap) {
        int i = 0;
        while (i < gap.length()) {
            int start = i;
            while (i < gap.length() && Character.isWhitespace(gap.charAt(i))) {
                i++;
            }
            out.append(Html.escape(gap.substring(start, i)));
            start = i;
            // a comment runs to the next token; white space inside it (line comments end at a new line) stays in it
            if (i < gap.length()) {
                span(out, "c", gap.substring(start).stripTrailing());
                out.append(Html.escape(gap.substring(start + gap.substring(start).stripTrailing().length())));
                return;
            }
        }
    }

    /**
     * A span never runs across a line end (a multi-line string or comment is one span per line), so the
     * page can cut the result at each {@code \n} into lines of their own, to number and mark them.
     */
    private static void span(StringBuilder out, String css, String text) {
        if (css == null) {
            out.append(Html.escape(text));
            return;
        }
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            String part = text.substring(start, nl < 0 ? text.length() : nl);
            if (!part.isEmpty()) {
                out.append("<span class=\"").append(css).append("\">").append(Html.escape(part)).append("</span>");
            }
            if (nl < 0) {
                return;
            }
            out.append('\n');
            start = nl + 1;
        }
    }
}
