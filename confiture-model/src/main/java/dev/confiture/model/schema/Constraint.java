package dev.confiture.model.schema;

import java.util.List;

/**
 * A table (or domain) constraint. {@code definition} is the text after {@code ADD CONSTRAINT name},
 * in the form {@code pg_get_constraintdef} prints (e.g. {@code PRIMARY KEY (id)},
 * {@code FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE},
 * {@code CHECK ((price > 0))}) without DEFERRABLE / NOT VALID, which are fields of their own.
 * {@code columns} are the constrained columns (empty for a CHECK the source did not tie to any),
 * {@code references} the referenced table of a foreign key, else null.
 */
public record Constraint(String name, Kind kind, String definition, List<String> columns, QualifiedName references,
                         List<String> referencedColumns, boolean deferrable, boolean initiallyDeferred,
                         boolean notValid) {

    public Constraint {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }

    public enum Kind {
        PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY, EXCLUSION, NOT_NULL
    }

    /** The full clause as it follows {@code ADD CONSTRAINT name}, including deferrability and NOT VALID. */
    public String fullDefinition() {
        StringBuilder sb = new StringBuilder(definition);
        if (deferrable) {
            sb.append(" DEFERRABLE");
            if (initiallyDeferred) {
                sb.append(" INITIALLY DEFERRED");
            }
        }
        if (notValid) {
            sb.append(" NOT VALID");
        }
        return sb.toString();
    }
}
