package dev.confiture.runner.fleet;

/**
 * How a fleet goal runs its targets.
 *
 * @param parallel how many targets at a time ({@code -Dconfiture.parallel}, at least 1)
 * @param failFast {@code -Dconfiture.failFast}: true stops starting new targets at the first failure
 *                 (running ones finish); false runs every target
 * @param canary   {@code -Dconfiture.canary}: target names or globs, or a count of the first targets, run first,
 *                 one at a time; if one fails, no other target starts. Null or blank for none
 */
public record FleetOptions(int parallel, boolean failFast, String canary) {

    public FleetOptions {
        parallel = Math.max(1, parallel);
    }

    public FleetOptions(int parallel, boolean failFast) {
        this(parallel, failFast, null);
    }

    /** The canaries among these targets, in target order. */
    public java.util.List<FleetTarget> canaries(java.util.List<FleetTarget> targets) {
        if (canary == null || canary.isBlank()) {
            return java.util.List.of();
        }
        String c = canary.strip();
        if (c.matches("\\d+")) {
            return targets.subList(0, Math.min(targets.size(), Integer.parseInt(c)));
        }
        return FleetSelection.select(targets, c);
    }

    /** {@code -Dconfiture.parallel} default: the cores, capped by {@code -Dconfiture.maxConnections} when set (> 0). */
    public static int defaultParallel(int maxConnections) {
        int cores = Runtime.getRuntime().availableProcessors();
        return maxConnections > 0 ? Math.min(cores, maxConnections) : cores;
    }
}
