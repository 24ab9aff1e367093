package dev.confiture.diff;

import java.util.List;

/**
 * The difference between two models: the typed changes (for reports), the statements that take
 * {@code from} to {@code to} ({@link #up()}) and back ({@link #down()}), and a warning per
 * destructive step. Destructive statements carry a {@code -- WARNING: destructive: ...} line.
 */
public record DiffResult(List<Change> changes, List<String> up, List<String> down, List<String> warnings) {

    public DiffResult {
        changes = List.copyOf(changes);
        up = List.copyOf(up);
        down = List.copyOf(down);
        warnings = List.copyOf(warnings);
    }

    /** True when the two models are the same. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The up statements as a script, each ended by {@code ;} and a new line. */
    public String upSql() {
        return render(up);
    }

    /** The down statements as a script, each ended by {@code ;} and a new line. */
    public String downSql() {
        return render(down);
    }

    static String render(List<String> statements) {
        StringBuilder sb = new StringBuilder();
        for (String s : statements) {
            sb.append(s).append(";\n");
        }
        return sb.toString();
    }
}
