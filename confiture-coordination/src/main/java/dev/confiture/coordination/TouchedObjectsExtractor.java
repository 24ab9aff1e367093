package dev.confiture.coordination;

import java.util.List;

import dev.confiture.model.ddl.DdlInterpreter;

/**
 * Lists the objects a piece of SQL creates, alters or drops. The store depends on this seam only;
 * the product's one DDL interpreter answers it (see {@link #standard()}).
 */
@FunctionalInterface
public interface TouchedObjectsExtractor {

    List<ChangedObject> touchedObjects(String sql);

    /** The extractor the product uses: {@link DdlInterpreter#touchedObjects(String)}. */
    static TouchedObjectsExtractor standard() {
        return sql -> DdlInterpreter.touchedObjects(sql).stream()
                .map(t -> ChangedObject.of(t.object(), ChangedObject.Action.fromName(t.action().name()), t.line()))
                .toList();
    }
}
