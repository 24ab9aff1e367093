package dev.confiture.runner.acceptance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One acceptance case of the diff engine, as written in {@code src/test/resources/acceptance/*.yaml}:
 * a database built from {@code old} must become the database built from {@code new} by the engine's
 * up SQL, and go back by its down SQL.
 *
 * @param file         the YAML file the case comes from, for messages
 * @param name         what the case shows, unique within its file
 * @param oldDdl       the schema before ({@code old:}); may be empty
 * @param newDdl       the schema after ({@code new:}); may be empty
 * @param noChange     {@code noChange: true}: the two schemas are equal for the engine, the diff must be empty
 * @param destructive  {@code destructive: true|false}: whether the up SQL must (or must not) carry a destructive warning; null: not checked
 * @param knownFailure {@code knownFailure: why}: the engine is known to get this case wrong; the runner asserts
 *                     it still fails, so that a fix is noticed and the flag removed
 * @param offlineKnownFailure {@code offlineKnownFailure: why}: the same for offline mode only (the DDL
 *                     interpreter's model of old or new differs from the catalog's)
 */
record AcceptanceCase(String file, String name, String oldDdl, String newDdl, boolean noChange, Boolean destructive,
                      String knownFailure, String offlineKnownFailure) {

    private static final Set<String> KEYS = Set.of("name", "old", "new", "noChange", "destructive", "knownFailure",
            "offlineKnownFailure");

    String title() {
        return file + ": " + name;
    }

    /** The cases of one YAML document (a list of maps); unknown keys are refused so that a typo is not a silent no-op. */
    static List<AcceptanceCase> fromYaml(String file, Object document) {
        if (!(document instanceof List<?> list)) {
            throw new IllegalArgumentException(file + ": expected a list of cases");
        }
        List<AcceptanceCase> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + ": each case is a map with name, old, new");
            }
            for (Object key : map.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    throw new IllegalArgumentException(file + ": case " + map.get("name") + " has unknown key '" + key
                            + "' (known: " + KEYS + ")");
                }
            }
            Object name = map.get("name");
            if (name == null) {
                throw new IllegalArgumentException(file + ": a case has no name");
            }
            out.add(new AcceptanceCase(file, name.toString(), text(map.get("old")), text(map.get("new")),
                    Boolean.TRUE.equals(map.get("noChange")), (Boolean) map.get("destructive"),
                    optional(map.get("knownFailure")), optional(map.get("offlineKnownFailure"))));
        }
        return out;
    }

    private static String optional(Object value) {
        return value == null ? null : value.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
