package dev.confiture.report.diagram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.Table;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays out the tables of a {@link SchemaModel} as an ER diagram with the Eclipse Layout Kernel's
 * layered algorithm: one compound node per schema, one node per table sized to its columns, one
 * edge per foreign key (across schemas too, ELK routes them through the hierarchy).
 */
public final class ErLayout {

    /** Box metrics, shared with the SVG renderer and its stylesheet (12 px monospace rows). */
    public static final double HEADER_HEIGHT = 24;
    public static final double ROW_HEIGHT = 16;
    public static final double CHAR_WIDTH = 7.3;
    public static final double PADDING = 8;
    static final double MIN_WIDTH = 120;
    static final double MAX_WIDTH = 420;

    static {
        // ELK finds its algorithms through Eclipse extension points; outside Eclipse they are registered by hand.
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private ErLayout() {
    }

    /** The diagram of every table in {@code model}, grouped by schema. */
    public static ErDiagram layout(SchemaModel model) {
        if (model.tables().isEmpty()) {
            return ErDiagram.empty();
        }
        ElkNode root = ElkGraphUtil.createGraph();
        // Each schema is laid out on its own, then the schema frames are packed: a hierarchy-wide
        // layout (INCLUDE_CHILDREN) routes cross-schema keys too, but costs several times as much on
        // musicbrainz' 500 tables; those few keys are drawn straight instead.
        configure(root);
        root.setProperty(CoreOptions.SPACING_COMPONENT_COMPONENT, 40.0);

        Map<String, ElkNode> schemaNodes = new LinkedHashMap<>();
        Map<QualifiedName, ElkNode> tableNodes = new LinkedHashMap<>();
        Map<ElkNode, Integer> ids = new HashMap<>();
        List<Table> tables = new ArrayList<>(model.tables().values());
        List<List<ErDiagram.ColumnLine>> columnLines = new ArrayList<>();
        for (Table t : tables) {
            ElkNode group = schemaNodes.computeIfAbsent(t.name().schema(), s -> schemaNode(root));
            List<ErDiagram.ColumnLine> lines = columnLines(t);
            ElkNode node = ElkGraphUtil.createNode(group);
            node.setDimensions(width(t, lines), HEADER_HEIGHT + ROW_HEIGHT * lines.size() + 4);
            ids.put(node, tableNodes.size());
            tableNodes.put(t.name(), node);
            columnLines.add(lines);
        }
        List<ElkEdge> edges = new ArrayList<>();
        List<String> edgeNames = new ArrayList<>();
        for (Table t : tables) {
            for (Constraint c : t.constraints().values()) {
                ElkNode target = c.kind() == Constraint.Kind.FOREIGN_KEY ? tableNodes.get(c.references()) : null;
                if (target != null && target.getParent() == tableNodes.get(t.name()).getParent()) {
                    edges.add(ElkGraphUtil.createSimpleEdge(tableNodes.get(t.name()), target));
                    edgeNames.add(c.name());
                }
            }
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        List<ErDiagram.SchemaFrame> frames = new ArrayList<>();
        schemaNodes.forEach((name, n) -> frames.add(new ErDiagram.SchemaFrame(name, n.getX(), n.getY(), n.getWidth(),
                n.getHeight())));
        List<ErDiagram.TableBox> boxes = new ArrayList<>();
        int i = 0;
        for (Table t : tables) {
            ElkNode n = tableNodes.get(t.name());
            ElkNode group = n.getParent();
            boxes.add(new ErDiagram.TableBox(i, t.name().schema(), t.name().name(), group.getX() + n.getX(),
                    group.getY() + n.getY(), n.getWidth(), n.getHeight(), columnLines.get(i)));
            i++;
        }
        List<ErDiagram.ForeignKeyEdge> drawn = new ArrayList<>();
        for (int e = 0; e < edges.size(); e++) {
            ElkEdge edge = edges.get(e);
            ElkNode from = (ElkNode) edge.getSources().get(0);
            ElkNode to = (ElkNode) edge.getTargets().get(0);
            drawn.add(new ErDiagram.ForeignKeyEdge(ids.get(from), ids.get(to), edgeNames.get(e), points(edge)));
        }
        for (Table t : tables) {
            for (Constraint c : t.constraints().values()) {
                ElkNode target = c.kind() == Constraint.Kind.FOREIGN_KEY ? tableNodes.get(c.references()) : null;
                if (target != null && target.getParent() != tableNodes.get(t.name()).getParent()) {
                    ErDiagram.TableBox from = boxes.get(ids.get(tableNodes.get(t.name())));
                    ErDiagram.TableBox to = boxes.get(ids.get(target));
                    drawn.add(new ErDiagram.ForeignKeyEdge(from.id(), to.id(), c.name(), straight(from, to)));
                }
            }
        }
        return new ErDiagram(root.getWidth(), root.getHeight(), frames, boxes, drawn);
    }

    private static void configure(ElkNode node) {
        node.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        node.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        node.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        node.setProperty(CoreOptions.SPACING_NODE_NODE, 24.0);
        node.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 48.0);
        node.setProperty(CoreOptions.ASPECT_RATIO, 1.6);
        // Fewer crossing-minimisation rounds: a few more crossings, a fraction of the time on large schemas.
        node.setProperty(LayeredOptions.THOROUGHNESS, 2);
    }

    /** From the middle of one box's border to the other's, for keys between schemas. */
    private static List<Double> straight(ErDiagram.TableBox from, ErDiagram.TableBox to) {
        double fx = from.x() + from.width() / 2;
        double tx = to.x() + to.width() / 2;
        List<Double> points = new ArrayList<>();
        add(points, fx < tx ? from.x() + from.width() : from.x(), from.y() + HEADER_HEIGHT / 2);
        add(points, fx < tx ? to.x() : to.x() + to.width(), to.y() + HEADER_HEIGHT / 2);
        return points;
    }

    private static ElkNode schemaNode(ElkNode root) {
        ElkNode group = ElkGraphUtil.createNode(root);
        configure(group);
        group.setProperty(CoreOptions.PADDING, new ElkPadding(30, 12, 12, 12));
        return group;
    }

    /** The columns in declared order, marked PK / FK from the table's constraints. */
    static List<ErDiagram.ColumnLine> columnLines(Table t) {
        Set<String> pk = new TreeSet<>();
        Set<String> fk = new TreeSet<>();
        for (Constraint c : t.constraints().values()) {
            if (c.kind() == Constraint.Kind.PRIMARY_KEY) {
                pk.addAll(c.columns());
            } else if (c.kind() == Constraint.Kind.FOREIGN_KEY) {
                fk.addAll(c.columns());
            }
        }
        List<ErDiagram.ColumnLine> lines = new ArrayList<>();
        for (Column c : t.columns()) {
            lines.add(new ErDiagram.ColumnLine(c.name(), c.type(), pk.contains(c.name()), fk.contains(c.name()),
                    c.notNull()));
        }
        return lines;
    }

    /** Wide enough for the longest "marker name type" line, within bounds (long types are cut by the renderer). */
    private static double width(Table t, List<ErDiagram.ColumnLine> lines) {
        int chars = t.name().name().length() + 2;
        for (ErDiagram.ColumnLine l : lines) {
            chars = Math.max(chars, 3 + l.name().length() + 2 + Math.min(l.type().length(), TYPE_CHARS));
        }
        return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, chars * CHAR_WIDTH + 2 * PADDING));
    }

    /** Types longer than this are shortened with an ellipsis in the box. */
    public static final int TYPE_CHARS = 28;

    /** Absolute points of the edge's first section (ELK gives them relative to the edge's containing node). */
    private static List<Double> points(ElkEdge edge) {
        List<Double> points = new ArrayList<>();
        if (edge.getSections().isEmpty()) {
            return points;
        }
        double dx = 0;
        double dy = 0;
        for (ElkNode n = edge.getContainingNode(); n != null && n.getParent() != null; n = n.getParent()) {
            dx += n.getX();
            dy += n.getY();
        }
        ElkEdgeSection s = edge.getSections().get(0);
        add(points, s.getStartX() + dx, s.getStartY() + dy);
        for (ElkBendPoint b : s.getBendPoints()) {
            add(points, b.getX() + dx, b.getY() + dy);
        }
        add(points, s.getEndX() + dx, s.getEndY() + dy);
        return points;
    }

    private static void add(List<Double> points, double x, double y) {
        points.add(Math.round(x * 10) / 10.0);
        points.add(Math.round(y * 10) / 10.0);
    }
}
