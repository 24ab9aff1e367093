package dev.confiture.model.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the secrets in another session's SQL text before it reaches a log line: a lock holder's
 * query from {@code pg_stat_activity} may be {@code ALTER ROLE app PASSWORD 'hunter2'}, a
 * {@code CREATE USER MAPPING ... OPTIONS (password 'x')} or a
 * {@code set_config('app.api_token', 'x', false)}, and a blocked deployment must not print it
 * into a CI log.
 * <p>
 * A literal (quoted, {@code E''} or dollar-quoted) is hidden as {@code '***'} when it follows,
 * across blanks, {@code =} and {@code ,} only, a word that names a secret or a literal that
 * mentions one (the words of {@link UrlMasker#isSecretName}: {@code password}, {@code passwd},
 * {@code secret}, {@code token}, in any case and inside longer words such as
 * {@code sslpassword}). A literal cut off by the server's {@code track_activity_query_size} is
 * hidden to the end of the text. It is a scanner, not a parser: where it cannot tell, it hides.
 */
public final class QueryTextMasker {

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$(?:[A-Za-z_][A-Za-z_0-9]*)?\\$");

    private QueryTextMasker() {
    }

    /** The text with every secret literal replaced by {@code '***'}; null stays null. */
    public static String mask(String sql) {
        if (sql == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(sql.length());
        boolean secretNext = false;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end = literalEnd(sql, i);
            if (end > i) {
                String literal = sql.substring(i, end);
                out.append(secretNext ? "'" + UrlMasker.MASK + "'" : literal);
                secretNext = !secretNext && UrlMasker.isSecretName(literal);
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int start = i;
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '.')) {
                    i++;
                }
                String word = sql.substring(start, i);
                out.append(word);
                secretNext = UrlMasker.isSecretName(word);
            } else {
                out.append(c);
                secretNext = secretNext && (Character.isWhitespace(c) || c == '=' || c == ',');
                i++;
            }
        }
        return out.toString();
    }

    /** The index after the literal that starts at {@code i}, or {@code i} when none starts there. */
    private static int literalEnd(String sql, int i) {
        char c = sql.charAt(i);
        boolean escapes = (c == 'E' || c == 'e') && i + 1 < sql.length() && sql.charAt(i + 1) == '\''
                && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)));
        if (c == '\'' || escapes) {
            int j = escapes ? i + 2 : i + 1;
            while (j < sql.length()) {
                char d = sql.charAt(j);
                if (escapes && d == '\\') {
                    j += 2;
                } else if (d == '\'' && j + 1 < sql.length() && sql.charAt(j + 1) == '\'') {
                    j += 2;
                } else if (d == '\'') {
                    return j + 1;
                } else {
                    j++;
                }
            }
            return sql.length();
        }
        if (c == '$' && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
            Matcher tag = DOLLAR_TAG.matcher(sql).region(i, sql.length());
            if (tag.lookingAt()) {
                int close = sql.indexOf(tag.group(), tag.end());
                return close < 0 ? sql.length() : close + tag.group().length();
            }
        }
        return i;
    }
}
