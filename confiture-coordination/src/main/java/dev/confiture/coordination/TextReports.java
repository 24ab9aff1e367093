package dev.confiture.coordination;

import java.util.ArrayList;
import java.util.List;

/** The text renderer of the coordination reports, in the tone of the original tool's output. */
public final class TextReports {

    private static final int MAX_CELL = 40;

    private TextReports() {
    }

    public static List<String> init(InitReport r) {
        List<String> lines = new ArrayList<>();
        if (r.appliedSteps().isEmpty()) {
            lines.add("Coordination store " + r.store() + " is up to date (schema " + r.schema() + ", version "
                    + r.schemaVersion() + ")");
        } else {
            r.appliedSteps().forEach(s -> lines.add("Applied store step " + s));
            lines.add("Coordination store " + r.store() + " initialised (schema " + r.schema() + ", version "
                    + r.schemaVersion() + ")");
        }
        return lines;
    }

    public static List<String> register(IntentReport r) {
        List<String> lines = new ArrayList<>();
        lines.add("Intent registered: " + r.intentId());
        lines.add("Branch allocated: " + r.branch());
        lines.add("Status: " + r.status());
        lines.add("Tables: " + (r.tables().isEmpty() ? "(none)" : String.join(", ", r.tables())));
        lines.addAll(conflicts(r.conflicts()));
        return lines;
    }

    public static List<String> check(CheckReport r) {
        if (!r.hasConflicts()) {
            return List.of("No conflicts for " + r.agentId() + " with other agents' active intents");
        }
        return conflicts(r.conflicts());
    }

    /** {@code Conflict detected!} and one block per conflict, as the seed prints it. */
    public static List<String> conflicts(List<Conflict> conflicts) {
        List<String> lines = new ArrayList<>();
        if (conflicts.isEmpty()) {
            return lines;
        }
        long errors = conflicts.stream().filter(Conflict::isError).count();
        lines.add((conflicts.size() == 1 ? "Conflict detected!" : conflicts.size() + " conflicts detected!") + " ("
                + errors + " error" + (errors == 1 ? "" : "s") + ", " + (conflicts.size() - errors) + " warning"
                + (conflicts.size() - errors == 1 ? "" : "s") + ")");
        for (Conflict c : conflicts) {
            lines.add("  - [" + c.severity().toUpperCase(java.util.Locale.ROOT) + "] " + c.agentId() + " is working on "
                    + c.type() + " " + String.join(", ", c.objects()) + " (" + c.intentId() + ", feature "
                    + c.featureName() + ")");
            lines.add("    Suggestion: " + c.suggestion());
        }
        return lines;
    }

    public static List<String> transition(TransitionReport r) {
        List<String> lines = new ArrayList<>();
        lines.add("Intent " + r.intentId() + " marked as " + r.status() + (r.outcome() == null ? "" : " (outcome "
                + r.outcome() + ")") + ", was " + r.fromStatus());
        lines.add("By " + r.changedBy() + (r.reason() == null ? "" : ": " + r.reason()));
        if (!IntentStatus.valueOf(r.status()).isActive() && !r.tables().isEmpty()) {
            lines.add("No longer blocking other agents from " + String.join(", ", r.tables()));
        }
        return lines;
    }

    /** The table of intents, then each intent's open conflicts. */
    public static List<String> status(StatusReport r) {
        List<String> lines = new ArrayList<>();
        if (r.intents().isEmpty()) {
            lines.add("No intents");
            return lines;
        }
        String[] header = {"Intent ID", "Agent", "Feature", "Branch", "Status", "Risk", "Conflicts"};
        List<String[]> rows = new ArrayList<>();
        for (IntentReport i : r.intents()) {
            rows.add(new String[] {i.intentId(), i.agentId(), i.featureName(), i.branch(), i.status(), i.riskLevel(),
                    String.valueOf(i.conflicts().size())});
        }
        lines.addAll(table(header, rows));
        for (IntentReport i : r.intents()) {
            if (!i.conflicts().isEmpty()) {
                lines.add(i.intentId() + " (" + cell(i.agentId()) + "):");
                conflicts(i.conflicts()).stream().skip(1).forEach(lines::add);
            }
        }
        lines.add(r.intents().size() + " intent" + (r.intents().size() == 1 ? "" : "s"));
        return lines;
    }

    static List<String> table(String[] header, List<String[]> rows) {
        int[] widths = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            widths[c] = header[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], cell(row[c]).length());
            }
        }
        List<String> lines = new ArrayList<>();
        String rule = rule(widths);
        lines.add(rule);
        lines.add(row(header, widths));
        lines.add(rule);
        rows.forEach(row -> lines.add(row(row, widths)));
        lines.add(rule);
        return lines;
    }

    private static String rule(int[] widths) {
        StringBuilder sb = new StringBuilder("+");
        for (int w : widths) {
            sb.append("-".repeat(w + 2)).append('+');
        }
        return sb.toString();
    }

    private static String row(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder("|");
        for (int c = 0; c < cells.length; c++) {
            String v = cell(cells[c]);
            sb.append(' ').append(v).append(" ".repeat(widths[c] - v.length())).append(" |");
        }
        return sb.toString();
    }

    /** A value fit for one table cell: control characters escaped, long values cut with an ellipsis. */
    static String cell(String value) {
        String v = Inputs.preview(value == null ? "" : value);
        return v.length() > MAX_CELL ? v.substring(0, MAX_CELL - 3) + "..." : v;
    }
}
