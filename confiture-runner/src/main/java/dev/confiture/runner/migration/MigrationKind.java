package dev.confiture.runner.migration;

/** How a migration is written; the tracking table's {@code kind} column also knows {@code baseline}. */
public enum MigrationKind {
    SQL("sql"), JAVA("java");

    private final String column;

    MigrationKind(String column) {
        this.column = column;
    }

    /** The value stored in the tracking table's {@code kind} column. */
    public String column() {
        return column;
    }
}
