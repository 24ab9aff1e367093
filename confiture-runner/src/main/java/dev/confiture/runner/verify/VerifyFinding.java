package dev.confiture.runner.verify;

/**
 * One thing a verify check found. {@code severity} is {@code error} (fails the build) or
 * {@code warning} (reported only: an irreversible migration when reversibility is not required).
 * {@code object} is the schema object concerned ({@code column public.users.phone}) or null;
 * {@code migration} the migration concerned ({@code 003_add_phone}) or null; {@code file} and
 * {@code line} where to look, when known; {@code expected} and {@code actual} what each side has.
 */
public record VerifyFinding(String severity, String object, String migration, String file, Integer line,
                            String message, String expected, String actual) {

    public static final String ERROR = "error";
    public static final String WARNING = "warning";

    public boolean fails() {
        return ERROR.equals(severity);
    }

    static VerifyFinding error(String object, String migration, String file, Integer line, String message,
                               String expected, String actual) {
        return new VerifyFinding(ERROR, object, migration, file, line, message, expected, actual);
    }
}
