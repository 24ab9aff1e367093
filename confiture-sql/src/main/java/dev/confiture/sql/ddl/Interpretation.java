package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Schema;
import dev.confiture.model.schema.SchemaModelBuilder;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one interpretation run: the model being built, the session's search_path, and what
 * the run reports. In {@code tolerant} mode (used by touchedObjects) objects a statement refers to
 * are assumed to exist: empty stand-ins are made up instead of failing.
 */
final class Interpretation {

    final SchemaModelBuilder model;
    final boolean tolerant;
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final List<Diagnostic> noEffect = new ArrayList<>();
    final List<TouchedObject> touched = new ArrayList<>();
    private List<String> searchPath = List.of("public");
    /** The role that runs the files (and owns what they create without OWNER TO), when the caller knows it. */
    String role;

    String source = "";
    int line;
    String excerpt = "";

    /**
     * Index and constraint names by schema-qualified name, kept in step with {@code model.tables} and
     * {@code model.views}: lookups by name were scans of every table, quadratic over a large schema
     * (docs/ddl-interpreter.md, "Speed"). Every change to those two maps goes through
     * {@link #putTable}, {@link #removeTable}, {@link #putView} and {@link #removeView}.
     */
    private final Map<QualifiedName, java.util.TreeSet<QualifiedName>> tableIndexes = new java.util.HashMap<>();
    private final Map<QualifiedName, java.util.TreeSet<QualifiedName>> viewIndexes = new java.util.HashMap<>();
    private final Map<QualifiedName, Integer> constraintNames = new java.util.HashMap<>();
    private final Map<QualifiedName, Integer> relationConstraintNames = new java.util.HashMap<>();
    /**
     * The partitions and inheriting children of each table, kept in step the same way: every ADD
     * CONSTRAINT and CREATE INDEX asks for them (to recurse), and scanning every table for them made
     * a 500-table schema's 1,400 keys and indexes quadratic.
     */
    private final Map<QualifiedName, java.util.TreeSet<QualifiedName>> children = new java.util.HashMap<>();

    Interpretation(SchemaModelBuilder model, boolean tolerant) {
        this.model = model;
        this.tolerant = tolerant;
        model.tables.values().forEach(this::index);
        model.views.values().forEach(this::index);
    }

    void searchPath(List<String> schemas) {
        this.searchPath = List.copyOf(schemas);
    }

    List<String> searchPath() {
        return searchPath;
    }

    /** Where an unqualified CREATE goes: the first schema of the search path ({@code public} when the path is empty). */
    String creationSchema() {
        for (String s : searchPath) {
            if (!s.equals("pg_catalog") && !s.equals("$user")) {
                return s;
            }
        }
        return "public";
    }

    static ObjectRef ref(ObjectRef.Kind kind, QualifiedName q) {
        return new ObjectRef(kind, q.toString());
    }

    /** The schema-qualified name in an identity that {@link #ref} wrote ({@link QualifiedName#toString()}), unquoted. */
    static QualifiedName nameOf(String identity) {
        List<String> parts = new Cursor(Token.tokenize(identity)).dottedName();
        return QualifiedName.of(parts.get(0), parts.get(1));
    }

    void touch(ObjectRef ref, TouchedObject.Action action) {
        if (!tolerant) {
            return;  // only touchedObjects() reads them
        }
        touched.add(new TouchedObject(ref, action, line));
    }

    void note(String message) {
        diagnostics.add(new Diagnostic(source, line, message, excerpt, Diagnostic.Kind.NOTE));
    }

    // ---------------------------------------------------------------- names

    /** The name a CREATE gives an object: {@code s.n} as written, {@code n} in the creation schema. */
    QualifiedName createName(List<String> parts) {
        return switch (parts.size()) {
            case 1 -> QualifiedName.of(creationSchema(), parts.get(0));
            case 2 -> QualifiedName.of(parts.get(0), parts.get(1));
            case 3 -> QualifiedName.of(parts.get(1), parts.get(2));
            default -> throw new UnsupportedDdl("name with too many parts: " + String.join(".", parts));
        };
    }

    /** Resolves a possibly unqualified name along the search path with {@code exists}; the creation schema when nothing matches. */
    QualifiedName resolve(List<String> parts, java.util.function.Predicate<QualifiedName> exists) {
        if (parts.size() > 1) {
            return createName(parts);
        }
        for (String s : searchPath) {
            if (s.equals("$user")) {
                continue;
            }
            QualifiedName q = QualifiedName.of(s, parts.get(0));
            if (exists.test(q)) {
                return q;
            }
        }
        return createName(parts);
    }

    QualifiedName relationName(List<String> parts) {
        return resolve(parts, q -> model.tables.containsKey(q) || model.views.containsKey(q)
                || model.sequences.containsKey(q) || findIndex(q).isPresent());
    }

    QualifiedName tableName(List<String> parts) {
        return resolve(parts, model.tables::containsKey);
    }

    QualifiedName typeName(List<String> parts) {
        return resolve(parts, q -> model.enums.containsKey(q) || model.composites.containsKey(q)
                || model.domains.containsKey(q) || model.tables.containsKey(q) || model.views.containsKey(q)
                || TypeDdl.isRangeOrMultirange(this, q));
    }

    /**
     * How a relation or type name appears inside expression text and type names: always
     * schema-qualified, as the catalog reader prints them (it reads with {@code search_path = pg_catalog}).
     */
    static String displayName(QualifiedName q) {
        return q.toString();
    }

    // ---------------------------------------------------------------- objects

    void ensureSchema(String schema) {
        if (!model.schemas.containsKey(schema) && !schema.equals("pg_catalog") && !schema.equals("information_schema")) {
            if (!tolerant) {
                throw new ObjectStateError("schema " + Identifiers.quote(schema) + " does not exist");
            }
            model.schemas.put(schema, new Schema(schema, null));
        }
    }

    Table table(QualifiedName name) {
        Table t = model.tables.get(name);
        if (t == null) {
            if (!tolerant) {
                throw new ObjectStateError("table " + name + " does not exist");
            }
            t = Table.of(name, List.of());
            putTable(t);
        }
        return t;
    }

    Optional<Table> existingTable(QualifiedName name) {
        return Optional.ofNullable(model.tables.get(name));
    }

    void put(Table t) {
        putTable(t);
    }

    /** Puts the table into the model (replacing the one of its name), keeping the name indexes in step. */
    void putTable(Table t) {
        Table old = model.tables.put(t.name(), t);
        if (old != null) {
            unindex(old);
        }
        index(t);
    }

    Table removeTable(QualifiedName name) {
        Table old = model.tables.remove(name);
        if (old != null) {
            unindex(old);
        }
        return old;
    }

    void putView(View v) {
        View old = model.views.put(v.name(), v);
        if (old != null) {
            unindex(old);
        }
        index(v);
    }

    View removeView(QualifiedName name) {
        View old = model.views.remove(name);
        if (old != null) {
            unindex(old);
        }
        return old;
    }

    /** The tables that are partitions of {@code parent} or inherit from it, in name order, as they are now. */
    List<Table> childrenOf(QualifiedName parent) {
        java.util.TreeSet<QualifiedName> names = children.get(parent);
        return names == null ? List.of() : names.stream().map(model.tables::get).toList();
    }

    private void index(Table t) {
        if (t.partitionOf() != null) {
            children.computeIfAbsent(t.partitionOf(), k -> new java.util.TreeSet<>()).add(t.name());
        }
        t.inherits().forEach(p -> children.computeIfAbsent(p, k -> new java.util.TreeSet<>()).add(t.name()));
        t.indexes().keySet().forEach(i -> tableIndexes.computeIfAbsent(QualifiedName.of(t.name().schema(), i),
                k -> new java.util.TreeSet<>()).add(t.name()));
        t.constraints().forEach((n, c) -> {
            QualifiedName q = QualifiedName.of(t.name().schema(), n);
            constraintNames.merge(q, 1, Integer::sum);
            if (makesRelation(c)) {
                relationConstraintNames.merge(q, 1, Integer::sum);
            }
        });
    }

    private void unindex(Table t) {
        if (t.partitionOf() != null) {
            removeOwner(children, t.partitionOf(), t.name());
        }
        t.inherits().forEach(p -> removeOwner(children, p, t.name()));
        t.indexes().keySet().forEach(i -> removeOwner(tableIndexes, QualifiedName.of(t.name().schema(), i), t.name()));
        t.constraints().forEach((n, c) -> {
            QualifiedName q = QualifiedName.of(t.name().schema(), n);
            decrement(constraintNames, q);
            if (makesRelation(c)) {
                decrement(relationConstraintNames, q);
            }
        });
    }

    private void index(View v) {
        v.indexes().keySet().forEach(i -> viewIndexes.computeIfAbsent(QualifiedName.of(v.name().schema(), i),
                k -> new java.util.TreeSet<>()).add(v.name()));
    }

    private void unindex(View v) {
        v.indexes().keySet().forEach(i -> removeOwner(viewIndexes, QualifiedName.of(v.name().schema(), i), v.name()));
    }

    /** Primary keys, unique and exclusion constraints own an index: a relation of the constraint's name. */
    private static boolean makesRelation(dev.confiture.model.schema.Constraint c) {
        return c.kind() != dev.confiture.model.schema.Constraint.Kind.CHECK
                && c.kind() != dev.confiture.model.schema.Constraint.Kind.FOREIGN_KEY;
    }

    private static void removeOwner(Map<QualifiedName, java.util.TreeSet<QualifiedName>> m, QualifiedName key,
                                    QualifiedName owner) {
        java.util.TreeSet<QualifiedName> owners = m.get(key);
        if (owners != null && owners.remove(owner) && owners.isEmpty()) {
            m.remove(key);
        }
    }

    private static void decrement(Map<QualifiedName, Integer> m, QualifiedName key) {
        m.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }

    /** The table or materialized view an index of this name belongs to (a table first, as PostgreSQL has one only). */
    Optional<IndexHome> findIndex(QualifiedName indexName) {
        java.util.TreeSet<QualifiedName> tables = tableIndexes.get(indexName);
        if (tables != null && !tables.isEmpty()) {
            Table t = model.tables.get(tables.first());
            return Optional.of(new IndexHome(t.name(), false, t.indexes().get(indexName.name())));
        }
        java.util.TreeSet<QualifiedName> views = viewIndexes.get(indexName);
        if (views != null && !views.isEmpty()) {
            View v = model.views.get(views.first());
            return Optional.of(new IndexHome(v.name(), true, v.indexes().get(indexName.name())));
        }
        return Optional.empty();
    }

    record IndexHome(QualifiedName owner, boolean onView, Index index) {
    }

    /** True when a relation (table, view, sequence, index, constraint index) of this name exists in the schema. */
    boolean relationExists(QualifiedName q) {
        return model.tables.containsKey(q) || model.views.containsKey(q) || model.sequences.containsKey(q)
                || findIndex(q).isPresent() || relationConstraintNames.containsKey(q);
    }

    boolean constraintNameUsed(String schema, String name) {
        return constraintNames.containsKey(QualifiedName.of(schema, name));
    }

    static <K, V> Map<K, V> copy(Map<K, V> m) {
        return new java.util.TreeMap<>(m);
    }
}
