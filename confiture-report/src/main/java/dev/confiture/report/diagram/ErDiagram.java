package dev.confiture.report.diagram;

import java.util.List;

/**
 * An ER diagram laid out and ready to draw: table boxes and schema frames with absolute
 * coordinates, foreign keys as polylines. Coordinates are SVG user units.
 */
public record ErDiagram(double width, double height, List<SchemaFrame> schemas, List<TableBox> tables,
                        List<ForeignKeyEdge> edges) {

    public ErDiagram {
        schemas = List.copyOf(schemas);
        tables = List.copyOf(tables);
        edges = List.copyOf(edges);
    }

    public static ErDiagram empty() {
        return new ErDiagram(0, 0, List.of(), List.of(), List.of());
    }

    /** A schema's frame around its tables. */
    public record SchemaFrame(String name, double x, double y, double width, double height) {
    }

    /** One table: {@code id} is its index in {@link ErDiagram#tables()}, used by edges and the page's script. */
    public record TableBox(int id, String schema, String name, double x, double y, double width, double height,
                           List<ColumnLine> columns) {
        public TableBox {
            columns = List.copyOf(columns);
        }

        /** {@code schema.name}, as the search box and the page show it. */
        public String qualifiedName() {
            return schema + "." + name;
        }
    }

    /** A column as the box shows it: name, type, and whether it is part of the primary key or of a foreign key. */
    public record ColumnLine(String name, String type, boolean primaryKey, boolean foreignKey, boolean notNull) {
    }

    /** A foreign key from table {@code from} to table {@code to}, drawn through {@code points} (x0, y0, x1, y1, ...). */
    public record ForeignKeyEdge(int from, int to, String constraint, List<Double> points) {
        public ForeignKeyEdge {
            points = List.copyOf(points);
        }
    }
}
