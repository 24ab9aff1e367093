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

    /** The text report for the build log. */
    public List<String> textLines() {
        return ValidationText.lines(this);
    }
}
