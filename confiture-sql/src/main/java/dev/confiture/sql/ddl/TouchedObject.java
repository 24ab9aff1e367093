package dev.confiture.sql.ddl;

import dev.confiture.model.schema.ObjectRef;

/**
 * One object a statement of a script creates, alters, drops, renames, comments on or grants on,
 * with the 1-based line of that statement. See {@link DdlInterpreter#touchedObjects(String)}.
 */
public record TouchedObject(ObjectRef object, Action action, int line) {

    public enum Action { CREATE, ALTER, DROP, RENAME, COMMENT, GRANT }
}
