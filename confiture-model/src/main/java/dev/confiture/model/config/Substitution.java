package dev.confiture.model.config;

import dev.confiture.model.ConfitureException;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in configuration values, as a shell reads them:
 * {@code :-} takes the default when the variable is unset or empty, and the default may itself
 * hold references ({@code ${A:-${B:-x}}}). {@code $${} writes a literal {@code ${}; a {@code $}
 * anywhere else is an ordinary character, so passwords such as {@code pa$$word} need no escaping.
 * Error messages name variables, never values.
 */
final class Substitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private final Map<String, String> variables;
    private final Path file;

    Substitution(Map<String, String> variables, Path file) {
        this.variables = variables;
        this.file = file;
    }

    /** The value with every reference replaced; {@code key} and {@code line} locate it in errors. */
    String apply(String value, String key, int line) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '$' && value.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && value.startsWith("${", i)) {
                int close = matchingBrace(value, i + 2);
                if (close < 0) {
                    throw error("CONFIG_BAD_VARIABLE", "The value of '" + key + "' opens a ${ that is never closed with }."
                            + " Write ${NAME} or ${NAME:-default}; write $${ for a literal ${.", line);
                }
                out.append(resolve(value.substring(i + 2, close), key, line));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String body, String key, int line) {
        int sep = body.indexOf(":-");
        String name = sep < 0 ? body : body.substring(0, sep);
        if (!NAME.matcher(name).matches()) {
            throw error("CONFIG_BAD_VARIABLE", "The value of '" + key + "' refers to ${" + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                    + "}, which is not a variable name (letters, digits, underscores, not starting with a digit)."
                    + " Write ${NAME} or ${NAME:-default}.", line);
        }
        String value = variables.get(name);
        if (sep >= 0) {
            return value == null || value.isEmpty() ? apply(body.substring(sep + 2), key, line) : value;
        }
        if (value == null) {
            throw new UnsetVariableException(name, key, file, line);
        }
        return value;
    }

    /** Index of the } closing a ${ whose body starts at {@code from}, counting nested ${...}. */
    private static int matchingBrace(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private ConfitureException error(String code, String message, int line) {
        return new ConfitureException(code, message, file, line);
    }
}
