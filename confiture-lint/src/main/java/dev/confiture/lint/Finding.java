package dev.confiture.lint;

/**
 * One statement that would hurt a busy database: which rule, where ({@code migration} is the
 * migration's file name, {@code line} and {@code column} 1-based in {@code file}), the lock the
 * statement takes and what that lock blocks while it is held, whether the table is rewritten, and
 * the safe form as SQL. {@code ignoreReason} is null unless a {@code -- confiture:lint-ignore}
 * comment silenced the finding (see docs/lint.md). {@code severity} is {@link Severity#word()}.
 */
public record Finding(String ruleId, String severity, String migration, String file, int line, int column,
                      String lock, String blocks, boolean rewritesTable, String message, String safeAlternative,
                      String ignoreReason) {

    Finding ignored(String reason) {
        return new Finding(ruleId, severity, migration, file, line, column, lock, blocks, rewritesTable, message,
                safeAlternative, reason);
    }

    public Severity level() {
        return Severity.valueOf(severity.toUpperCase(java.util.Locale.ROOT));
    }

    /** {@code file:line:column: severity [rule] message}, the text form's first line. */
    public String located() {
        return file + ":" + line + ":" + column + ": " + severity + " [" + ruleId + "] " + message;
    }
}
