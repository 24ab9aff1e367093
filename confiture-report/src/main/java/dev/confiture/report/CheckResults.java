package dev.confiture.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The latest {@code validate} and {@code verify} reports ({@code target/confiture/validate.json},
 * {@code verify.json}; see docs/validate.md and docs/ci.md), read as JSON trees so that a report
 * written by an older or newer plugin still shows: status, checks, and each finding's object and message.
 */
final class CheckResults {

    static final List<String> GOALS = List.of("validate", "verify");

    private CheckResults() {
    }

    static List<ReportModel.CheckResult> read(Path resultsDir) {
        List<ReportModel.CheckResult> out = new ArrayList<>();
        if (resultsDir == null) {
            return out;
        }
        ObjectMapper mapper = new ObjectMapper();
        for (String goal : GOALS) {
            Path file = resultsDir.resolve(goal + ".json");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                JsonNode root = mapper.readTree(file.toFile());
                out.add(new ReportModel.CheckResult(goal, text(root, "status", "unknown"),
                        Files.getLastModifiedTime(file).toInstant().toString(), checks(root)));
            } catch (IOException e) {
                out.add(new ReportModel.CheckResult(goal, "unreadable", null, List.of(new ReportModel.Check(goal + ".json",
                        "unreadable", "Could not read " + file.getFileName() + ": " + e.getMessage(), List.of()))));
            }
        }
        return out;
    }

    private static List<ReportModel.Check> checks(JsonNode root) {
        List<ReportModel.Check> checks = new ArrayList<>();
        JsonNode error = root.get("error");
        if (error != null && error.isObject()) {
            checks.add(new ReportModel.Check("error", "error", text(error, "code", "") + ": " + text(error, "message", ""),
                    List.of()));
        }
        for (JsonNode c : root.path("checks")) {
            List<String> findings = new ArrayList<>();
            for (JsonNode f : c.path("findings")) {
                StringBuilder line = new StringBuilder();
                String object = text(f, "object", null);
                if (object != null) {
                    line.append(object).append(": ");
                }
                line.append(text(f, "message", f.toString()));
                String file = text(f, "file", null);
                if (file != null) {
                    line.append(" (").append(file);
                    if (f.hasNonNull("line")) {
                        line.append(':').append(f.get("line").asText());
                    }
                    line.append(')');
                }
                findings.add(line.toString());
            }
            checks.add(new ReportModel.Check(text(c, "name", "?"), text(c, "status", "?"), text(c, "summary", null),
                    findings));
        }
        return checks;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }
}
