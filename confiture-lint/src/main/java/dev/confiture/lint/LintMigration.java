package dev.confiture.lint;

/** One migration as lint reads it: its file name (what findings name), its path as shown, its SQL. */
public record LintMigration(String name, String file, String text) {
}
