package dev.confiture.runner.fleet;

import java.util.List;

/** What a fleet goal did, one outcome per selected target in target order. */
public record FleetReport(String goal, List<FleetOutcome> outcomes) {

    public FleetReport {
        outcomes = List.copyOf(outcomes);
    }

    public List<FleetOutcome> failed() {
        return outcomes.stream().filter(o -> o.state() == FleetOutcome.State.FAILED).toList();
    }

    public long count(FleetOutcome.State state) {
        return outcomes.stream().filter(o -> o.state() == state).count();
    }

    /** The summary lines: one per target, then the totals. */
    public List<String> summaryLines() {
        int width = outcomes.stream().mapToInt(o -> o.target().length()).max().orElse(0);
        List<String> lines = new java.util.ArrayList<>();
        for (FleetOutcome o : outcomes) {
            StringBuilder line = new StringBuilder(String.format("  %-" + Math.max(width, 1) + "s  %-11s", o.target(), o.state().label()));
            if (o.applied() > 0) {
                line.append(' ').append(o.applied()).append(" migration(s)");
            }
            if (o.currentVersion() != null) {
                line.append("  version ").append(o.currentVersion());
            }
            if (o.pending() > 0) {
                line.append("  ").append(o.pending()).append(" pending");
            }
            if (o.detail() != null) {
                line.append("  ").append(o.detail().lines().findFirst().orElse(""));
            }
            lines.add(line.toString().stripTrailing());
        }
        StringBuilder total = new StringBuilder("Fleet " + goal + ": " + outcomes.size() + " target(s)");
        String sep = ": ";
        for (FleetOutcome.State state : FleetOutcome.State.values()) {
            if (count(state) > 0 || alwaysCounted(state)) {
                total.append(sep).append(count(state)).append(' ').append(state.label());
                sep = ", ";
            }
        }
        lines.add(total.toString());
        return lines;
    }

    /** The totals always name failed and not started, and what this goal does to a target (even when 0). */
    private boolean alwaysCounted(FleetOutcome.State state) {
        return switch (state) {
            case FAILED, NOT_STARTED -> true;
            case APPLIED, UP_TO_DATE -> goal.equals("migrate") || goal.equals("status");
            case ROLLED_BACK -> goal.equals("rollback");
            case BASELINED -> goal.equals("baseline");
            case REPAIRED -> goal.equals("repair");
            case PASSED -> goal.equals("verify") || goal.equals("lint");
            default -> false;
        };
    }
}
