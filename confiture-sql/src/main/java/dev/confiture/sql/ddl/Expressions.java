package dev.confiture.sql.ddl;

import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.TypeNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns expression and type tokens into the model's text. Expressions: {@link SqlText} spelling,
 * casts' type names normalised like column types, and {@code nextval('seq'::regclass)} with the
 * sequence schema-qualified ({@code nextval('public.users_id_seq'::regclass)}). Types:
 * {@link TypeNames#normalize(String)}; user-defined types (enums, composites, domains, row types)
 * resolved along the search path and written {@code schema.name}, as {@code format_type} prints
 * them with {@code search_path = pg_catalog} (what the catalog reader does).
 */
final class Expressions {

    private static final Pattern NEXTVAL = Pattern.compile("nextval\\('((?:[^']|'')*)'(::regclass)?\\)");
    private static final Set<String> CHARACTER_WORDS = Set.of("character", "char", "national", "nchar");

    private final Interpretation st;

    Expressions(Interpretation st) {
        this.st = st;
    }

    String expr(List<Token> tokens) {
        if (tokens.isEmpty()) {
            throw new UnsupportedDdl("an expression is missing");
        }
        String text = SqlText.render(qualifyCalls(normalizeCasts(tokens)));
        return normalizeNextval(text);
    }

    /**
     * Unqualified calls of the model's functions written schema-qualified, as the search path at this point
     * resolves them and as {@code pg_get_expr} prints them with {@code search_path = pg_catalog} (what the
     * catalog reader and pg_dump do): {@code controlled_for_whitespace(name)} under {@code SET search_path =
     * musicbrainz, public} is {@code musicbrainz.controlled_for_whitespace(name)}, which a migration run
     * under any search path finds. A name no schema of the path has a function of (a built-in) stays as written.
     */
    private List<Token> qualifyCalls(List<Token> tokens) {
        if (st.model.routines.isEmpty()) {
            return tokens;
        }
        List<Token> out = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean call = t.isIdentifier() && i + 1 < tokens.size() && tokens.get(i + 1).isPunct("(")
                    && (i == 0 || !tokens.get(i - 1).isPunct(".") && !tokens.get(i - 1).isPunct("::"));
            String schema = call ? routineSchema(t.value()) : null;
            if (schema != null && out == null) {
                out = new ArrayList<>(tokens.subList(0, i));
            }
            if (schema != null) {
                String q = dev.confiture.model.schema.Identifiers.quote(schema);
                out.add(new Token(Token.Type.WORD, q, q, t.line()));
                out.add(new Token(Token.Type.PUNCT, ".", ".", t.line()));
            }
            if (out != null) {
                out.add(t);
            }
        }
        return out == null ? tokens : out;
    }

    /** The first schema of the search path with a function of this name; null when none has (pg_catalog first, as PostgreSQL searches). */
    private String routineSchema(String name) {
        List<String> path = st.searchPath();
        if (!path.contains("pg_catalog") && hasRoutine("pg_catalog", name)) {
            return null;
        }
        for (String schema : path) {
            if (schema.equals("$user")) {
                continue;
            }
            if (hasRoutine(schema, name)) {
                return schema.equals("pg_catalog") ? null : schema;
            }
        }
        return null;
    }

    private boolean hasRoutine(String schema, String name) {
        return st.model.routines.keySet().stream().anyMatch(s -> s.name().name().equals(name)
                && s.name().schema().equals(schema));
    }

    /** {@code nextval('public.users_id_seq'::regclass)} -> {@code nextval('users_id_seq'::regclass)}. */
    String normalizeNextval(String text) {
        if (!text.contains("nextval(")) {
            return text;
        }
        Matcher m = NEXTVAL.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String inner = m.group(1).replace("''", "'");
            String replacement;
            try {
                List<String> parts = new Cursor(Token.tokenize(inner)).dottedName();
                QualifiedName seq = st.resolve(parts, st.model.sequences::containsKey);
                replacement = nextval(seq);
            } catch (RuntimeException e) {
                replacement = m.group();
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static String nextval(QualifiedName seq) {
        return "nextval('" + Interpretation.displayName(seq).replace("'", "''") + "'::regclass)";
    }

    /** Replaces the type after each {@code ::} by its normalised spelling. */
    private List<Token> normalizeCasts(List<Token> tokens) {
        boolean any = false;
        for (Token t : tokens) {
            if (t.isPunct("::")) {
                any = true;
                break;
            }
        }
        if (!any) {
            return tokens;
        }
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            out.add(t);
            if (t.isPunct("::") && i + 1 < tokens.size() && tokens.get(i + 1).isIdentifier()) {
                int end = typeEnd(tokens, i + 1);
                String type = type(tokens.subList(i + 1, end));
                out.add(new Token(Token.Type.WORD, type, type, t.line()));
                i = end - 1;
            }
        }
        return out;
    }

    /** The index after the type name that starts at {@code start}. */
    static int typeEnd(List<Token> tokens, int start) {
        int i = start + 1;
        String first = tokens.get(start).value();
        while (i + 1 < tokens.size() && tokens.get(i).isPunct(".") && tokens.get(i + 1).isIdentifier()) {
            i += 2;
        }
        if (CHARACTER_WORDS.contains(first) && i < tokens.size() && tokens.get(i).isWord("varying")) {
            i++;
        } else if (first.equals("double") && i < tokens.size() && tokens.get(i).isWord("precision")) {
            i++;
        } else if (first.equals("bit") && i < tokens.size() && tokens.get(i).isWord("varying")) {
            i++;
        }
        if (i < tokens.size() && tokens.get(i).isPunct("(")) {
            int depth = 0;
            for (; i < tokens.size(); i++) {
                if (tokens.get(i).isPunct("(")) {
                    depth++;
                } else if (tokens.get(i).isPunct(")") && --depth == 0) {
                    i++;
                    break;
                }
            }
        }
        if ((first.equals("timestamp") || first.equals("time")) && i + 2 < tokens.size()
                && (tokens.get(i).isWord("with") || tokens.get(i).isWord("without"))
                && tokens.get(i + 1).isWord("time") && tokens.get(i + 2).isWord("zone")) {
            i += 3;
        }
        while (i < tokens.size() && tokens.get(i).isPunct("[")) {
            while (i < tokens.size() && !tokens.get(i).isPunct("]")) {
                i++;
            }
            i++;
        }
        return Math.min(i, tokens.size());
    }

    /** A column/argument type as the model spells it. */
    String type(List<Token> tokens) {
        if (tokens.isEmpty()) {
            throw new UnsupportedDdl("a type name is missing");
        }
        Cursor c = new Cursor(tokens);
        if (tokens.get(0).isIdentifier()) {
            List<String> parts = c.dottedName();
            String suffix = SqlText.render(c.rest());
            if (!isUserType(parts)) {
                if (parts.size() == 2 && parts.get(0).equals("public") && !parts.get(1).equals("char")) {
                    // an extension's type (citext, hstore): keep what was written, qualified
                    return TypeNames.normalize(SqlText.render(tokens));
                }
                if (parts.size() == 1 && tokens.get(0).type() == Token.Type.QUOTED_IDENT
                        && parts.get(0).equals("char")) {
                    return TypeNames.normalize("\"char\"" + suffix);  // the one-byte internal type
                }
                if (parts.size() == 1) {
                    var extension = st.model.extensions.get(parts.get(0));
                    if (extension != null && tokens.get(0).type() == Token.Type.WORD) {
                        // citext, hstore, ltree ...: the type an extension of that name installed
                        return TypeNames.normalize(QualifiedName.of(extension.schema(), parts.get(0)) + suffix);
                    }
                    return TypeNames.normalize(SqlText.render(tokens));
                }
                if (parts.size() == 2 && parts.get(0).equals("pg_catalog")) {
                    return normalizeType(tokens.subList(2, tokens.size()));
                }
            }
            QualifiedName q = st.typeName(parts);
            return TypeNames.normalize(Interpretation.displayName(q) + suffix).replace(", ", ",");
        }
        return TypeNames.normalize(SqlText.render(tokens));
    }

    private String normalizeType(List<Token> tokens) {
        if (tokens.size() >= 1 && tokens.get(0).type() == Token.Type.QUOTED_IDENT && tokens.get(0).value().equals("char")) {
            return TypeNames.normalize("\"char\"" + SqlText.render(tokens.subList(1, tokens.size())));
        }
        return TypeNames.normalize(SqlText.render(tokens));
    }

    private boolean isUserType(List<String> parts) {
        QualifiedName q = st.typeName(parts);
        return st.model.enums.containsKey(q) || st.model.composites.containsKey(q) || st.model.domains.containsKey(q)
                || st.model.tables.containsKey(q) || st.model.views.containsKey(q) || TypeDdl.isRangeOrMultirange(st, q);
    }

    /** CHECK (...) text as pg_get_constraintdef prints it: the expression wrapped in one more pair of parentheses unless it is a plain name or call. */
    static String checkDefinition(String expr) {
        if (fullyParenthesized(expr) || expr.matches("[a-z_][a-z0-9_$.]*") || expr.matches("[a-z_][a-z0-9_$.]*\\(.*\\)")
                && fullyParenthesized(expr.substring(expr.indexOf('(')))) {
            return "CHECK (" + expr + ")";
        }
        return "CHECK ((" + expr + "))";
    }

    static boolean fullyParenthesized(String expr) {
        if (!expr.startsWith("(") || !expr.endsWith(")")) {
            return false;
        }
        List<Token> tokens = Token.tokenize(expr);
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")")) {
                depth--;
                if (depth == 0 && i < tokens.size() - 1) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Strips one pair of outer parentheses that wraps the whole expression. */
    static String unwrap(String expr) {
        return fullyParenthesized(expr) ? expr.substring(1, expr.length() - 1) : expr;
    }
}
