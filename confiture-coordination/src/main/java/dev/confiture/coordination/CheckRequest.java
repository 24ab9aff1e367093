package dev.confiture.coordination;

import java.nio.file.Path;

/**
 * What {@code coordinate-check} compares with the other agents' active intents; nothing is stored.
 * {@code schemaChangesFile} is the file the SQL was read from (named in errors), or null.
 */
public record CheckRequest(String agentId, String tablesAffected, String schemaChanges, Path schemaChangesFile) {

    public CheckRequest(String agentId, String tablesAffected, String schemaChanges) {
        this(agentId, tablesAffected, schemaChanges, null);
    }
}
