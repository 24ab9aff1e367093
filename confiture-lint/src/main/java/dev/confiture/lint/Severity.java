package dev.confiture.lint;

/** How bad a finding is; {@code -Dconfiture.failOn} fails the build from this level up. */
public enum Severity {
    WARNING, ERROR;

    /** The lowercase word used in text, JSON and SARIF ({@code error}, {@code warning}). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
