package dev.confiture.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.View;

/**
 * Compares two models object by object through the records' own equality (the model is made of
 * immutable records in sorted maps), descending into tables so that a report names the column,
 * constraint, index, trigger or policy that differs. Column order does not count: an
 * {@code ADD COLUMN} appends, while a schema file may declare the column anywhere.
 */
public final class RecordModelComparer implements ModelComparer {

    @Override
    public List<ObjectDifference> compare(SchemaModel left, SchemaModel right) {
        List<ObjectDifference> out = new ArrayList<>();
        objects(out, left.schemas(), right.schemas(), k -> new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(k)),
                s -> "schema" + owner(s.owner()));
        objects(out, left.extensions(), right.extensions(),
                k -> new ObjectRef(ObjectRef.Kind.EXTENSION, Identifiers.quote(k)),
                e -> "extension in schema " + e.schema() + (e.version() == null ? "" : " version " + e.version()));
        objects(out, left.collations(), right.collations(), k -> ref(ObjectRef.Kind.COLLATION, k), Object::toString);
        objects(out, left.enums(), right.enums(), k -> ref(ObjectRef.Kind.TYPE, k),
                e -> "enum (" + String.join(", ", e.labels().stream().map(l -> "'" + l + "'").toList()) + ")"
                        + owner(e.owner()));
        objects(out, left.composites(), right.composites(), k -> ref(ObjectRef.Kind.TYPE, k),
                c -> "composite (" + String.join(", ", c.attributes().stream()
                        .map(a -> a.name() + " " + a.type() + (a.collation() == null ? "" : " COLLATE " + a.collation()))
                        .toList()) + ")" + owner(c.owner()));
        objects(out, left.domains(), right.domains(), k -> ref(ObjectRef.Kind.DOMAIN, k), Object::toString);
        objects(out, left.sequences(), right.sequences(), k -> ref(ObjectRef.Kind.SEQUENCE, k), Object::toString);
        tables(out, left.tables(), right.tables());
        views(out, left.views(), right.views());
        objects(out, left.routines(), right.routines(),
                k -> new ObjectRef(routineKind(left.routines().getOrDefault(k, right.routines().get(k))), k.toString()),
                r -> (r.returnType() == null ? "" : "returns " + r.returnType() + ", ") + "language " + r.language()
                        + ": " + r.definition() + owner(r.owner()));
        objects(out, left.comments(), right.comments(), k -> k, c -> "comment '" + c + "'");
        grants(out, left.grants(), right.grants());
        return out;
    }

    private static ObjectRef ref(ObjectRef.Kind kind, QualifiedName name) {
        return new ObjectRef(kind, name.toString());
    }

    private static ObjectRef.Kind routineKind(Routine r) {
        return switch (r.kind()) {
            case FUNCTION -> ObjectRef.Kind.FUNCTION;
            case PROCEDURE -> ObjectRef.Kind.PROCEDURE;
            case AGGREGATE -> ObjectRef.Kind.AGGREGATE;
        };
    }

    private static String owner(String owner) {
        return owner == null ? "" : " owned by " + owner;
    }

    /** Adds one difference per key present on one side only or mapped to unequal values. */
    private static <K, V> void objects(List<ObjectDifference> out, Map<K, V> left, Map<K, V> right,
                                       Function<K, ObjectRef> ref, Function<V, String> describe) {
        Set<K> keys = new TreeSet<>(left.keySet());
        keys.addAll(right.keySet());
        for (K key : keys) {
            V l = left.get(key);
            V r = right.get(key);
            if (!Objects.equals(l, r)) {
                out.add(new ObjectDifference(ref.apply(key), describe(l, describe), describe(r, describe)));
            }
        }
    }

    private static <V> String describe(V value, Function<V, String> describe) {
        return value == null ? ObjectDifference.ABSENT : describe.apply(value);
    }

    private static void tables(List<ObjectDifference> out, Map<QualifiedName, Table> left, Map<QualifiedName, Table> right) {
        Set<QualifiedName> names = new TreeSet<>(left.keySet());
        names.addAll(right.keySet());
        for (QualifiedName name : names) {
            Table l = left.get(name);
            Table r = right.get(name);
            if (l == null || r == null) {
                out.add(new ObjectDifference(ObjectRef.table(name), describe(l, RecordModelComparer::table),
                        describe(r, RecordModelComparer::table)));
                continue;
            }
            if (!Objects.equals(tableAttributes(l), tableAttributes(r))) {
                out.add(new ObjectDifference(ObjectRef.table(name), tableAttributes(l), tableAttributes(r)));
            }
            objects(out, columns(l), columns(r), c -> ObjectRef.column(name, c), RecordModelComparer::column);
            objects(out, l.constraints(), r.constraints(),
                    c -> new ObjectRef(ObjectRef.Kind.CONSTRAINT, name + "." + Identifiers.quote(c)),
                    c -> c.fullDefinition());
            objects(out, indexesByName(l.indexes()), indexesByName(r.indexes()), k -> ref(ObjectRef.Kind.INDEX, k),
                    RecordModelComparer::index);
            objects(out, l.triggers(), r.triggers(),
                    t -> new ObjectRef(ObjectRef.Kind.TRIGGER, Identifiers.quote(t) + " on " + name),
                    t -> t.definition());
            objects(out, l.policies(), r.policies(),
                    p -> new ObjectRef(ObjectRef.Kind.POLICY, Identifiers.quote(p) + " on " + name), Object::toString);
        }
    }

    private static void views(List<ObjectDifference> out, Map<QualifiedName, View> left, Map<QualifiedName, View> right) {
        Set<QualifiedName> names = new TreeSet<>(left.keySet());
        names.addAll(right.keySet());
        for (QualifiedName name : names) {
            View l = left.get(name);
            View r = right.get(name);
            if (!Objects.equals(l, r)) {
                View any = l != null ? l : r;
                ObjectRef.Kind kind = any.materialized() ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW;
                out.add(new ObjectDifference(ref(kind, name), describe(l, v -> "AS " + v.query() + owner(v.owner())),
                        describe(r, v -> "AS " + v.query() + owner(v.owner()))));
            }
        }
    }

    private static void grants(List<ObjectDifference> out, Set<Grant> left, Set<Grant> right) {
        for (Grant g : left) {
            if (!right.contains(g)) {
                out.add(new ObjectDifference(g.object(), grant(g), ObjectDifference.ABSENT));
            }
        }
        for (Grant g : right) {
            if (!left.contains(g)) {
                out.add(new ObjectDifference(g.object(), ObjectDifference.ABSENT, grant(g)));
            }
        }
    }

    private static String grant(Grant g) {
        return "GRANT " + g.privilege() + " TO " + g.grantee() + (g.withGrantOption() ? " WITH GRANT OPTION" : "");
    }

    private static Map<String, Column> columns(Table t) {
        Map<String, Column> byName = new java.util.TreeMap<>();
        t.columns().forEach(c -> byName.put(c.name(), c));
        return byName;
    }

    private static Map<QualifiedName, Index> indexesByName(Map<String, Index> indexes) {
        Map<QualifiedName, Index> byName = new java.util.TreeMap<>();
        indexes.values().forEach(i -> byName.put(i.name(), i));
        return byName;
    }

    /** Everything of a table except what hangs off it by name (columns, constraints, indexes, triggers, policies). */
    private static String tableAttributes(Table t) {
        StringBuilder sb = new StringBuilder("table");
        if (t.unlogged()) {
            sb.append(" UNLOGGED");
        }
        if (t.partitionBy() != null) {
            sb.append(" PARTITION BY ").append(t.partitionBy());
        }
        if (t.partitionOf() != null) {
            sb.append(" PARTITION OF ").append(t.partitionOf()).append(' ').append(t.partitionBound());
        }
        if (!t.inherits().isEmpty()) {
            sb.append(" INHERITS (").append(String.join(", ", t.inherits().stream().map(Object::toString).toList()))
                    .append(')');
        }
        if (t.rowSecurity()) {
            sb.append(t.forceRowSecurity() ? " with forced row security" : " with row security");
        }
        sb.append(owner(t.owner()));
        return sb.toString();
    }

    private static String table(Table t) {
        return tableAttributes(t) + " (" + String.join(", ", t.columns().stream().map(RecordModelComparer::column).toList())
                + ")";
    }

    static String column(Column c) {
        StringBuilder sb = new StringBuilder(Identifiers.quote(c.name())).append(' ').append(c.type());
        if (c.collation() != null) {
            sb.append(" COLLATE ").append(c.collation());
        }
        if (c.notNull()) {
            sb.append(" NOT NULL");
        }
        if (c.defaultExpression() != null) {
            sb.append(" DEFAULT ").append(c.defaultExpression());
        }
        if (c.identity() != null) {
            sb.append(" GENERATED ").append(c.identity().sql()).append(" AS IDENTITY");
        }
        if (c.generatedExpression() != null) {
            sb.append(" GENERATED ALWAYS AS (").append(c.generatedExpression()).append(") STORED");
        }
        return sb.toString();
    }

    private static String index(Index i) {
        return (i.unique() ? "UNIQUE " : "") + "INDEX ON " + i.table() + " USING " + i.method() + " ("
                + String.join(", ", i.keys()) + ")"
                + (i.include().isEmpty() ? "" : " INCLUDE (" + String.join(", ", i.include()) + ")")
                + (i.predicate() == null ? "" : " WHERE " + i.predicate());
    }
}
