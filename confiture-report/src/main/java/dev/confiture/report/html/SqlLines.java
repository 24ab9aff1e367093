package dev.confiture.report.html;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.confiture.lint.Finding;
import dev.confiture.lint.Severity;

/**
 * A migration's SQL, highlighted, one element per line (the stylesheet numbers them), the lines lint
 * flags marked with the rule and linkable ({@link #lineId}). A long one (a whole baseline schema)
 * starts folded, and its lines wait in an inert {@code <script type="text/x-confiture-sql">} until it
 * is opened: tens of thousands of line and token elements the browser would otherwise build at load.
 */
final class SqlLines {

    /** The type of the inert block that holds a folded SQL's lines (report.js moves them into the page). */
    static final String LAZY_TYPE = "text/x-confiture-sql";

    private SqlLines() {
    }

    /** The id of line {@code line} of the SQL of the change whose id is {@code changeId}. */
    static String lineId(String changeId, int line) {
        return changeId + "-l" + line;
    }

    static void render(StringBuilder sb, String changeId, String sql, List<Finding> findings, int foldLines) {
        Map<Integer, List<Finding>> byLine = new TreeMap<>();
        for (Finding f : findings) {
            byLine.computeIfAbsent(f.line(), l -> new java.util.ArrayList<>()).add(f);
        }
        // Html.escape leaves no '<' but the highlighter's own tags, so the lines can sit in a <script> block.
        String[] lines = SqlHighlighter.highlight(sql.replace("\r\n", "\n").replace('\r', '\n')).split("\n", -1);
        int count = lines.length > 1 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        StringBuilder code = new StringBuilder(sql.length() * 2 + count * 24);
        for (int i = 0; i < count; i++) {
            List<Finding> here = byLine.get(i + 1);
            if (here == null) {
                code.append("<span class=\"l\">");
            } else {
                boolean error = here.stream().anyMatch(f -> f.level() == Severity.ERROR);
                code.append("<span class=\"l flag ").append(error ? "error" : "warning").append("\" id=\"")
                        .append(lineId(changeId, i + 1)).append("\" data-rule=\"")
                        .append(Html.escape(String.join(", ", here.stream().map(Finding::ruleId).distinct().toList())))
                        .append("\">");
            }
            code.append(lines[i]).append("</span>");
        }
        if (count > foldLines) {
            sb.append("<details class=\"lazy\" data-change=\"").append(changeId).append("\"><summary>SQL (").append(count)
                    .append(" lines)</summary><pre class=\"sql\"><code></code></pre><script type=\"").append(LAZY_TYPE)
                    .append("\">").append(code).append("</script></details>");
        } else {
            sb.append("<details open><summary>SQL</summary><pre class=\"sql\"><code>").append(code)
                    .append("</code></pre></details>");
        }
    }
}
