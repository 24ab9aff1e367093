package dev.confiture.git;

import java.util.ArrayList;
import java.util.List;

/** Renders a validation result as build-log lines, in the original tool's plain tone. */
final class ValidationText {

    private ValidationText() {
    }

    static List<String> lines(ValidationResult result) {
        ValidationReport report = result.report();
        List<String> lines = new ArrayList<>();
        lines.add("Validating " + result.baseLabel() + " .. " + result.targetLabel());
        result.notes().forEach(n -> lines.add("  " + n));
        for (ValidationReport.Check check : report.checks()) {
            String title = ValidationReport.MIGRATION.equals(check.name())
                    ? "requireMigration (schema changes come with a migration)"
                    : "checkDrift (base schema + migrations in range = target schema)";
            lines.add((check.passed() ? "[ok]     " : "[FAILED] ") + title);
            for (ValidationReport.Finding f : check.findings()) {
                lines.add("  - " + finding(f));
            }
        }
        if (report.passed()) {
            lines.add("Validation passed");
        } else {
            lines.add("Validation failed: " + failureSummary(report));
        }
        return lines;
    }

    static String failureMessage(ValidationResult result) {
        StringBuilder sb = new StringBuilder("Validation failed (").append(result.baseLabel()).append(" .. ")
                .append(result.targetLabel()).append("): ").append(failureSummary(result.report()));
        for (ValidationReport.Check check : result.report().checks()) {
            for (ValidationReport.Finding f : check.findings()) {
                sb.append(System.lineSeparator()).append("  [").append(check.name()).append("] ").append(finding(f));
            }
        }
        return sb.toString();
    }

    private static String finding(ValidationReport.Finding f) {
        StringBuilder sb = new StringBuilder();
        if (f.object() != null) {
            sb.append(f.object()).append(": ");
        }
        sb.append(f.message());
        if (f.file() != null) {
            sb.append(" (").append(f.file()).append(')');
        }
        return sb.toString();
    }

    static String failureSummary(ValidationReport report) {
        List<String> parts = new ArrayList<>();
        for (ValidationReport.Check check : report.checks()) {
            if (!check.passed()) {
                parts.add(ValidationReport.MIGRATION.equals(check.name())
                        ? "the schema changed without a migration (" + check.findings().size() + " object(s));"
                          + " add one under the migrations folder, e.g. mvn confiture:diff -Dconfiture.generate=true"
                          + " -Dconfiture.name=<name>"
                        : "the migrations do not produce the schema files (" + check.findings().size() + " object(s))");
            }
        }
        return String.join("; ", parts);
    }
}
