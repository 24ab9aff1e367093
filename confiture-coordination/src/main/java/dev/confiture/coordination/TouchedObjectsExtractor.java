package dev.confiture.coordination;

import java.util.List;

/**
 * Lists the objects a piece of SQL creates, alters or drops. The store depends on this seam only,
 * so that the one DDL interpreter of the product answers it (see {@link #standard()}).
 */
@FunctionalInterface
public interface TouchedObjectsExtractor {

    List<ChangedObject> touchedObjects(String sql);

    /** The extractor the product uses. */
    static TouchedObjectsExtractor standard() {
        return InterimDdlScanner::touchedObjects;
    }
}
