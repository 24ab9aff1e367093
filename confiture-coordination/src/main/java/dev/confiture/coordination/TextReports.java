package dev.confiture.coordination;

import java.util.ArrayList;
import java.util.List;

/**
 * The text renderer of the coordination reports, in the tone of the original tool's output. Every
 * value goes through {@link #v}: the service refuses control characters at input, and values stored
 * before it did still print on one line.
 */
public final class TextReports {

    private static final int MAX_CELL = 40;

    private TextReports() {
    }

    public static List<String> init(InitReport r) {
        List<String> lines = new ArrayList<>();
        if (r.appliedSteps().isEmpty()) {
            lines.add("Coordination store " + v(r.store()) + " is up to date (schema " + r.schema() + ", version "
                    + r.schemaVersion() + ")");
        } else {
            r.createdRoles().forEach(role -> lines.add("Created group role " + v(role)));
            r.appliedSteps().forEach(s -> lines.add("Applied store step " + v(s)));
            lines.add("Coordination store " + v(r.store()) + " initialised (schema " + r.schema() + ", version "
                    + r.schemaVersion() + ")");
        }
        return lines;
    }

    public static List<String> register(IntentReport r) {
        List<String> lines = new ArrayList<>();
        lines.add("Intent registered: " + v(r.intentId()));
        lines.add("Branch allocated: " + v(r.branch()));
        lines.add("Status: " + v(r.status()));
        lines.add("Tables: " + (r.tables().isEmpty() ? "(none)" : v(String.join(", ", r.tables()))));
        if (r.ownerRole() != null) {
            lines.add("Owner role: " + v(r.ownerRole()) + " (only it, or a member of confiture_coordinator, may change it)");
        }
        lines.addAll(conflicts(r.conflicts()));
        return lines;
    }

    public static List<String> check(CheckReport r) {
        if (!r.hasConflicts()) {
            return List.of("No conflicts for " + v(r.agentId()) + " with other agents' active intents");
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
            lines.add("  - [" + v(c.severity().toUpperCase(java.util.Locale.ROOT)) + "] " + v(c.agentId()) + " is working on "
                    + v(c.type()) + " " + v(String.join(", ", c.objects())) + " (" + v(c.intentId()) + ", feature "
                    + v(c.featureName()) + ")");
            lines.add("    Suggestion: " + v(c.suggestion()));
        }
        return lines;
    }

    public static List<String> transition(TransitionReport r) {
        List<String> lines = new ArrayList<>();
        lines.add("Intent " + v(r.intentId()) + " marked as " + v(r.status()) + (r.outcome() == null ? "" : " (outcome "
                + v(r.outcome()) + ")") + ", was " + v(r.fromStatus()));
        lines.add("By " + v(r.changedBy()) + (r.changedByRole() == null ? "" : " (role " + v(r.changedByRole()) + ")")
                + (r.reason() == null ? "" : ": " + v(r.reason())));
        if (!IntentStatus.valueOf(r.status()).isActive() && !r.tables().isEmpty()) {
            lines.add("No longer blocking other agents from " + v(String.join(", ", r.tables())));
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

    /** A value on one line: control characters written as escapes (see {@link Inputs#escapeControlCharacters}). */
    static String v(String value) {
        return Inputs.escapeControlCharacters(value);
    }

    /** A value fit for one table cell: control characters escaped, long values cut with an ellipsis. */
    static String cell(String value) {
        String v = Inputs.preview(value == null ? "" : value);
        return v.length() > MAX_CELL ? v.substring(0, MAX_CELL - 3) + "..." : v;
    }
}
