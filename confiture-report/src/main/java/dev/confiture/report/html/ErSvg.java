package dev.confiture.report.html;

import java.util.Locale;

import dev.confiture.report.diagram.ErDiagram;
import dev.confiture.report.diagram.ErLayout;

/**
 * The ER diagram as inline SVG: a frame per schema, a box per table (header, then one row per
 * column with PK / FK markers), a polyline per foreign key. Every table group carries its index and
 * name ({@code data-i}, {@code data-n}) and every edge its two ends ({@code data-f}, {@code data-t}),
 * which is all the page's script needs for search and focus.
 */
final class ErSvg {

    /**
     * The largest the diagram's canvas gets (report.css: {@code main}'s max-width, {@code #canvas}'s
     * max-height) and the scale below which report.js hides the column rows ({@code far}).
     */
    static final double LARGEST_CANVAS_WIDTH = 1600;
    static final double LARGEST_CANVAS_HEIGHT = 900;
    static final double FAR_SCALE = 0.3;

    private ErSvg() {
    }

    /**
     * Whether the column rows are hidden from the start: the diagram shown whole on the largest canvas
     * would draw them too small to read, so the script would hide them on load anyway. Starting hidden
     * spares the browser laying out thousands of texts before the script runs (musicbrainz: its first
     * screen painted 0.35 to 0.45 s sooner, the same pixels); the script still decides from the real
     * canvas, so a guess never hides what it would show.
     */
    static boolean startsFar(ErDiagram d) {
        double scale = Math.min(LARGEST_CANVAS_WIDTH / Math.max(d.width(), 1), LARGEST_CANVAS_HEIGHT / Math.max(d.height(), 1));
        return scale < FAR_SCALE;
    }

    static String render(ErDiagram d) {
        StringBuilder sb = new StringBuilder(64 * 1024 + d.tables().size() * 1024);
        sb.append("<svg id=\"er\"").append(startsFar(d) ? " class=\"far\"" : "")
                .append(" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(num(Math.max(d.width(), 1))).append(' ').append(num(Math.max(d.height(), 1)))
                .append("\" data-w=\"").append(num(d.width())).append("\" data-h=\"").append(num(d.height())).append("\">");
        sb.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\"/></marker></defs>");
        sb.append("<g id=\"frames\">");
        for (ErDiagram.SchemaFrame f : d.schemas()) {
            sb.append("<g class=\"schema\"><rect x=\"").append(num(f.x())).append("\" y=\"").append(num(f.y()))
                    .append("\" width=\"").append(num(f.width())).append("\" height=\"").append(num(f.height()))
                    .append("\" rx=\"6\"/><text x=\"").append(num(f.x() + 10)).append("\" y=\"").append(num(f.y() + 20))
                    .append("\">").append(Html.escape(f.name())).append("</text></g>");
        }
        sb.append("</g><g id=\"edges\">");
        for (ErDiagram.ForeignKeyEdge e : d.edges()) {
            sb.append("<polyline class=\"fk\" data-f=\"").append(e.from()).append("\" data-t=\"").append(e.to())
                    .append("\" points=\"");
            for (int i = 0; i < e.points().size(); i += 2) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(num(e.points().get(i))).append(',').append(num(e.points().get(i + 1)));
            }
            sb.append("\"><title>").append(Html.escape(e.constraint())).append("</title></polyline>");
        }
        sb.append("</g><g id=\"tables\">");
        for (ErDiagram.TableBox t : d.tables()) {
            table(sb, t);
        }
        sb.append("</g><g id=\"focus-edges\"></g></svg>");
        return sb.toString();
    }

    private static void table(StringBuilder sb, ErDiagram.TableBox t) {
        double w = t.width();
        sb.append("<g class=\"t\" id=\"t").append(t.id()).append("\" data-i=\"").append(t.id()).append("\" data-n=\"")
                .append(Html.escape(t.qualifiedName())).append("\" data-x=\"").append(num(t.x())).append("\" data-y=\"")
                .append(num(t.y())).append("\" data-w=\"").append(num(w)).append("\" data-h=\"").append(num(t.height()))
                .append("\" transform=\"translate(").append(num(t.x())).append(',').append(num(t.y())).append(")\">");
        sb.append("<rect class=\"box\" width=\"").append(num(w)).append("\" height=\"").append(num(t.height()))
                .append("\" rx=\"3\"/><rect class=\"hd\" width=\"").append(num(w)).append("\" height=\"")
                .append(num(ErLayout.HEADER_HEIGHT)).append("\" rx=\"3\"/>");
        sb.append("<text class=\"tn\" x=\"").append(num(ErLayout.PADDING)).append("\" y=\"16\">")
                .append(Html.escape(t.name())).append("</text>");
        double y = ErLayout.HEADER_HEIGHT + ErLayout.ROW_HEIGHT - 4;
        for (ErDiagram.ColumnLine c : t.columns()) {
            String marker = c.primaryKey() ? "PK" : c.foreignKey() ? "FK" : "";
            sb.append("<text class=\"col").append(c.primaryKey() ? " pk" : c.foreignKey() ? " fkc" : "")
                    .append("\" x=\"").append(num(ErLayout.PADDING)).append("\" y=\"").append(num(y)).append("\">");
            if (!marker.isEmpty()) {
                sb.append("<tspan class=\"m\">").append(marker).append("</tspan> ");
            } else {
                sb.append("   ");
            }
            sb.append(Html.escape(c.name())).append("</text><text class=\"ty\" x=\"").append(num(w - ErLayout.PADDING))
                    .append("\" y=\"").append(num(y)).append("\">").append(Html.escape(shortType(c))).append("</text>");
            y += ErLayout.ROW_HEIGHT;
        }
        sb.append("</g>");
    }

    private static String shortType(ErDiagram.ColumnLine c) {
        String type = c.type().length() > ErLayout.TYPE_CHARS ? c.type().substring(0, ErLayout.TYPE_CHARS - 1) + "…" : c.type();
        return c.notNull() ? type : type + "?";
    }

    /** One decimal at most: the picture needs no more, and musicbrainz' page stays small. */
    static String num(double v) {
        long r = Math.round(v * 10);
        return r % 10 == 0 ? Long.toString(r / 10) : String.format(Locale.ROOT, "%.1f", r / 10.0);
    }
}
