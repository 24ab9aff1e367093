package dev.confiture.sql.ddl;

/** Thrown inside the interpreter when a statement is not understood; becomes a diagnostic or DDL_UNSUPPORTED. */
final class UnsupportedDdl extends RuntimeException {
    UnsupportedDdl(String message) {
        super(message, null, false, false);
    }
}
