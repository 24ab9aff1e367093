package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.ColumnRef;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.SecurityLabels;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.Policy;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Sequence;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.Trigger;
import dev.confiture.model.schema.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Renames and drops, with what PostgreSQL does to the objects that hang off the renamed or dropped
 * one (its constraints, indexes, comments, grants, owned sequences, foreign keys pointing at it).
 */
final class RenamesAndDrops {

    private final Interpretation st;

    RenamesAndDrops(Interpretation st) {
        this.st = st;
    }

    // ------------------------------------------------------------------ text helpers

    /** Replaces the identifier {@code from} (not a function name, not after a dot) by {@code to} in SQL text. */
    static String renameIdentifier(String text, String from, String to) {
        if (text == null) {
            return null;
        }
        List<Token> tokens = Token.tokenize(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isPunct("(") && t.type() == Token.Type.WORD
                    && !isKeywordBeforeParen(t.value());
            boolean member = i > 0 && tokens.get(i - 1).isPunct(".");
            if (t.isIdentifier() && t.value().equals(from) && !call && !member && t.offset() >= 0) {
                sb.append(text, last, t.offset()).append(Identifiers.quote(to));
                last = t.offset() + t.text().length();
            }
        }
        sb.append(text.substring(last));
        return sb.toString();
    }

    private static boolean isKeywordBeforeParen(String w) {
        return Set.of("key", "unique", "check", "exclude", "in", "and", "or", "not", "include", "on", "of", "using")
                .contains(w);
    }

    static boolean mentions(String text, String identifier) {
        return text != null && !renameIdentifier(text, identifier, identifier + "\u0000").equals(text);
    }

    // ------------------------------------------------------------------ object refs (comments, grants)

    private void rekeyRefs(UnaryOperator<ObjectRef> f) {
        Map<ObjectRef, String> comments = new TreeMap<>();
        st.model.comments.forEach((k, v) -> {
            ObjectRef n = f.apply(k);
            if (n != null) {
                comments.put(n, v);
            }
        });
        st.model.comments.clear();
        st.model.comments.putAll(comments);
        List<Grant> grants = new ArrayList<>();
        for (Grant g : st.model.grants) {
            ObjectRef n = f.apply(g.object());
            if (n != null) {
                grants.add(new Grant(n, g.grantee(), g.privilege(), g.withGrantOption()));
            }
        }
        st.model.grants.clear();
        st.model.grants.addAll(grants);
        // security labels follow their object (renamed with it, dropped with it)
        for (OtherObject o : List.copyOf(st.model.others.values())) {
            if (o.ref().kind() == ObjectRef.Kind.SECURITY_LABEL) {
                ObjectRef target = SecurityLabels.target(o);
                ObjectRef n = f.apply(target);
                if (!target.equals(n)) {
                    st.model.others.remove(o.ref());
                    if (n != null) {
                        OtherObject moved = SecurityLabels.of(SecurityLabels.provider(o), n, SecurityLabels.label(o));
                        st.model.others.put(moved.ref(), moved);
                    }
                }
            }
        }
    }

    /** Renames refs equal to {@code from} and those under it ({@code from.x}) of the given kinds. */
    private void renameRefs(String from, String to, Set<ObjectRef.Kind> exact, Set<ObjectRef.Kind> children) {
        rekeyRefs(r -> {
            if (exact.contains(r.kind()) && r.identity().equals(from)) {
                return new ObjectRef(r.kind(), to);
            }
            if (children.contains(r.kind()) && r.identity().startsWith(from + ".")) {
                return new ObjectRef(r.kind(), to + r.identity().substring(from.length()));
            }
            return r;
        });
    }

    private void dropRefs(String identity, Set<ObjectRef.Kind> exact, Set<ObjectRef.Kind> children) {
        rekeyRefs(r -> (exact.contains(r.kind()) && r.identity().equals(identity))
                || (children.contains(r.kind()) && r.identity().startsWith(identity + ".")) ? null : r);
    }

    private static final Set<ObjectRef.Kind> TABLE_CHILDREN = Set.of(ObjectRef.Kind.COLUMN, ObjectRef.Kind.CONSTRAINT,
            ObjectRef.Kind.TRIGGER, ObjectRef.Kind.POLICY);

    // ------------------------------------------------------------------ renames

    /** ALTER TABLE/VIEW/SEQUENCE/INDEX ... RENAME TO / SET SCHEMA. */
    void renameRelation(QualifiedName from, QualifiedName to) {
        if (st.model.tables.containsKey(from)) {
            renameTable(from, to);
        } else if (st.model.views.containsKey(from)) {
            View v = st.removeView(from);
            TreeMap<String, Index> idx = new TreeMap<>();
            v.indexes().forEach((k, i) -> idx.put(k, new Index(QualifiedName.of(to.schema(), k), to, i.unique(),
                    i.method(), i.keys(), i.include(), i.predicate(), i.nullsNotDistinct(), i.tablespace())));
            // INSTEAD OF triggers name the view in their definition, as a table's do
            TreeMap<String, Trigger> trg = new TreeMap<>();
            v.triggers().forEach((k, x) -> trg.put(k, new Trigger(x.name(), to,
                    x.definition().replace(" ON " + from + " ", " ON " + to + " "), x.function(), x.enabled())));
            st.putView(new View(to, v.materialized(), v.columnNames(), v.query(), v.checkOption(),
                    v.options(), v.dependsOn(), idx, v.owner(), trg));
            ObjectRef.Kind kind = v.materialized() ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW;
            renameRefs(from.toString(), to.toString(), Set.of(kind), Set.of(ObjectRef.Kind.COLUMN, ObjectRef.Kind.TRIGGER));
            replaceDependency(new ObjectRef(kind, from.toString()), new ObjectRef(kind, to.toString()));
            ClusterMarks.relationRenamed(st, from, to);
        } else if (st.model.sequences.containsKey(from)) {
            Sequence s = st.model.sequences.remove(from);
            st.model.sequences.put(to, new Sequence(to, s.dataType(), s.start(), s.increment(), s.minValue(),
                    s.maxValue(), s.cache(), s.cycle(), s.ownedBy(), s.owner()));
            renameRefs(from.toString(), to.toString(), Set.of(ObjectRef.Kind.SEQUENCE), Set.of());
            String oldCall = Expressions.nextval(from);
            String newCall = Expressions.nextval(to);
            for (Table t : List.copyOf(st.model.tables.values())) {
                List<Column> cols = new ArrayList<>();
                boolean changed = false;
                for (Column c : t.columns()) {
                    if (c.defaultExpression() != null && c.defaultExpression().contains(oldCall)) {
                        cols.add(c.withDefault(c.defaultExpression().replace(oldCall, newCall)));
                        changed = true;
                    } else {
                        cols.add(c);
                    }
                }
                if (changed) {
                    st.put(t.withColumns(cols));
                }
            }
        } else if (st.findIndex(from).isPresent()) {
            Interpretation.IndexHome home = st.findIndex(from).get();
            Index i = home.index();
            Index renamed = new Index(to, i.table(), i.unique(), i.method(), i.keys(), i.include(), i.predicate(),
                    i.nullsNotDistinct(), i.tablespace());
            if (home.onView()) {
                View v = st.model.views.get(home.owner());
                TreeMap<String, Index> idx = new TreeMap<>(v.indexes());
                idx.remove(from.name());
                idx.put(to.name(), renamed);
                st.putView(new View(v.name(), v.materialized(), v.columnNames(), v.query(),
                        v.checkOption(), v.options(), v.dependsOn(), idx, v.owner(), v.triggers()));
            } else {
                Table t = st.table(home.owner());
                TreeMap<String, Index> idx = new TreeMap<>(t.indexes());
                idx.remove(from.name());
                idx.put(to.name(), renamed);
                st.put(t.withIndexes(idx));
            }
            renameRefs(from.toString(), to.toString(), Set.of(ObjectRef.Kind.INDEX), Set.of());
            ClusterMarks.indexRenamed(st, from, to);
            StorageParameters.renamed(st, ObjectRef.Kind.INDEX, from, to);
        } else if (constraintIndexOwner(from) != null) {
            // the index behind a primary key / unique / exclusion constraint: PostgreSQL renames the constraint too
            renameConstraint(constraintIndexOwner(from), from.name(), to.name());
        } else if (!st.tolerant) {
            throw new ObjectStateError("relation " + from + " does not exist");
        }
    }

    private QualifiedName constraintIndexOwner(QualifiedName indexName) {
        for (Table t : st.model.tables.values()) {
            if (t.name().schema().equals(indexName.schema())) {
                Constraint c = t.constraints().get(indexName.name());
                if (c != null && (c.kind() == Constraint.Kind.PRIMARY_KEY || c.kind() == Constraint.Kind.UNIQUE
                        || c.kind() == Constraint.Kind.EXCLUSION)) {
                    return t.name();
                }
            }
        }
        return null;
    }

    private void renameTable(QualifiedName from, QualifiedName to) {
        Table t = st.removeTable(from);
        boolean schemaMove = !from.schema().equals(to.schema());
        TreeMap<String, Index> idx = new TreeMap<>();
        t.indexes().forEach((k, i) -> idx.put(k, new Index(QualifiedName.of(to.schema(), k), to, i.unique(),
                i.method(), i.keys(), i.include(), i.predicate(), i.nullsNotDistinct(), i.tablespace())));
        Map<String, Trigger> trg = new TreeMap<>();
        t.triggers().forEach((k, x) -> trg.put(k, new Trigger(x.name(), to,
                x.definition().replace(" ON " + from + " ", " ON " + to + " "), x.function(), x.enabled())));
        Map<String, Policy> pol = new TreeMap<>();
        t.policies().forEach((k, p) -> pol.put(k, new Policy(p.name(), to, p.permissive(), p.command(), p.roles(),
                p.using(), p.withCheck())));
        Table moved = t.withName(to).withIndexes(idx).withTriggers(trg).withPolicies(pol);
        st.putTable(moved);
        // foreign keys, partitions and children elsewhere point at the table by name
        for (Table other : List.copyOf(st.model.tables.values())) {
            Map<String, Constraint> cons = new TreeMap<>();
            boolean changed = false;
            for (Constraint c : other.constraints().values()) {
                if (from.equals(c.references())) {
                    cons.put(c.name(), new Constraint(c.name(), c.kind(),
                            c.definition().replace(" REFERENCES " + from + "(", " REFERENCES " + to + "("),
                            c.columns(), to, c.referencedColumns(), c.deferrable(), c.initiallyDeferred(),
                            c.notValid()));
                    changed = true;
                } else {
                    cons.put(c.name(), c);
                }
            }
            Table o = changed ? other.withConstraints(cons) : other;
            QualifiedName partOf = from.equals(o.partitionOf()) ? to : o.partitionOf();
            List<QualifiedName> inh = o.inherits().stream().map(x -> x.equals(from) ? to : x).toList();
            if (changed || partOf != o.partitionOf() || !inh.equals(o.inherits())) {
                o = new Table(o.name(), o.columns(), o.constraints(), o.indexes(), o.triggers(), o.policies(),
                        o.unlogged(), o.partitionBy(), partOf, o.partitionBound(), inh, o.rowSecurity(),
                        o.forceRowSecurity(), o.owner(), o.inheritedOnly());
                st.put(o);
            }
        }
        for (Sequence s : List.copyOf(st.model.sequences.values())) {
            if (s.ownedBy() != null && s.ownedBy().table().equals(from)) {
                QualifiedName seqName = schemaMove ? QualifiedName.of(to.schema(), s.name().name()) : s.name();
                if (schemaMove) {
                    renameRelation(s.name(), seqName);
                }
                Sequence cur = st.model.sequences.get(seqName);
                st.model.sequences.put(seqName, new Sequence(seqName, cur.dataType(), cur.start(), cur.increment(),
                        cur.minValue(), cur.maxValue(), cur.cache(), cur.cycle(),
                        new ColumnRef(to, cur.ownedBy().column()), cur.owner()));
            }
        }
        renameRefs(from.toString(), to.toString(), Set.of(ObjectRef.Kind.TABLE), TABLE_CHILDREN);
        for (String k : idx.keySet()) {
            renameRefs(QualifiedName.of(from.schema(), k).toString(), QualifiedName.of(to.schema(), k).toString(),
                    Set.of(ObjectRef.Kind.INDEX), Set.of());
        }
        replaceDependency(ObjectRef.table(from), ObjectRef.table(to));
        ClusterMarks.relationRenamed(st, from, to);
        StorageParameters.renamed(st, ObjectRef.Kind.TABLE, from, to);
        ReplicaIdentity.renamed(st, from, to);
        TypedTable.renamed(st, from, to);
        if (schemaMove) {
            for (String k : idx.keySet()) {
                StorageParameters.renamed(st, ObjectRef.Kind.INDEX, QualifiedName.of(from.schema(), k),
                        QualifiedName.of(to.schema(), k));
            }
        }
    }

    private void replaceDependency(ObjectRef from, ObjectRef to) {
        for (View v : List.copyOf(st.model.views.values())) {
            if (v.dependsOn().contains(from)) {
                Set<ObjectRef> deps = new HashSet<>(v.dependsOn());
                deps.remove(from);
                deps.add(to);
                st.putView(new View(v.name(), v.materialized(), v.columnNames(), v.query(),
                        v.checkOption(), v.options(), deps, v.indexes(), v.owner(), v.triggers()));
            }
        }
    }

    void renameConstraint(QualifiedName table, String from, String to) {
        Table t = st.table(table);
        Constraint c = t.constraints().get(from);
        if (c == null) {
            if (st.tolerant) {
                return;
            }
            throw new ObjectStateError("constraint " + Identifiers.quote(from) + " for table " + table
                    + " does not exist");
        }
        Map<String, Constraint> cons = new TreeMap<>(t.constraints());
        cons.remove(from);
        cons.put(to, new Constraint(to, c.kind(), c.definition(), c.columns(), c.references(), c.referencedColumns(),
                c.deferrable(), c.initiallyDeferred(), c.notValid()));
        st.put(t.withConstraints(cons));
        renameRefs(TableDdl.constraintRef(table, from).identity(), TableDdl.constraintRef(table, to).identity(),
                Set.of(ObjectRef.Kind.CONSTRAINT), Set.of());
        ClusterMarks.indexRenamed(st, QualifiedName.of(table.schema(), from), QualifiedName.of(table.schema(), to));
    }

    void renameColumn(QualifiedName table, String from, String to) {
        Table t = st.table(table);
        if (t.column(from).isEmpty()) {
            if (st.tolerant) {
                return;
            }
            throw new ObjectStateError("column " + Identifiers.quote(from) + " of " + table + " does not exist");
        }
        List<Column> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            Column n = c.name().equals(from) ? c.withName(to) : c;
            n = n.withGenerated(renameIdentifier(n.generatedExpression(), from, to));
            cols.add(n);
        }
        Map<String, Constraint> cons = new TreeMap<>();
        for (Constraint c : t.constraints().values()) {
            String def = c.definition();
            List<String> refCols = c.referencedColumns();
            if (c.kind() == Constraint.Kind.FOREIGN_KEY) {
                int r = def.indexOf(" REFERENCES ");
                String head = renameIdentifier(def.substring(0, r), from, to);
                String tail = def.substring(r);
                if (table.equals(c.references())) {
                    tail = renameReferenced(tail, from, to);
                    refCols = refCols.stream().map(x -> x.equals(from) ? to : x).toList();
                }
                def = head + tail;
            } else {
                def = renameIdentifier(def, from, to);
            }
            cons.put(c.name(), new Constraint(c.name(), c.kind(), def,
                    c.columns().stream().map(x -> x.equals(from) ? to : x).toList(), c.references(), refCols,
                    c.deferrable(), c.initiallyDeferred(), c.notValid()));
        }
        TreeMap<String, Index> idx = new TreeMap<>();
        t.indexes().forEach((k, i) -> idx.put(k, new Index(i.name(), i.table(), i.unique(), i.method(),
                i.keys().stream().map(x -> renameIdentifier(x, from, to)).toList(),
                i.include().stream().map(x -> x.equals(from) ? to : x).toList(),
                renameIdentifier(i.predicate(), from, to), i.nullsNotDistinct(), i.tablespace())));
        Map<String, Policy> pol = new TreeMap<>();
        t.policies().forEach((k, p) -> pol.put(k, new Policy(p.name(), p.table(), p.permissive(), p.command(),
                p.roles(), renameIdentifier(p.using(), from, to), renameIdentifier(p.withCheck(), from, to))));
        st.put(t.withColumns(cols).withConstraints(cons).withIndexes(idx).withPolicies(pol));
        for (Table other : List.copyOf(st.model.tables.values())) {
            if (other.name().equals(table)) {
                continue;
            }
            Map<String, Constraint> oc = new TreeMap<>();
            boolean changed = false;
            for (Constraint c : other.constraints().values()) {
                if (table.equals(c.references()) && c.referencedColumns().contains(from)) {
                    int r = c.definition().indexOf(" REFERENCES ");
                    String def = c.definition().substring(0, r) + renameReferenced(c.definition().substring(r), from,
                            to);
                    oc.put(c.name(), new Constraint(c.name(), c.kind(), def, c.columns(), c.references(),
                            c.referencedColumns().stream().map(x -> x.equals(from) ? to : x).toList(),
                            c.deferrable(), c.initiallyDeferred(), c.notValid()));
                    changed = true;
                } else {
                    oc.put(c.name(), c);
                }
            }
            if (changed) {
                st.put(other.withConstraints(oc));
            }
        }
        for (Sequence s : List.copyOf(st.model.sequences.values())) {
            if (s.ownedBy() != null && s.ownedBy().table().equals(table) && s.ownedBy().column().equals(from)) {
                st.model.sequences.put(s.name(), new Sequence(s.name(), s.dataType(), s.start(), s.increment(),
                        s.minValue(), s.maxValue(), s.cache(), s.cycle(), new ColumnRef(table, to), s.owner()));
            }
        }
        rekeyRefs(r -> r.equals(ObjectRef.column(table, from)) ? ObjectRef.column(table, to) : r);
    }

    /** In {@code REFERENCES s.t(a, b) ...}, renames a column inside the first parentheses only. */
    private static String renameReferenced(String tail, String from, String to) {
        int open = tail.indexOf('(');
        int close = tail.indexOf(')', open);
        return tail.substring(0, open) + renameIdentifier(tail.substring(open, close + 1), from, to)
                + tail.substring(close + 1);
    }

    // ------------------------------------------------------------------ drops

    void dropConstraint(QualifiedName table, String name, boolean ifExists, boolean cascade, boolean recurse) {
        Table t = st.table(table);
        Constraint c = t.constraints().get(name);
        if (c == null) {
            if (ifExists || st.tolerant) {
                return;
            }
            throw new ObjectStateError("constraint " + Identifiers.quote(name) + " of relation " + table
                    + " does not exist");
        }
        Map<String, Constraint> cons = new TreeMap<>(t.constraints());
        cons.remove(name);
        st.put(t.withConstraints(cons));
        dropRefs(TableDdl.constraintRef(table, name).identity(), Set.of(ObjectRef.Kind.CONSTRAINT), Set.of());
        ClusterMarks.indexDropped(st, QualifiedName.of(table.schema(), name));
        if (cascade && (c.kind() == Constraint.Kind.PRIMARY_KEY || c.kind() == Constraint.Kind.UNIQUE)) {
            for (Table other : List.copyOf(st.model.tables.values())) {
                for (Constraint fk : other.constraints().values()) {
                    if (table.equals(fk.references()) && fk.referencedColumns().equals(c.columns())) {
                        dropConstraint(other.name(), fk.name(), true, false, false);
                    }
                }
            }
        }
        if (recurse) {
            for (Table child : List.copyOf(st.model.tables.values())) {
                if (table.equals(child.partitionOf()) || child.inherits().contains(table)) {
                    Constraint same = child.constraints().get(name);
                    if (same != null) {
                        dropConstraint(child.name(), name, true, cascade, true);
                    } else if (table.equals(child.partitionOf())) {
                        child.constraints().values().stream()
                                .filter(x -> x.kind() == c.kind() && x.columns().equals(c.columns()))
                                .findFirst()
                                .ifPresent(x -> dropConstraint(child.name(), x.name(), true, cascade, true));
                    }
                }
            }
        }
    }

    void dropColumn(QualifiedName table, String column, boolean ifExists, boolean cascade) {
        Table t = st.table(table);
        if (t.column(column).isEmpty()) {
            if (ifExists || st.tolerant) {
                return;
            }
            throw new ObjectStateError("column " + Identifiers.quote(column) + " of relation " + table
                    + " does not exist");
        }
        for (Table other : List.copyOf(st.model.tables.values())) {
            if (other.name().equals(table)) {
                continue;
            }
            for (Constraint fk : other.constraints().values()) {
                if (table.equals(fk.references()) && fk.referencedColumns().contains(column)) {
                    if (!cascade && !st.tolerant) {
                        throw new ObjectStateError("cannot drop column " + column + " of " + table + ": constraint "
                                + fk.name() + " on " + other.name() + " depends on it (use CASCADE)");
                    }
                    dropConstraint(other.name(), fk.name(), true, false, false);
                }
            }
        }
        t = st.table(table);
        List<Column> cols = new ArrayList<>(t.columns());
        cols.removeIf(c -> c.name().equals(column));
        Map<String, Constraint> cons = new TreeMap<>();
        for (Constraint c : t.constraints().values()) {
            boolean uses = c.columns().contains(column) || (c.kind() == Constraint.Kind.CHECK
                    && mentions(c.definition(), column));
            if (uses) {
                dropRefs(TableDdl.constraintRef(table, c.name()).identity(), Set.of(ObjectRef.Kind.CONSTRAINT),
                        Set.of());
            } else {
                cons.put(c.name(), c);
            }
        }
        TreeMap<String, Index> idx = new TreeMap<>();
        for (Index i : t.indexes().values()) {
            boolean uses = i.include().contains(column) || mentions(i.predicate(), column)
                    || i.keys().stream().anyMatch(k -> mentions(k, column));
            if (uses) {
                dropRefs(i.name().toString(), Set.of(ObjectRef.Kind.INDEX), Set.of());
            } else {
                idx.put(i.name().name(), i);
            }
        }
        st.put(t.withColumns(cols).withConstraints(cons).withIndexes(idx));
        for (Sequence s : List.copyOf(st.model.sequences.values())) {
            if (s.ownedBy() != null && s.ownedBy().table().equals(table) && s.ownedBy().column().equals(column)) {
                dropSequence(s.name());
            }
        }
        dropRefs(ObjectRef.column(table, column).identity(), Set.of(ObjectRef.Kind.COLUMN), Set.of());
        for (Table child : List.copyOf(st.model.tables.values())) {
            if (table.equals(child.partitionOf()) && child.column(column).isPresent()) {
                dropColumn(child.name(), column, true, cascade);
            }
        }
    }

    void dropTable(QualifiedName name, boolean cascade, Set<QualifiedName> droppedTogether) {
        Table t = st.model.tables.get(name);
        if (t == null) {
            return;
        }
        for (Table other : List.copyOf(st.model.tables.values())) {
            if (other.name().equals(name) || droppedTogether.contains(other.name())) {
                continue;
            }
            if (name.equals(other.partitionOf())) {
                dropTable(other.name(), cascade, droppedTogether);
                continue;
            }
            if (other.inherits().contains(name)) {
                if (!cascade && !st.tolerant) {
                    throw new ObjectStateError("cannot drop table " + name + ": table " + other.name()
                            + " inherits from it (use CASCADE)");
                }
                dropTable(other.name(), true, droppedTogether);
                continue;
            }
            for (Constraint fk : other.constraints().values()) {
                if (name.equals(fk.references())) {
                    if (!cascade && !st.tolerant) {
                        throw new ObjectStateError("cannot drop table " + name + ": constraint " + fk.name() + " on "
                                + other.name() + " depends on it (use CASCADE)");
                    }
                    dropConstraint(other.name(), fk.name(), true, false, false);
                }
            }
        }
        st.removeTable(name);
        for (Sequence s : List.copyOf(st.model.sequences.values())) {
            if (s.ownedBy() != null && s.ownedBy().table().equals(name)) {
                dropSequence(s.name());
            }
        }
        for (Index i : t.indexes().values()) {
            dropRefs(i.name().toString(), Set.of(ObjectRef.Kind.INDEX), Set.of());
        }
        dropRefs(name.toString(), Set.of(ObjectRef.Kind.TABLE), TABLE_CHILDREN);
        OpaqueDdl.dropRulesOf(st, name);
        ClusterMarks.clear(st, name);
        StorageParameters.clear(st, name);
        t.indexes().values().forEach(i -> StorageParameters.clear(st, i.name()));
        ReplicaIdentity.clear(st, name);
        TypedTable.clear(st, name);
        if (cascade) {
            dropDependentViews(ObjectRef.table(name));
        }
    }

    void dropDependentViews(ObjectRef ref) {
        for (View v : List.copyOf(st.model.views.values())) {
            if (v.dependsOn().contains(ref)) {
                dropView(v.name());
            }
        }
    }

    void dropView(QualifiedName name) {
        View v = st.removeView(name);
        if (v == null) {
            return;
        }
        ObjectRef.Kind kind = v.materialized() ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW;
        dropRefs(name.toString(), Set.of(kind), Set.of(ObjectRef.Kind.COLUMN));
        for (Index i : v.indexes().values()) {
            dropRefs(i.name().toString(), Set.of(ObjectRef.Kind.INDEX), Set.of());
        }
        ClusterMarks.clear(st, name);
        dropDependentViews(new ObjectRef(kind, name.toString()));
    }

    void dropSequence(QualifiedName name) {
        if (st.model.sequences.remove(name) != null) {
            dropRefs(name.toString(), Set.of(ObjectRef.Kind.SEQUENCE), Set.of());
        }
    }

    void dropIndex(QualifiedName name) {
        Interpretation.IndexHome home = st.findIndex(name).orElse(null);
        if (home == null) {
            return;
        }
        if (home.onView()) {
            View v = st.model.views.get(home.owner());
            TreeMap<String, Index> idx = new TreeMap<>(v.indexes());
            idx.remove(name.name());
            st.putView(new View(v.name(), v.materialized(), v.columnNames(), v.query(),
                    v.checkOption(), v.options(), v.dependsOn(), idx, v.owner(), v.triggers()));
        } else {
            Table t = st.table(home.owner());
            TreeMap<String, Index> idx = new TreeMap<>(t.indexes());
            idx.remove(name.name());
            st.put(t.withIndexes(idx));
            for (Table child : List.copyOf(st.model.tables.values())) {
                if (home.owner().equals(child.partitionOf())) {
                    child.indexes().values().stream().filter(x -> x.keys().equals(home.index().keys())
                                    && x.unique() == home.index().unique())
                            .findFirst().ifPresent(x -> dropIndex(x.name()));
                }
            }
        }
        dropRefs(name.toString(), Set.of(ObjectRef.Kind.INDEX), Set.of());
        ClusterMarks.indexDropped(st, name);
        StorageParameters.clear(st, name);
    }

    /** Drops every object of the schema, then the schema (DROP SCHEMA ... CASCADE). */
    void dropSchemaContents(String schema) {
        Set<QualifiedName> tables = new HashSet<>();
        st.model.tables.keySet().stream().filter(q -> q.schema().equals(schema)).forEach(tables::add);
        for (QualifiedName q : tables) {
            dropTable(q, true, tables);
        }
        for (QualifiedName q : List.copyOf(st.model.views.keySet())) {
            if (q.schema().equals(schema)) {
                dropView(q);
            }
        }
        for (QualifiedName q : List.copyOf(st.model.sequences.keySet())) {
            if (q.schema().equals(schema)) {
                dropSequence(q);
            }
        }
        st.model.enums.keySet().removeIf(q -> q.schema().equals(schema));
        st.model.composites.keySet().removeIf(q -> q.schema().equals(schema));
        st.model.domains.keySet().removeIf(q -> q.schema().equals(schema));
        st.model.collations.keySet().removeIf(q -> q.schema().equals(schema));
        st.model.routines.keySet().removeIf(s -> s.name().schema().equals(schema));
        st.model.extensions.values().removeIf(e -> e.schema() != null && e.schema().equals(schema));
        String prefix = Identifiers.quote(schema) + ".";
        rekeyRefs(r -> r.identity().startsWith(prefix) ? null : r);
    }

    /** Drops comments and grants on exactly this object. */
    void forget(ObjectRef ref) {
        dropRefs(ref.identity(), Set.of(ref.kind()), Set.of());
    }

    void ownOwnedSequences(QualifiedName table, String owner) {
        for (Sequence s : List.copyOf(st.model.sequences.values())) {
            if (s.ownedBy() != null && s.ownedBy().table().equals(table)) {
                st.model.sequences.put(s.name(), new Sequence(s.name(), s.dataType(), s.start(), s.increment(),
                        s.minValue(), s.maxValue(), s.cache(), s.cycle(), s.ownedBy(), owner));
            }
        }
    }

    void setTriggerState(QualifiedName table, String trigger, char state) {
        Table t = st.table(table);
        if (trigger.equals("all") || trigger.equals("user")) {
            Map<String, Trigger> trg = new TreeMap<>();
            t.triggers().forEach((k, x) -> trg.put(k, new Trigger(x.name(), x.table(), x.definition(), x.function(),
                    state)));
            st.put(t.withTriggers(trg));
            return;
        }
        Trigger x = t.triggers().get(trigger);
        st.touch(new ObjectRef(ObjectRef.Kind.TRIGGER, table + "." + Identifiers.quote(trigger)),
                TouchedObject.Action.ALTER);
        if (x == null) {
            if (st.tolerant) {
                return;
            }
            throw new ObjectStateError("trigger " + Identifiers.quote(trigger) + " for table " + table
                    + " does not exist");
        }
        Map<String, Trigger> trg = new TreeMap<>(t.triggers());
        trg.put(trigger, new Trigger(x.name(), x.table(), x.definition(), x.function(), state));
        st.put(t.withTriggers(trg));
    }
}
