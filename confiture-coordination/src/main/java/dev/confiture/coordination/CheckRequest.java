package dev.confiture.coordination;

/** What {@code coordinate-check} compares with the other agents' active intents; nothing is stored. */
public record CheckRequest(String agentId, String tablesAffected, String schemaChanges) {
}
