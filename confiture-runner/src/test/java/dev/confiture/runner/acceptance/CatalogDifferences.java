package dev.confiture.runner.acceptance;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.Table;

/**
 * Compares two models read from live catalogs field by field (record equality), not through the diff
 * engine, so that the engine is not the judge of its own output. Column order does not count
 * ({@code ADD COLUMN} appends; see {@link Table}); everything else does.
 */
final class CatalogDifferences {

    private CatalogDifferences() {
    }

    /** One line per object that differs; empty when the two catalogs are equal. */
    static List<String> between(SchemaModel actual, SchemaModel expected) {
        SchemaModel a = columnOrderIgnored(actual);
        SchemaModel e = columnOrderIgnored(expected);
        List<String> out = new ArrayList<>();
        for (RecordComponent component : SchemaModel.class.getRecordComponents()) {
            Object av = value(component, a);
            Object ev = value(component, e);
            if (av instanceof Map<?, ?> am && ev instanceof Map<?, ?> em) {
                Set<Object> keys = new TreeSet<>(Comparator.comparing(String::valueOf));
                keys.addAll(am.keySet());
                keys.addAll(em.keySet());
                for (Object k : keys) {
                    if (!java.util.Objects.equals(am.get(k), em.get(k))) {
                        out.add(component.getName() + " " + k + ":\n    is:        " + am.get(k)
                                + "\n    should be: " + em.get(k));
                    }
                }
            } else if (!av.equals(ev)) {
                out.add(component.getName() + ":\n    is:        " + av + "\n    should be: " + ev);
            }
        }
        return out;
    }

    private static Object value(RecordComponent component, SchemaModel model) {
        try {
            return component.getAccessor().invoke(model);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static SchemaModel columnOrderIgnored(SchemaModel m) {
        Map<QualifiedName, Table> tables = new TreeMap<>();
        m.tables().forEach((name, t) -> tables.put(name, new Table(t.name(),
                t.columns().stream().sorted(Comparator.comparing(Column::name)).toList(), t.constraints(), t.indexes(),
                t.triggers(), t.policies(), t.unlogged(), t.partitionBy(), t.partitionOf(), t.partitionBound(),
                t.inherits(), t.rowSecurity(), t.forceRowSecurity(), t.owner())));
        return new SchemaModel(m.schemas(), m.extensions(), m.collations(), m.enums(), m.composites(), m.domains(),
                m.sequences(), new TreeMap<>(tables), m.views(), m.routines(), m.comments(), m.grants(), m.others());
    }
}
