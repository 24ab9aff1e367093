package dev.confiture.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.confiture.model.ConfitureException;

/**
 * {@code ${name}} in SQL (migrations, callbacks, and any SQL source a goal reads: migrate, verify,
 * validate and diff all read migrations through this one rule) replaced by
 * its value, as docs/migrations.md ("Placeholders") says: values from the environment's
 * {@code placeholders:} map and {@code -Dconfiture.placeholders.<name>}, and the built-ins
 * {@code ${confiture:env}}, {@code ${confiture:database}}, {@code ${confiture:user}}.
 *
 * <p>Like Flyway, the text is substituted everywhere, inside single-quoted strings and dollar-quoted
 * bodies too, except in comments ({@code --} and {@code /* *}{@code /}): a comment is left as written,
 * so a {@code ${...}} that a comment mentions is not an error. An unknown name is an error naming
 * the file and line of every unknown one. The checksum is over the file as written, never over
 * the substituted text (the runner's {@code Checksums}), so a value that differs per environment does not make
 * an applied migration look edited.
 *
 * @param values  placeholder name to value, built-ins included once {@link #withBuiltIns} set them
 * @param enabled false for {@code placeholderReplacement: false}: the text goes to PostgreSQL as written
 */
public record Placeholders(Map<String, String> values, boolean enabled) {

    public static final String CODE_UNKNOWN = "PLACEHOLDER_UNKNOWN";
    public static final String ENV = "confiture:env";
    public static final String DATABASE = "confiture:database";
    public static final String USER = "confiture:user";
    private static final List<String> BUILT_INS = List.of(ENV, DATABASE, USER);

    /** No user placeholders; the built-ins are still known. */
    public static final Placeholders NONE = new Placeholders(Map.of(), true);
    /** {@code placeholderReplacement: false}. */
    public static final Placeholders OFF = new Placeholders(Map.of(), false);

    public Placeholders {
        values = Map.copyOf(values);
    }

    /** These placeholders with the built-ins' values: the environment, and the database and user of the session. */
    public Placeholders withBuiltIns(String env, String database, String user) {
        Map<String, String> all = new LinkedHashMap<>(values);
        putIfNotNull(all, ENV, env);
        putIfNotNull(all, DATABASE, database);
        putIfNotNull(all, USER, user);
        return new Placeholders(all, enabled);
    }

    private static void putIfNotNull(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /**
     * {@code text} with every placeholder outside comments replaced; {@code file} only names where
     * the text came from in the error an unknown placeholder raises.
     */
    public String apply(String text, Path file) {
        if (!enabled || text.indexOf("${") < 0) {
            return text;
        }
        Scan scan = new Scan(text);
        StringBuilder out = new StringBuilder(text.length());
        List<String> unknown = new ArrayList<>();
        int firstLine = 0;
        int copied = 0;
        for (int[] ref : scan.references()) {
            String name = text.substring(ref[0] + 2, ref[1] - 1);
            String value = values.get(name);
            if (value == null && !BUILT_INS.contains(name)) {
                int line = lineOf(text, ref[0]);
                unknown.add((file == null ? "line " : file + ":") + line + ": ${" + name + "}");
                firstLine = firstLine == 0 ? line : firstLine;
                continue;
            }
            if (value == null) {
                // A built-in before the session told its value (a check, not a run): keep it.
                continue;
            }
            out.append(text, copied, ref[0]).append(value);
            copied = ref[1];
        }
        if (!unknown.isEmpty()) {
            throw unknownError(unknown, file, firstLine);
        }
        return out.append(text, copied, text.length()).toString();
    }

    private ConfitureException unknownError(List<String> unknown, Path file, int line) {
        TreeSet<String> known = new TreeSet<>(values.keySet());
        known.addAll(BUILT_INS);
        return new ConfitureException(CODE_UNKNOWN, (unknown.size() == 1 ? "Unknown placeholder" : unknown.size()
                + " unknown placeholders") + ", nothing was run:\n  - " + String.join("\n  - ", unknown)
                + "\n  Known placeholders: " + String.join(", ", known) + ".\n  Define it under placeholders: in the"
                + " environment file or with -Dconfiture.placeholders.<name>=<value>; or set placeholderReplacement: false"
                + " in the environment file if the SQL means ${...} literally.", file, line, true, null);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Where the {@code ${name}} references are: outside comments. Single-quoted strings and quoted
     * identifiers are followed only so that a {@code --} inside one is not taken for a comment; a
     * dollar-quoted body is scanned for comments (a function body's comments are comments too) until
     * its closing tag.
     */
    private static final class Scan {
        private final String text;
        private final int length;
        private final List<int[]> refs = new ArrayList<>();
        private int pos;

        Scan(String text) {
            this.text = text;
            this.length = text.length();
        }

        List<int[]> references() {
            while (pos < length) {
                char c = text.charAt(pos);
                if (c == '-' && at(pos + 1) == '-') {
                    skipLineComment();
                } else if (c == '/' && at(pos + 1) == '*') {
                    skipBlockComment();
                } else if (c == '\'' || c == '"') {
                    quoted(c, c == '\'' && pos > 0 && (text.charAt(pos - 1) == 'E' || text.charAt(pos - 1) == 'e')
                            && (pos < 2 || !isIdent(text.charAt(pos - 2))));
                } else if (c == '$' && at(pos + 1) == '{') {
                    reference();
                } else if (c == '$' && (pos == 0 || !isIdent(text.charAt(pos - 1)))) {
                    dollarQuoted();
                } else {
                    pos++;
                }
            }
            return refs;
        }

        private char at(int i) {
            return i < length ? text.charAt(i) : '\0';
        }

        private static boolean isIdent(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }

        private static boolean isNameChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-' || c == ':';
        }

        private void skipLineComment() {
            int nl = text.indexOf('\n', pos);
            pos = nl < 0 ? length : nl;
        }

        private void skipBlockComment() {
            pos += 2;
            int depth = 1;
            while (pos < length && depth > 0) {
                if (text.charAt(pos) == '/' && at(pos + 1) == '*') {
                    depth++;
                    pos += 2;
                } else if (text.charAt(pos) == '*' && at(pos + 1) == '/') {
                    depth--;
                    pos += 2;
                } else {
                    pos++;
                }
            }
        }

        /** A {@code '...'} string (E-string: backslash escapes) or {@code "..."} identifier; references inside count. */
        private void quoted(char quote, boolean backslashes) {
            pos++;
            while (pos < length) {
                char c = text.charAt(pos);
                if (backslashes && c == '\\') {
                    pos += 2;
                } else if (c == quote) {
                    if (at(pos + 1) == quote) {
                        pos += 2;
                    } else {
                        pos++;
                        return;
                    }
                } else if (c == '$' && at(pos + 1) == '{') {
                    reference();
                } else {
                    pos++;
                }
            }
        }

        /** At {@code ${}: records {@code ${name}} when it is one; anything else is plain text. */
        private void reference() {
            int end = pos + 2;
            while (end < length && isNameChar(text.charAt(end))) {
                end++;
            }
            if (end > pos + 2 && at(end) == '}') {
                refs.add(new int[] {pos, end + 1});
                pos = end + 1;
            } else {
                pos += 2;
            }
        }

        /** At {@code $tag$} (or {@code $$}): the body up to the same tag, comments in it skipped. */
        private void dollarQuoted() {
            int end = pos + 1;
            while (end < length && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            if (at(end) != '$' || (end > pos + 1 && Character.isDigit(text.charAt(pos + 1)))) {
                pos++; // $1 (a parameter) or a lone $
                return;
            }
            String tag = text.substring(pos, end + 1);
            pos = end + 1;
            while (pos < length) {
                if (text.startsWith(tag, pos)) {
                    pos += tag.length();
                    return;
                }
                char c = text.charAt(pos);
                if (c == '-' && at(pos + 1) == '-') {
                    skipLineComment();
                } else if (c == '/' && at(pos + 1) == '*') {
                    skipBlockComment();
                } else if (c == '$' && at(pos + 1) == '{') {
                    reference();
                } else {
                    pos++;
                }
            }
        }
    }
}
