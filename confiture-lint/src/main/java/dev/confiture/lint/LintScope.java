package dev.confiture.lint;

import java.util.Set;

/**
 * Which migrations to judge and how. {@code linted} holds the file names to report on (null: all);
 * {@code pending} those not applied anywhere yet (pending in the environment's database, or added
 * on the branch), whose tables nobody uses yet; {@code postgresVersion} the major version the rules
 * judge for (several are version-dependent).
 */
public record LintScope(Set<String> linted, Set<String> pending, int postgresVersion) {

    public LintScope {
        linted = linted == null ? null : Set.copyOf(linted);
        pending = Set.copyOf(pending);
    }

    public static LintScope all(int postgresVersion) {
        return new LintScope(null, Set.of(), postgresVersion);
    }

    boolean lints(String migration) {
        return linted == null || linted.contains(migration);
    }
}
