package dev.confiture.maven;

import java.nio.file.Path;

import dev.confiture.model.ConfitureException;

/**
 * The JSON document of a goal that failed with {@code confiture.format=json}: which goal, status
 * {@value #ERROR} (where validate's and verify's reports say {@code passed} or {@code failed}), and
 * the error as the library raised it (stable code, message, file relative to the project, line), so
 * that CI reads the same fields whatever went wrong.
 */
public record FailureReport(String goal, String status, Error error) {

    /** The status of a goal that could not finish: not a finding, an error. */
    public static final String ERROR = "error";

    /** The error: {@code file} is null and {@code line} 0 where the error is about no file. */
    public record Error(String code, String message, String file, int line) {
    }

    static FailureReport of(String goal, ConfitureException e, Path basedir) {
        return new FailureReport(goal, ERROR, new Error(e.code(), e.bareMessage(), display(e.file(), basedir), e.line()));
    }

    private static String display(Path file, Path basedir) {
        if (file == null) {
            return null;
        }
        Path absolute = file.toAbsolutePath().normalize();
        Path base = basedir == null ? null : basedir.toAbsolutePath().normalize();
        return base != null && absolute.startsWith(base) ? base.relativize(absolute).toString() : file.toString();
    }
}
