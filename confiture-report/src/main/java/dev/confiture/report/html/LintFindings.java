package dev.confiture.report.html;

import java.util.List;

import dev.confiture.lint.Finding;
import dev.confiture.lint.Severity;
import dev.confiture.report.ReportModel;
import dev.confiture.report.ReportModel.LintResult;

/**
 * What confiture-lint says of the pending migrations: a count over all of them at the top of the
 * section, and per migration each finding (rule, severity, the line it links to, the lock and what
 * it blocks, whether the table is rewritten, the safe form) and the findings an ignore comment
 * silenced, with the reason.
 */
final class LintFindings {

    private LintFindings() {
    }

    /** "Lint (PostgreSQL 15): 2 errors, 1 warning in 2 of 3 pending migrations; 1 ignored." */
    static void summary(StringBuilder sb, List<ReportModel.PendingChange> pending) {
        List<LintResult> linted = pending.stream().map(ReportModel.PendingChange::lint)
                .filter(r -> r != LintResult.NONE).toList();
        if (linted.isEmpty()) {
            return;
        }
        long errors = linted.stream().mapToLong(r -> r.count(Severity.ERROR)).sum();
        long warnings = linted.stream().mapToLong(r -> r.count(Severity.WARNING)).sum();
        long ignored = linted.stream().mapToLong(r -> r.ignored().size()).sum();
        long withFindings = linted.stream().filter(r -> !r.findings().isEmpty()).count();
        long failed = linted.stream().filter(r -> r.error() != null).count();
        sb.append("<p class=\"lint-summary\">Lint (PostgreSQL ").append(linted.get(0).postgresVersion()).append("): ")
                .append("<span class=\"badge ").append(errors > 0 ? "error" : "passed").append("\">")
                .append(plural(errors, "error")).append("</span> <span class=\"badge ")
                .append(warnings > 0 ? "warning" : "passed").append("\">").append(plural(warnings, "warning"))
                .append("</span> in ").append(withFindings).append(" of ").append(linted.size())
                .append(" pending migration").append(linted.size() == 1 ? "" : "s");
        if (ignored > 0) {
            sb.append("; ").append(ignored).append(" ignored by a comment");
        }
        if (failed > 0) {
            sb.append("; <span class=\"badge error\">").append(failed).append(" not judged</span>");
        }
        sb.append(".</p>");
    }

    /** The findings of one pending migration, above its SQL; nothing for a Java migration. */
    static void render(StringBuilder sb, String changeId, LintResult r) {
        if (r == LintResult.NONE) {
            return;
        }
        if (r.error() != null) {
            sb.append("<p class=\"note lint-error\">Lint could not judge this migration: ").append(Html.escape(r.error()))
                    .append("</p>");
            return;
        }
        if (r.findings().isEmpty() && r.ignored().isEmpty()) {
            sb.append("<p class=\"lint-clean\">Lint: no findings.</p>");
            return;
        }
        sb.append("<div class=\"lint\"><details open><summary class=\"label\">Lint (").append(plural(r.count(Severity.ERROR), "error"))
                .append(", ").append(plural(r.count(Severity.WARNING), "warning")).append(")</summary><ul>");
        for (Finding f : r.findings()) {
            sb.append("<li class=\"finding ").append(f.severity()).append("\"><span class=\"badge ").append(f.severity())
                    .append("\">").append(f.severity()).append("</span> <b class=\"rule\">").append(Html.escape(f.ruleId()))
                    .append("</b> <a class=\"line\" href=\"#").append(SqlLines.lineId(changeId, f.line())).append("\">line ")
                    .append(f.line()).append("</a>: ").append(Html.escape(f.message()));
            if (f.lock() != null) {
                sb.append("<div class=\"lock\">takes <b>").append(Html.escape(f.lock())).append("</b>, which blocks ")
                        .append(Html.escape(f.blocks())).append(f.rewritesTable() ? "; rewrites the table" : "").append("</div>");
            } else if (f.rewritesTable()) {
                sb.append("<div class=\"lock\">rewrites the table</div>");
            }
            if (f.safeAlternative() != null && !f.safeAlternative().isBlank()) {
                sb.append("<div class=\"safe\">safe form:<pre class=\"sql\"><code>").append(SqlHighlighter.highlight(f.safeAlternative()))
                        .append("</code></pre></div>");
            }
            sb.append("</li>");
        }
        sb.append("</ul>");
        if (!r.ignored().isEmpty()) {
            sb.append("<details class=\"ignored\"><summary>Ignored by a comment (").append(r.ignored().size())
                    .append(")</summary><ul>");
            for (Finding f : r.ignored()) {
                sb.append("<li><b class=\"rule\">").append(Html.escape(f.ruleId())).append("</b> line ").append(f.line())
                        .append(": ").append(Html.escape(f.ignoreReason())).append("</li>");
            }
            sb.append("</ul></details>");
        }
        sb.append("</details></div>");
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
