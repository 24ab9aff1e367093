package dev.confiture.model.schema;

import java.util.Set;

/**
 * A function, procedure or aggregate. {@code definition} is the whole {@code CREATE OR REPLACE ...}
 * statement (the catalog reader uses {@code pg_get_functiondef}); {@code returnType} is null for a
 * procedure. {@code dependsOn} lists objects the routine needs to exist (types in its signature).
 * From the DDL interpreter the definition is canonical: options in a fixed order, body between
 * {@code $function$} quotes with each line trimmed and blank lines dropped (docs/ddl-interpreter.md).
 */
public record Routine(RoutineSignature signature, Kind kind, String returnType, String language, String definition,
                      Set<ObjectRef> dependsOn, String owner) {

    public Routine {
        dependsOn = Set.copyOf(dependsOn);
    }

    public enum Kind {
        FUNCTION, PROCEDURE, AGGREGATE
    }
}
