package dev.confiture.git;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The validate report exactly as docs/validate.md shows it:
 * {@code {"status","base","target","checks":[{"name","status","findings":[{"object","message","file"}]}]}}.
 * {@code base} and {@code target} are commit ids, {@code index} or {@code empty tree}.
 */
@JsonPropertyOrder({"status", "base", "target", "checks"})
public record ValidationReport(String status, String base, String target, List<Check> checks) {

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String DRIFT = "drift";
    public static final String MIGRATION = "migration";

    public ValidationReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return PASSED.equals(status);
    }

    /** One check: {@code migration} (requireMigration) or {@code drift} (checkDrift). */
    @JsonPropertyOrder({"name", "status", "findings"})
    public record Check(String name, String status, List<Finding> findings) {
        public Check {
            findings = List.copyOf(findings);
        }

        static Check of(String name, List<Finding> findings) {
            return new Check(name, findings.isEmpty() ? PASSED : FAILED, findings);
        }

        public boolean passed() {
            return PASSED.equals(status);
        }
    }

    /** What is wrong, about which object (null when it is about a file as a whole) and in which file (null when none). */
    @JsonPropertyOrder({"object", "message", "file"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Finding(String object, String message, String file) {
    }
}
