package dev.confiture.runner.fleet;

import java.util.List;

/**
 * How a fleet goal runs its targets.
 *
 * @param parallel       how many targets at a time ({@code -Dconfiture.parallel}, at least 1; no more than
 *                       {@code maxConnections} when that is set)
 * @param failFast       {@code -Dconfiture.failFast}: true stops starting new targets at the first failure
 *                       (running ones finish); false runs every target
 * @param canary         {@code -Dconfiture.canary}: target names or globs, or a count of the first targets, run
 *                       first, one at a time; if one fails, no other target starts. Null or blank for none
 * @param maxConnections {@code -Dconfiture.maxConnections}: the most connections the run's pools hold at once,
 *                       across every database; 0 for no cap
 */
public record FleetOptions(int parallel, boolean failFast, String canary, int maxConnections) {

    public FleetOptions {
        maxConnections = Math.max(0, maxConnections);
        parallel = Math.max(1, maxConnections > 0 ? Math.min(parallel, maxConnections) : parallel);
    }

    public FleetOptions(int parallel, boolean failFast, String canary) {
        this(parallel, failFast, canary, 0);
    }

    public FleetOptions(int parallel, boolean failFast) {
        this(parallel, failFast, null, 0);
    }

    /** The canaries among these targets, in target order. */
    public List<FleetTarget> canaries(List<FleetTarget> targets) {
        if (canary == null || canary.isBlank()) {
            return List.of();
        }
        String c = canary.strip();
        if (c.matches("\\d+")) {
            return targets.subList(0, Math.min(targets.size(), Integer.parseInt(c)));
        }
        return FleetSelection.select(targets, c);
    }

    /** {@code -Dconfiture.parallel} default: the cores (the budget, when smaller, caps it in the constructor). */
    public static int defaultParallel() {
        return Runtime.getRuntime().availableProcessors();
    }
}
