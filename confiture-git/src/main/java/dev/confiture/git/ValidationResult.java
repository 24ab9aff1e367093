package dev.confiture.git;

import java.util.List;

/**
 * The report plus what the build log shows around it: how the range resolved, which files and
 * migrations were looked at, notes such as a fallback taken.
 */
public record ValidationResult(ValidationReport report, String baseLabel, String targetLabel, List<String> notes) {

    public ValidationResult {
        notes = List.copyOf(notes);
    }

    public boolean passed() {
        return report.passed();
    }

    /**
     * What the build failure says: the summary and every finding, since in a pre-commit hook
     * ({@code mvn -q}) the error is all the user sees.
     */
    public String failureMessage() {
        return ValidationText.failureMessage(this);
    }

    /** The text report for the build log. */
    public List<String> textLines() {
        return ValidationText.lines(this);
    }
}
