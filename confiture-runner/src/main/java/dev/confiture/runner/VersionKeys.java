package dev.confiture.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.migration.MigrationVersion;
import dev.confiture.runner.db.AppliedMigration;

/** Versions as the runner matches them: {@code 001} and {@code 1} are one version, and what a user types is parsed with a hint. */
final class VersionKeys {

    private VersionKeys() {
    }

    /** A version given as a parameter ({@code property}, named in the error). */
    static MigrationVersion parseVersion(String text, String property) {
        try {
            return MigrationVersion.parse(text.trim());
        } catch (ConfitureException e) {
            throw new ConfitureException("BAD_VERSION", property + "=" + text + " is not a version: use the digits"
                    + " before the first _ of a migration file, e.g. 003");
        }
    }

    /** The rows keyed by {@link #numberKey}, in their order. */
    static Map<String, AppliedMigration> byNumber(List<AppliedMigration> rows) {
        Map<String, AppliedMigration> map = new LinkedHashMap<>();
        rows.forEach(r -> map.put(numberKey(r.version()), r));
        return map;
    }

    /** {@code 001} and {@code 1} are the same version. */
    static String numberKey(String version) {
        return MigrationVersion.isVersion(version) ? MigrationVersion.withoutLeadingZeros(version) : version;
    }

    /** Numeric versions compare as numbers, anything else as text. */
    static int compareVersions(String a, String b) {
        if (MigrationVersion.isVersion(a) && MigrationVersion.isVersion(b)) {
            return MigrationVersion.compare(a, b);
        }
        return a.compareTo(b);
    }
}
