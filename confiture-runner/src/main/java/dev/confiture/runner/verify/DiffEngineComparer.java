package dev.confiture.runner.verify;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.diff.Change;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.Table;
import dev.confiture.runner.catalog.CatalogReader;

/**
 * The product's one catalog reader and one diff engine, seen through {@link CatalogComparer}: the
 * changes that would turn the actual model into the expected one are the differences. A created
 * object is one only the expected side has, a dropped one only the actual side has; for an altered
 * column, index or constraint each side's definition is shown.
 */
public final class DiffEngineComparer implements CatalogComparer {

    /** The catalog reader leaves out Confiture's own objects ({@code OwnObjects}) for this tracking table. */
    @Override
    public SchemaModel read(Connection connection, String trackingTable) {
        return new CatalogReader(trackingTable).read(connection);
    }

    @Override
    public List<SchemaDifference> compare(SchemaModel expected, SchemaModel actual) {
        List<SchemaDifference> differences = new ArrayList<>();
        for (Change change : SchemaDiff.compare(actual, expected).changes()) {
            String object = change.object().toString();
            differences.add(switch (change.kind()) {
                case CREATE -> new SchemaDifference(object, describe(expected, change.object(), SchemaDifference.PRESENT),
                        SchemaDifference.ABSENT, change.description());
                case DROP -> new SchemaDifference(object, SchemaDifference.ABSENT,
                        describe(actual, change.object(), SchemaDifference.PRESENT), change.description());
                case ALTER -> new SchemaDifference(object, describe(expected, change.object(), "different"),
                        describe(actual, change.object(), "different"), change.description());
            });
        }
        return differences;
    }

    /** A column's type and modifiers, an index's or a constraint's definition; {@code fallback} for other kinds. */
    static String describe(SchemaModel model, ObjectRef ref, String fallback) {
        for (Table t : model.tables().values()) {
            switch (ref.kind()) {
                case COLUMN -> {
                    for (Column c : t.columns()) {
                        if (ObjectRef.column(t.name(), c.name()).equals(ref)) {
                            return column(c);
                        }
                    }
                }
                case INDEX -> {
                    for (Index i : t.indexes().values()) {
                        if (ObjectRef.of(ObjectRef.Kind.INDEX, i.name()).equals(ref)) {
                            return (i.unique() ? "unique " : "") + i.method() + " (" + String.join(", ", i.keys()) + ")"
                                    + (i.predicate() == null ? "" : " where " + i.predicate());
                        }
                    }
                }
                case CONSTRAINT -> {
                    for (Constraint c : t.constraints().values()) {
                        if (ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, c.name(), t.name()).equals(ref)) {
                            return c.definition();
                        }
                    }
                }
                default -> {
                    return fallback;
                }
            }
        }
        return fallback;
    }

    private static String column(Column c) {
        StringBuilder sb = new StringBuilder(c.type());
        if (c.notNull()) {
            sb.append(" not null");
        }
        if (c.defaultExpression() != null) {
            sb.append(" default ").append(c.defaultExpression());
        }
        if (c.identity() != null) {
            sb.append(" generated ").append(c.identity().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .append(" as identity");
        }
        if (c.generatedExpression() != null) {
            sb.append(" generated always as (").append(c.generatedExpression()).append(")");
        }
        return sb.toString();
    }
}
