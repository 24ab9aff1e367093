package dev.confiture.sql.ddl;

/**
 * A statement PostgreSQL would refuse because of what the model holds: it refers to an object that
 * does not exist, or creates one that already does. Becomes a diagnostic or DDL_OBJECT_STATE.
 */
final class ObjectStateError extends RuntimeException {
    ObjectStateError(String message) {
        super(message, null, false, false);
    }
}
