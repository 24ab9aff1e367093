package dev.confiture.coordination;

import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.Diagnostic;

/**
 * Lists the objects a piece of SQL creates, alters or drops. The store depends on this seam only;
 * the product's one DDL interpreter answers it (see {@link #standard()}).
 */
@FunctionalInterface
public interface TouchedObjectsExtractor {

    /** The objects {@code sql} touches; a statement it cannot read is an error naming {@code file} (nullable) and line. */
    List<ChangedObject> touchedObjects(String sql, Path file);

    /**
     * The extractor the product uses: {@link DdlInterpreter#readTouchedObjects(String)}. A statement
     * the interpreter cannot read fails the whole request: skipping it would make a check answer
     * "no conflicts" about a change it never read.
     */
    static TouchedObjectsExtractor standard() {
        return (sql, file) -> {
            DdlInterpreter.Touched touched = DdlInterpreter.readTouchedObjects(sql);
            if (!touched.unreadable().isEmpty()) {
                throw unreadable(touched.unreadable(), file);
            }
            return touched.objects().stream()
                    .map(t -> ChangedObject.of(t.object(), ChangedObject.Action.fromName(t.action().name()), t.line()))
                    .toList();
        };
    }

    private static ConfitureException unreadable(List<Diagnostic> unreadable, Path file) {
        Diagnostic first = unreadable.get(0);
        // with a file, the exception's own file:line prefix says where
        String where = file == null ? "schemaChanges line " + first.line() : "schemaChanges";
        String more = unreadable.size() == 1 ? "" : " (and " + (unreadable.size() - 1) + " more statement"
                + (unreadable.size() == 2 ? "" : "s") + " after it, first at line " + unreadable.get(1).line() + ")";
        return new ConfitureException("COORDINATION_UNREADABLE_SQL", where + ": cannot read '"
                + Inputs.preview(first.statementExcerpt()) + "': " + first.message() + more
                + ". Nothing was checked or stored: fix the statement (or leave it out of schemaChanges) and run again;"
                + " docs/ddl-interpreter.md lists what the interpreter reads", file, first.line());
    }
}
