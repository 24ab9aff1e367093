package dev.confiture.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What lint found: the migrations it judged, the findings, and the findings silenced by an ignore
 * comment (with their reasons). Rendered as the text of the build log, as JSON (this record, keys in
 * snake_case) and as SARIF 2.1.0.
 */
public record LintReport(List<String> migrations, List<Finding> findings, List<Finding> ignored) {

    public LintReport {
        migrations = List.copyOf(migrations);
        findings = List.copyOf(findings);
        ignored = List.copyOf(ignored);
    }

    /** True when a finding reaches {@code failOn} ({@code error}, {@code warning} or {@code none}). */
    public boolean fails(String failOn) {
        return switch (failOn.toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> false;
            case "warning" -> !findings.isEmpty();
            case "error" -> findings.stream().anyMatch(f -> f.level() == Severity.ERROR);
            default -> throw new dev.confiture.model.ConfitureException("LINT_FAIL_ON",
                    "confiture.failOn is '" + failOn + "': use error, warning or none.");
        };
    }

    /** The build log's lines. */
    public List<String> textLines() {
        List<String> lines = new ArrayList<>();
        lines.add("Linted " + migrations.size() + " migration(s): " + findings.size() + " finding(s), "
                + ignored.size() + " ignored.");
        for (Finding f : findings) {
            lines.add(f.located());
            if (f.lock() != null) {
                lines.add("    lock: " + f.lock() + " (blocks " + f.blocks() + ")" + (f.rewritesTable() ? ", rewrites the table" : ""));
            }
            lines.add("    safe form:");
            f.safeAlternative().lines().forEach(l -> lines.add("      " + l));
        }
        for (Finding f : ignored) {
            lines.add(f.file() + ":" + f.line() + ":" + f.column() + ": ignored [" + f.ruleId() + "] " + f.ignoreReason());
        }
        return lines;
    }

    /** The report as a SARIF 2.1.0 log (one run, one result per finding; ignored ones carry a suppression). */
    public Map<String, Object> sarif(List<String> ruleIds, String version) {
        Set<String> ids = new LinkedHashSet<>(ruleIds);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (String id : ids) {
            rules.add(map("id", id, "helpUri", "https://github.com/confiture-maven/confiture/blob/main/docs/lint.md#" + id));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        findings.forEach(f -> results.add(result(f)));
        for (Finding f : ignored) {
            Map<String, Object> r = result(f);
            r.put("suppressions", List.of(map("kind", "inSource", "justification", f.ignoreReason())));
            results.add(r);
        }
        Map<String, Object> driver = map("name", "confiture-lint", "version", version, "informationUri",
                "https://github.com/confiture-maven/confiture/blob/main/docs/lint.md", "rules", rules);
        return map("$schema", "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0",
                "runs", List.of(map("tool", map("driver", driver), "results", results)));
    }

    private static Map<String, Object> result(Finding f) {
        Map<String, Object> region = map("startLine", f.line(), "startColumn", f.column());
        Map<String, Object> location = map("physicalLocation",
                map("artifactLocation", map("uri", f.file().replace('\\', '/')), "region", region));
        String text = f.message() + (f.lock() == null ? "" : " [lock " + f.lock() + ", blocks " + f.blocks()
                + (f.rewritesTable() ? ", rewrites the table" : "") + "]") + "\nSafe form:\n" + f.safeAlternative();
        return map("ruleId", f.ruleId(), "level", f.severity(), "message", map("text", text),
                "locations", List.of(location));
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
