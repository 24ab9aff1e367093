package dev.confiture.runner.clean;

import java.util.List;
import java.util.Map;

/**
 * What {@code confiture:clean} dropped: per schema, how many objects of each kind (tables, views,
 * materialized views, sequences, functions, procedures, aggregates, types, domains, extensions, foreign
 * tables), and whether the tracking table went too. {@code database} is log-safe (no password).
 */
public record CleanReport(String database, List<CleanedSchema> schemas, String trackingTable,
                          boolean trackingTableDropped, long durationMs) {

    public CleanReport {
        schemas = List.copyOf(schemas);
    }

    /** One schema, emptied and re-created with its owner, grants, default privileges and comment. */
    public record CleanedSchema(String schema, String owner, Map<String, Integer> dropped) {
        public CleanedSchema {
            dropped = Map.copyOf(new java.util.TreeMap<>(dropped));
        }

        public int total() {
            return dropped.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
