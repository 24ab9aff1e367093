package dev.confiture.coordination;

import java.util.Locale;

import dev.confiture.model.schema.ObjectRef;

/**
 * One object an intent touches: from its declared tables ({@link Action#DECLARED}) or from a
 * statement of its schema changes (with the statement's line). {@code table} is the table the
 * object belongs to (the table itself for a table, the owning table for a column), or null for
 * objects that live on their own (functions, types).
 */
public record ChangedObject(ObjectRef object, Action action, String table, int line) {

    /** What the intent does to the object. */
    public enum Action {
        DECLARED, CREATE, ALTER, DROP;

        /** Maps an interpreter's action name (CREATE, ADD, ALTER, RENAME, DROP, COMMENT ...) onto these four. */
        public static Action fromName(String name) {
            String n = name.toUpperCase(Locale.ROOT);
            if (n.startsWith("CREATE") || n.startsWith("ADD")) {
                return CREATE;
            }
            if (n.startsWith("DROP")) {
                return DROP;
            }
            return ALTER;
        }
    }

    /** Builds the record, working out the owning table from the object's identity. */
    public static ChangedObject of(ObjectRef object, Action action, int line) {
        return new ChangedObject(object, action, ObjectIdentities.owningTable(object), line);
    }

    /** {@code column public.users.bio} as reports show objects: the identity alone. */
    public String display() {
        return object.identity();
    }
}
