package dev.confiture.sql;

/**
 * The kinds of PostgreSQL transaction control statement, as {@link SqlStatements#transactionControl}
 * recognises them from a statement's leading words.
 */
public enum TransactionControl {
    /** {@code BEGIN}, {@code START TRANSACTION}. */
    BEGIN("BEGIN", true),
    /** {@code COMMIT}, {@code END}. */
    COMMIT("COMMIT", true),
    /** {@code ROLLBACK}, {@code ABORT}. */
    ROLLBACK("ROLLBACK", true),
    /** {@code PREPARE TRANSACTION 'id'}: ends the transaction by preparing it for two-phase commit. */
    PREPARE_TRANSACTION("PREPARE TRANSACTION", true),
    SAVEPOINT("SAVEPOINT", false),
    RELEASE_SAVEPOINT("RELEASE SAVEPOINT", false),
    ROLLBACK_TO_SAVEPOINT("ROLLBACK TO SAVEPOINT", false),
    /** {@code COMMIT PREPARED 'id'}: finishes another, prepared transaction. */
    COMMIT_PREPARED("COMMIT PREPARED", false),
    ROLLBACK_PREPARED("ROLLBACK PREPARED", false);

    private final String display;
    private final boolean opensOrEnds;

    TransactionControl(String display, boolean opensOrEnds) {
        this.display = display;
        this.opensOrEnds = opensOrEnds;
    }

    /** The statement's canonical spelling, for messages. */
    public String display() {
        return display;
    }

    /**
     * True for the statements that open a transaction or end the one they run in; false for those
     * acting inside it (savepoints) or on another, prepared one.
     */
    public boolean opensOrEndsTransaction() {
        return opensOrEnds;
    }
}
