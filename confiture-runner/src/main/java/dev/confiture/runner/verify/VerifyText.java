package dev.confiture.runner.verify;

import java.util.ArrayList;
import java.util.List;

/** The build-log rendering of a {@link VerifyReport}, and the failure message that lists every problem. */
public final class VerifyText {

    private VerifyText() {
    }

    public static List<String> lines(VerifyReport r) {
        List<String> lines = new ArrayList<>();
        lines.add("Verify" + (r.environment() == null ? "" : " (env " + r.environment() + ")") + ": "
                + r.migrations() + " migration(s), " + r.schemaFiles() + " schema file(s), scratch databases on "
                + r.scratch());
        for (VerifyCheck c : r.checks()) {
            lines.add(String.format("  %-9s %-7s %s", c.name(), c.status(), c.summary()));
            for (VerifyFinding f : c.findings()) {
                lines.add("    - " + finding(f));
                if (f.expected() != null || f.actual() != null) {
                    lines.add("        " + f.expected() + " | " + f.actual());
                }
            }
            if (c.name().equals(VerifyCheck.DATA)) {
                // A note, not a finding: no down was checked for losing these tables' data.
                for (UncheckedTable t : r.notCheckedForData()) {
                    lines.add("    - not checked for data: " + t.table() + " (no row could be put in: " + t.reason() + ")");
                }
            }
        }
        long errors = errors(r).size();
        lines.add(r.passed() ? "Verify passed in " + r.durationMs() + " ms"
                : "Verify failed: " + errors + " problem(s), found in " + r.durationMs() + " ms");
        return lines;
    }

    /** Every error of a failed report, one per line, for the build failure message (shown even with {@code mvn -q}). */
    public static String failureMessage(VerifyReport r) {
        StringBuilder sb = new StringBuilder("confiture:verify failed with " + errors(r).size() + " problem(s):");
        for (VerifyCheck c : r.checks()) {
            for (VerifyFinding f : c.findings()) {
                if (f.fails()) {
                    sb.append("\n  [").append(c.name()).append("] ").append(finding(f));
                    if (f.expected() != null || f.actual() != null) {
                        sb.append("\n      ").append(f.expected()).append(" | ").append(f.actual());
                    }
                }
            }
        }
        return sb.toString();
    }

    private static List<VerifyFinding> errors(VerifyReport r) {
        return r.checks().stream().flatMap(c -> c.findings().stream()).filter(VerifyFinding::fails).toList();
    }

    private static String finding(VerifyFinding f) {
        StringBuilder sb = new StringBuilder();
        if (VerifyFinding.WARNING.equals(f.severity())) {
            sb.append("warning: ");
        }
        if (f.object() != null) {
            sb.append(f.object()).append(": ");
        }
        sb.append(f.message());
        if (f.file() != null) {
            sb.append(" [").append(f.file()).append(f.line() == null ? "" : ":" + f.line()).append("]");
        }
        return sb.toString();
    }
}
