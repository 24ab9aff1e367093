package dev.confiture.model;

import java.nio.file.Path;

/**
 * Every error a user can act on: a stable code (for scripts and tests), a message that says what
 * to do, and where there is one the file and line it is about. The Maven plugin turns these into
 * MojoFailureException (a finding) or MojoExecutionException (could not run), see {@link #isFinding()}.
 */
public class ConfitureException extends RuntimeException {

    private final String code;
    private final Path file;
    private final int line;
    private final boolean finding;

    public ConfitureException(String code, String message) {
        this(code, message, null, 0, false, null);
    }

    public ConfitureException(String code, String message, Throwable cause) {
        this(code, message, null, 0, false, cause);
    }

    public ConfitureException(String code, String message, Path file, int line) {
        this(code, message, file, line, false, null);
    }

    public ConfitureException(String code, String message, Path file, int line, boolean finding, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.file = file;
        this.line = line;
        this.finding = finding;
    }

    /** A stable, upper-case identifier such as {@code CONFIG_UNSET_VARIABLE}. */
    public String code() {
        return code;
    }

    /** The file the error is about, or null. */
    public Path file() {
        return file;
    }

    /** The 1-based line in {@link #file()}, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** True when the input was read fine but fails a check (drift, conflict, checksum): a build failure, not a crash. */
    public boolean isFinding() {
        return finding;
    }

    /** The message prefixed with {@code file:line: } where known, as compilers print it. */
    @Override
    public String getMessage() {
        String base = super.getMessage();
        if (file == null) {
            return base;
        }
        return file + (line > 0 ? ":" + line : "") + ": " + base;
    }

    /** The message without the location prefix. */
    public String bareMessage() {
        return super.getMessage();
    }
}
