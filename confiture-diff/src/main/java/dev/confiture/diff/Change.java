package dev.confiture.diff;

import dev.confiture.model.schema.ObjectRef;

/** One line of a diff report: which object, created, dropped or altered, in words, and whether data can be lost. */
public record Change(ObjectRef object, Kind kind, String description, boolean destructive) {

    public enum Kind {
        CREATE, DROP, ALTER
    }

    static Change of(SchemaChange change) {
        return new Change(change.object(), change.kind(), change.description(), change.destructive());
    }
}
