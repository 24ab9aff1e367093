package dev.confiture.coordination;

import dev.confiture.model.ConfitureException;

/**
 * Feature names become one path component of a git branch, {@code feature/<name>_<NNN>}, so they
 * must pass {@code git check-ref-format} for a single component: no control characters, space,
 * {@code ~ ^ : ? * [ \ /}, no {@code ..} or {@code @{}, not starting with {@code .} or {@code -},
 * not ending with {@code .} or {@code .lock}, not {@code @}.
 */
public final class FeatureNames {

    public static final int MAX_LENGTH = 100;
    private static final String ALLOWED = "letters, digits, '_', '-' and '.' (e.g. user_profiles)";

    private FeatureNames() {
    }

    /** Returns the name unchanged when git accepts it in a branch name, else throws saying which character is wrong. */
    public static String validate(String name) {
        String value = Inputs.required("featureName", name, MAX_LENGTH);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String bad = describeForbidden(c);
            if (bad != null) {
                throw refuse(value, bad + " at position " + (i + 1) + " is not allowed in a git branch name"
                        + (c == '/' ? " (the feature name is one path component of feature/<name>_<NNN>)" : ""));
            }
        }
        if (value.startsWith(".")) {
            throw refuse(value, "it starts with '.', which git refuses");
        }
        if (value.startsWith("-")) {
            throw refuse(value, "it starts with '-', which git takes for an option");
        }
        if (value.endsWith(".")) {
            throw refuse(value, "it ends with '.', which git refuses");
        }
        if (value.endsWith(".lock")) {
            throw refuse(value, "it ends with '.lock', which git reserves");
        }
        int dots = value.indexOf("..");
        if (dots >= 0) {
            throw refuse(value, "'..' at position " + (dots + 1) + " is not allowed in a git branch name");
        }
        int at = value.indexOf("@{");
        if (at >= 0) {
            throw refuse(value, "'@{' at position " + (at + 1) + " is not allowed in a git branch name");
        }
        if (value.equals("@")) {
            throw refuse(value, "'@' alone is not a valid branch name");
        }
        return value;
    }

    private static String describeForbidden(char c) {
        if (c < 0x20 || c == 0x7f) {
            return String.format("control character U+%04X", (int) c);
        }
        return switch (c) {
            case ' ' -> "a space";
            case '~', '^', ':', '?', '*', '[', '\\' -> "'" + c + "'";
            case '/' -> "'/'";
            default -> null;
        };
    }

    private static ConfitureException refuse(String value, String why) {
        return new ConfitureException("COORDINATION_BAD_FEATURE_NAME", "featureName '" + Inputs.preview(value)
                + "' cannot be used in a branch name: " + why + ". Use " + ALLOWED + ".");
    }
}
