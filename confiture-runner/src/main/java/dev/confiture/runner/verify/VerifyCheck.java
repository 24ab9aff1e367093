package dev.confiture.runner.verify;

import java.util.List;

/**
 * One of the verify checks: {@code checksum} (applied migrations of the live database against the
 * files), {@code drift} (the schema files against what the migrations produce) and {@code down}
 * (each down migration returns the catalog to the state before its up). {@code status} is
 * {@code passed}, {@code failed} or {@code skipped}; {@code summary} says in a line what was done.
 */
public record VerifyCheck(String name, String status, String summary, List<VerifyFinding> findings) {

    public static final String CHECKSUM = "checksum";
    public static final String DRIFT = "drift";
    public static final String DOWN = "down";
    public static final String DATA = "data";

    public VerifyCheck {
        findings = List.copyOf(findings);
    }

    static VerifyCheck of(String name, String summary, List<VerifyFinding> findings) {
        boolean failed = findings.stream().anyMatch(VerifyFinding::fails);
        return new VerifyCheck(name, failed ? "failed" : "passed", summary, findings);
    }

    static VerifyCheck skipped(String name, String why) {
        return new VerifyCheck(name, "skipped", why, List.of());
    }

    public boolean failed() {
        return "failed".equals(status);
    }
}
