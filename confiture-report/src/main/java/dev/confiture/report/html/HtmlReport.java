package dev.confiture.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.report.ReportModel;
import dev.confiture.report.diagram.ErDiagram;

/**
 * Renders a {@link ReportModel} as one self-contained HTML page: the stylesheet and the script are
 * inlined, the diagram is inline SVG, nothing is loaded from anywhere, so the file opens from the
 * file system in any browser (docs/report.md).
 */
public final class HtmlReport {

    /** The file name inside the report folder. */
    public static final String INDEX = "index.html";

    /** Lists and SQL longer than these start folded ({@code <details>}). */
    static final int FOLD_LIST_ITEMS = 30;
    static final int FOLD_SQL_LINES = 300;

    private HtmlReport() {
    }

    /** Writes {@code index.html} into {@code dir} (created when missing) and returns its path. */
    public static Path write(ReportModel model, Path dir) {
        Path file = dir.resolve(INDEX);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, render(model), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfitureException("REPORT_WRITE_FAILED", "Could not write the report to " + file + ": "
                    + e.getMessage(), file, 0, false, e);
        }
        return file;
    }

    public static String render(ReportModel m) {
        StringBuilder sb = new StringBuilder(256 * 1024);
        String title = "Confiture report: " + m.environment().project() + " (" + m.environment().name() + ")";
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(title)).append("</title><style>").append(resource("report.css"))
                .append("</style></head><body>\n");
        header(sb, m);
        sb.append("<main>\n");
        history(sb, m.history());
        pending(sb, m.pending());
        checks(sb, m.checks());
        schema(sb, m.schema());
        sb.append("</main>\n<script>").append(resource("report.js")).append("</script>\n</body></html>\n");
        return sb.toString();
    }

    private static void header(StringBuilder sb, ReportModel m) {
        ReportModel.EnvironmentSummary e = m.environment();
        sb.append("<header><h1>Confiture report <span class=\"env\">").append(Html.escape(e.project()))
                .append(" · ").append(Html.escape(e.name())).append("</span></h1><dl class=\"meta\">");
        meta(sb, "Environment", e.name());
        meta(sb, "Database", e.database());
        meta(sb, "Tracking table", e.trackingTable());
        meta(sb, "Migrations", e.migrationsDir());
        meta(sb, "Made", m.generatedAt());
        sb.append("</dl><nav><a href=\"#history\">History</a><a href=\"#pending\">Pending changes</a>")
                .append("<a href=\"#checks\">Checks</a><a href=\"#schema\">Schema</a></nav></header>\n");
    }

    private static void meta(StringBuilder sb, String label, String value) {
        sb.append("<div><dt>").append(label).append("</dt><dd>").append(Html.escape(value)).append("</dd></div>");
    }

    private static void history(StringBuilder sb, ReportModel.History h) {
        sb.append("<section id=\"history\"><h2>Migration history</h2>");
        if (!h.fromDatabase()) {
            sb.append("<p class=\"note offline\">").append(Html.escape(h.note())).append("</p>");
        }
        sb.append("<p class=\"counts\">");
        count(sb, "applied", h.applied());
        count(sb, "pending", h.pending());
        count(sb, "modified", h.modified());
        count(sb, "missing", h.missing());
        sb.append("</p>");
        if (h.entries().isEmpty()) {
            sb.append("<p class=\"empty\">No migrations yet.</p>");
        }
        sb.append("<ol class=\"timeline\">");
        for (ReportModel.HistoryEntry e : h.entries()) {
            String status = e.status();
            sb.append("<li class=\"mig ").append(Html.escape(status)).append("\" id=\"m-").append(Html.escape(e.version()))
                    .append("\"><span class=\"dot\"></span><div class=\"what\"><span class=\"name\">")
                    .append(Html.escape(e.displayName())).append("</span> <span class=\"badge ").append(Html.escape(status))
                    .append("\">").append(Html.escape(status)).append("</span> <span class=\"kind\">")
                    .append(Html.escape(e.kind())).append("</span></div><div class=\"when\">");
            if (e.appliedAt() != null) {
                sb.append("applied ").append(Html.escape(e.appliedAt()));
                if (e.appliedBy() != null) {
                    sb.append(" by ").append(Html.escape(e.appliedBy()));
                }
                if (e.executionTimeMs() != null) {
                    sb.append(" in ").append(e.executionTimeMs()).append(" ms");
                }
            } else if ("pending".equals(status)) {
                sb.append("<a href=\"#p-").append(Html.escape(e.version())).append("\">not applied yet</a>");
            }
            if (e.source() != null) {
                sb.append(" <span class=\"src\">").append(Html.escape(e.source())).append("</span>");
            }
            if ("modified".equals(status)) {
                sb.append(" <strong>its up file changed after it was applied</strong>");
            } else if ("missing".equals(status)) {
                sb.append(" <strong>applied, but its file is gone</strong>");
            }
            sb.append("</div></li>");
        }
        sb.append("</ol></section>\n");
    }

    private static void count(StringBuilder sb, String status, int n) {
        sb.append("<span class=\"badge ").append(status).append("\">").append(n).append(' ').append(status).append("</span> ");
    }

    private static void pending(StringBuilder sb, List<ReportModel.PendingChange> pending) {
        sb.append("<section id=\"pending\"><h2>Pending changes</h2>");
        if (pending.isEmpty()) {
            sb.append("<p class=\"empty\">Nothing pending.</p>");
        }
        LintFindings.summary(sb, pending);
        for (ReportModel.PendingChange p : pending) {
            String id = "p-" + Html.escape(p.version());
            sb.append("<article class=\"change\" id=\"").append(id).append("\"><h3>")
                    .append(Html.escape(p.displayName())).append("</h3><p class=\"src\">").append(Html.escape(p.file()))
                    .append("</p>");
            LintFindings.render(sb, id, p.lint());
            list(sb, "warn", "Destructive", p.warnings());
            list(sb, "touches", "Touches", p.touches());
            list(sb, "unreadable", "Not understood", p.unreadable());
            if (p.sql() != null) {
                SqlLines.render(sb, id, p.sql(), p.lint().findings(), FOLD_SQL_LINES);
            }
            sb.append("</article>");
        }
        sb.append("</section>\n");
    }

    private static void list(StringBuilder sb, String css, String label, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        sb.append("<div class=\"").append(css).append("\"><details").append(items.size() > FOLD_LIST_ITEMS ? "" : " open")
                .append("><summary class=\"label\">").append(label).append(" (").append(items.size()).append(")</summary><ul>");
        for (String item : items) {
            sb.append("<li>").append(Html.escape(item)).append("</li>");
        }
        sb.append("</ul></details></div>");
    }

    private static void checks(StringBuilder sb, List<ReportModel.CheckResult> results) {
        sb.append("<section id=\"checks\"><h2>Latest checks</h2>");
        if (results.isEmpty()) {
            sb.append("<p class=\"empty\">No validate or verify report under target/confiture yet"
                    + " (run <code>mvn confiture:validate</code> or <code>mvn confiture:verify</code>).</p>");
        }
        for (ReportModel.CheckResult r : results) {
            sb.append("<article class=\"check\"><h3>").append(Html.escape(r.goal())).append(" <span class=\"badge ")
                    .append(Html.escape(r.status())).append("\">").append(Html.escape(r.status())).append("</span></h3>");
            if (r.writtenAt() != null) {
                sb.append("<p class=\"src\">written ").append(Html.escape(r.writtenAt())).append("</p>");
            }
            sb.append("<ul>");
            for (ReportModel.Check c : r.checks()) {
                sb.append("<li><span class=\"badge ").append(Html.escape(c.status())).append("\">")
                        .append(Html.escape(c.status())).append("</span> <b>").append(Html.escape(c.name())).append("</b>");
                if (c.summary() != null) {
                    sb.append(" ").append(Html.escape(c.summary()));
                }
                if (!c.findings().isEmpty()) {
                    sb.append("<ul>");
                    c.findings().forEach(f -> sb.append("<li>").append(Html.escape(f)).append("</li>"));
                    sb.append("</ul>");
                }
                sb.append("</li>");
            }
            sb.append("</ul></article>");
        }
        sb.append("</section>\n");
    }

    private static void schema(StringBuilder sb, ReportModel.SchemaPicture s) {
        ErDiagram d = s.diagram();
        sb.append("<section id=\"schema\"><h2>Schema</h2><p class=\"src\">").append(d.tables().size())
                .append(" table(s), ").append(d.edges().size()).append(" foreign key(s), from ")
                .append(Html.escape(s.source())).append(". PK primary key, FK foreign key, <code>?</code> nullable.</p>");
        for (String note : s.notes()) {
            sb.append("<p class=\"note\">").append(Html.escape(note)).append("</p>");
        }
        if (d.tables().isEmpty()) {
            sb.append("<p class=\"empty\">No tables.</p></section>\n");
            return;
        }
        sb.append("<div class=\"tools\"><input id=\"search\" type=\"search\" list=\"table-names\" autocomplete=\"off\"")
                .append(" placeholder=\"Find a table (schema.name)\"><button id=\"focus\">Focus</button>")
                .append("<button id=\"all\">Show all</button><button id=\"zin\">+</button><button id=\"zout\">−</button>")
                .append("<span id=\"status\"></span></div><datalist id=\"table-names\">");
        for (ErDiagram.TableBox t : d.tables()) {
            sb.append("<option value=\"").append(Html.escape(t.qualifiedName())).append("\">");
        }
        sb.append("</datalist><div id=\"canvas\">").append(ErSvg.render(d)).append("</div></section>\n");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
