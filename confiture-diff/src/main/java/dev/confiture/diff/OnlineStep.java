package dev.confiture.diff;

import java.util.List;

/**
 * One migration of the online form ({@link OnlineDiff}): its name suffix ({@code ""} for the main
 * migration, {@code validate}, {@code index_<name>} ...), its up and down statements (the
 * {@code SET lock_timeout} header first), and whether the runner runs it in a transaction: a step
 * holding {@code CREATE/DROP INDEX CONCURRENTLY} holds nothing else, since the runner runs such a
 * migration outside a transaction, statement by statement.
 */
public record OnlineStep(String suffix, String purpose, List<String> up, List<String> down, boolean transactional) {

    public OnlineStep {
        up = List.copyOf(up);
        down = List.copyOf(down);
    }

    /** The migration's name: {@code name} for the main step, {@code name_suffix} for the others. */
    public String name(String name) {
        return suffix.isEmpty() ? name : name + "_" + suffix;
    }

    public String upSql() {
        return DiffResult.render(up);
    }

    public String downSql() {
        return DiffResult.render(down);
    }
}
