package dev.confiture.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.confiture.diff.SchemaChange.*;
import dev.confiture.model.schema.Collation;
import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.CompositeType;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Domain;
import dev.confiture.model.schema.EnumType;
import dev.confiture.model.schema.Extension;
import dev.confiture.model.schema.DefaultPrivileges;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.Policy;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.RoutineSignature;
import dev.confiture.model.schema.Schema;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.Sequence;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.Trigger;
import dev.confiture.model.schema.View;

/**
 * Compares two models object kind by object kind and lists the typed changes; it decides what
 * changes, never in which order (that is the {@link Planner}'s job). Names identify objects:
 * a renamed object is a drop and a create. Column order does not count.
 */
final class Differ {

    private final SchemaModel from;
    private final SchemaModel to;
    private final List<SchemaChange> changes = new ArrayList<>();
    /** Objects that go away (with everything hanging off them): their comments and grants go too. */
    private final Set<ObjectRef> dropped = new HashSet<>();
    /** Objects created anew although they existed: their comments and grants must be set again. */
    private final Set<ObjectRef> recreated = new HashSet<>();
    /** Tables whose columns change type or disappear: views reading them are recreated around the change. */
    private final Set<ObjectRef> alteredRelations = new HashSet<>();
    /**
     * Enum types created again under their name (the old one renamed, then dropped): what names them in a signature
     * or an index predicate would be left on the old type, so it is dropped before and created again after.
     */
    private final Set<String> recreatedEnums = new HashSet<>();
    private final Set<QualifiedName> droppedTables = new HashSet<>();
    private final Map<QualifiedName, Set<String>> droppedColumns = new LinkedHashMap<>();
    private final Set<ObjectRef> droppedRoutines = new HashSet<>();
    /**
     * The qualified names of routines the plan drops, for good or to create again with another signature or
     * result: a default, a CHECK or an index expression that calls one goes first and comes back after.
     */
    private final Set<String> goingRoutineNames = new HashSet<>();

    private final Casts casts;

    Differ(SchemaModel from, SchemaModel to, Casts casts) {
        this.from = from;
        this.to = to;
        this.casts = casts;
    }

    List<SchemaChange> run() {
        schemas();
        extensions();
        collations();
        enums();
        domains();
        composites();
        goingRoutines();
        tables();
        sequences();
        routines();
        views();
        others();
        comments();
        grants();
        if (changes.stream().anyMatch(c -> c instanceof CreateRoutine || c instanceof ReplaceRoutine)) {
            changes.add(0, new Prelude());
        }
        return changes;
    }

    private void schemas() {
        for (Schema s : to.schemas().values()) {
            Schema old = from.schemas().get(s.name());
            if (old == null) {
                changes.add(new CreateSchema(s));
            } else {
                owner(new ObjectRef(ObjectRef.Kind.SCHEMA, dev.confiture.model.schema.Identifiers.quote(s.name())),
                        old.owner(), s.owner());
            }
        }
        for (Schema s : from.schemas().values()) {
            if (!to.schemas().containsKey(s.name())) {
                changes.add(new DropSchema(s));
                dropped.add(new ObjectRef(ObjectRef.Kind.SCHEMA, dev.confiture.model.schema.Identifiers.quote(s.name())));
            }
        }
    }

    private void extensions() {
        for (Extension e : to.extensions().values()) {
            Extension old = from.extensions().get(e.name());
            if (old == null) {
                changes.add(new CreateExtension(e));
            } else if (!Objects.equals(old.schema(), e.schema())
                    || (e.version() != null && old.version() != null && !e.version().equals(old.version()))) {
                changes.add(new AlterExtension(old, e));
            }
        }
        for (Extension e : from.extensions().values()) {
            if (!to.extensions().containsKey(e.name())) {
                changes.add(new DropExtension(e));
                // its comment goes with it: no COMMENT ... IS NULL on an extension that is no more
                dropped.add(new ObjectRef(ObjectRef.Kind.EXTENSION, dev.confiture.model.schema.Identifiers.quote(e.name())));
            }
        }
    }

    /** Compares dotted versions numerically where they are numbers ({@code 1.10} after {@code 1.9}). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int cmp;
            try {
                cmp = Integer.compare(Integer.parseInt(p), Integer.parseInt(q));
            } catch (NumberFormatException e) {
                cmp = p.compareTo(q);
            }
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    private void collations() {
        for (Collation c : to.collations().values()) {
            Collation old = from.collations().get(c.name());
            if (old == null) {
                changes.add(new CreateCollation(c));
            } else if (!old.equals(c)) {
                // a collation in use cannot be altered; columns using it are rare enough to ask for a manual step
                changes.add(new DropCollation(old));
                changes.add(new CreateCollation(c));
            }
        }
        for (Collation c : from.collations().values()) {
            if (!to.collations().containsKey(c.name())) {
                changes.add(new DropCollation(c));
            }
        }
    }

    private void enums() {
        for (EnumType e : to.enums().values()) {
            EnumType old = from.enums().get(e.name());
            if (old == null) {
                changes.add(new CreateEnum(e));
            } else if (!old.labels().equals(e.labels())) {
                if (isInOrderExtension(old.labels(), e.labels()) && !newLabelUsedByDefault(e, old)) {
                    addValues(old, e);
                } else {
                    recreateEnum(old, e);
                }
            }
        }
        for (EnumType e : from.enums().values()) {
            if (!to.enums().containsKey(e.name())) {
                changes.add(new DropEnum(e));
                dropped.add(ObjectRef.of(ObjectRef.Kind.TYPE, e.name()));
            }
        }
    }

    /** True when {@code newer} keeps every old label in the same relative order (only additions). */
    static boolean isInOrderExtension(List<String> older, List<String> newer) {
        int i = 0;
        for (String label : newer) {
            if (i < older.size() && older.get(i).equals(label)) {
                i++;
            } else if (older.contains(label)) {
                return false;
            }
        }
        return i == older.size();
    }

    /**
     * A value added by ALTER TYPE ... ADD VALUE cannot be used in the same transaction ("unsafe use of new
     * value"); when the target uses a new label where PostgreSQL evaluates it at once (a column's default, an
     * index predicate or a CHECK of a table with a column of the type, the argument defaults of a routine over
     * the type), the recreate dance is used instead: it rewrites the tables using the type, so a body that merely
     * names the value does not count.
     */
    private boolean newLabelUsedByDefault(EnumType e, EnumType old) {
        String typeName = e.name().toString();
        List<String> literals = e.labels().stream().filter(l -> !old.labels().contains(l))
                .map(l -> "'" + l.replace("'", "''") + "'").toList();
        java.util.function.Predicate<String> usesNew = text -> text != null && literals.stream().anyMatch(text::contains);
        for (Table t : to.tables().values()) {
            boolean ofType = false;
            for (Column c : t.columns()) {
                boolean column = elementType(c.type()).equals(typeName);
                ofType |= column;
                if ((column || (c.defaultExpression() != null && c.defaultExpression().contains("::" + typeName)))
                        && usesNew.test(c.defaultExpression())) {
                    return true;
                }
            }
            if (ofType && (t.indexes().values().stream().anyMatch(i -> usesNew.test(i.predicate()))
                    || t.constraints().values().stream().anyMatch(c -> usesNew.test(c.definition())))) {
                return true;
            }
        }
        for (Routine r : to.routines().values()) {
            boolean overType = r.signature().argumentTypes().stream()
                    .anyMatch(a -> elementType(a).equals(typeName));
            // only its argument defaults: a body is not run when the routine is created
            if (overType && usesNew.test(argumentList(r.definition()))) {
                return true;
            }
        }
        return false;
    }

    private void addValues(EnumType old, EnumType e) {
        List<String> current = new ArrayList<>(old.labels());
        List<String> target = e.labels();
        for (int i = 0; i < target.size(); i++) {
            String label = target.get(i);
            if (current.contains(label)) {
                continue;
            }
            String after = i > 0 ? target.get(i - 1) : null;
            String before = after == null && i + 1 < target.size() ? target.get(i + 1) : null;
            changes.add(new AddEnumValue(e, label, before, after));
            current.add(label);
        }
    }

    private void recreateEnum(EnumType old, EnumType e) {
        String typeName = e.name().toString();
        List<ColumnUse> uses = new ArrayList<>();
        for (Table t : from.tables().values()) {
            if (t.partitionOf() != null) {
                continue; // ALTER COLUMN TYPE on the parent converts its partitions
            }
            Table target = to.tables().get(t.name());
            for (Column c : t.columns()) {
                boolean plain = c.type().equals(typeName);
                boolean array = c.type().equals(typeName + "[]");
                if (plain || array) {
                    if (inheritedColumn(from, t, c.name())) {
                        continue;
                    }
                    String newDefault = target == null ? null
                            : target.column(c.name()).map(Column::defaultExpression).orElse(null);
                    uses.add(new ColumnUse(t.name(), c.name(), array, c.defaultExpression(), newDefault));
                    alteredRelations.add(ObjectRef.table(t.name()));
                }
            }
        }
        changes.add(new RecreateEnum(old, e, uses));
        changes.add(new DropRenamedEnum(e, renamedEnum(e)));
        recreated.add(ObjectRef.of(ObjectRef.Kind.TYPE, e.name()));
        recreatedEnums.add(typeName);
    }

    static String renamedEnum(EnumType e) {
        String base = e.name().name() + "__confiture_old";
        return base.length() > 63 ? base.substring(0, 63) : base;
    }

    private void domains() {
        for (Domain d : to.domains().values()) {
            Domain old = from.domains().get(d.name());
            if (old == null) {
                changes.add(new CreateDomain(d));
            } else if (!sameDomain(old, d)) {
                if (!old.baseType().equals(d.baseType()) || !Objects.equals(old.collation(), d.collation())) {
                    changes.add(new DropDomain(old));
                    changes.add(new CreateDomain(d));
                    recreated.add(ObjectRef.of(ObjectRef.Kind.DOMAIN, d.name()));
                } else {
                    changes.add(new AlterDomain(old, d));
                }
            }
        }
        for (Domain d : from.domains().values()) {
            if (!to.domains().containsKey(d.name())) {
                changes.add(new DropDomain(d));
                dropped.add(ObjectRef.of(ObjectRef.Kind.DOMAIN, d.name()));
            }
        }
    }

    private static boolean sameDomain(Domain a, Domain b) {
        return a.baseType().equals(b.baseType()) && Objects.equals(a.collation(), b.collation())
                && Objects.equals(a.defaultExpression(), b.defaultExpression()) && a.notNull() == b.notNull()
                && a.checks().equals(b.checks());
    }

    private void composites() {
        for (CompositeType c : to.composites().values()) {
            CompositeType old = from.composites().get(c.name());
            if (old == null) {
                changes.add(new CreateComposite(c));
            } else if (!old.attributes().equals(c.attributes())) {
                changes.add(new AlterComposite(old, c));
            }
        }
        for (CompositeType c : from.composites().values()) {
            if (!to.composites().containsKey(c.name())) {
                changes.add(new DropComposite(c));
                dropped.add(ObjectRef.of(ObjectRef.Kind.TYPE, c.name()));
            }
        }
    }

    private void others() {
        for (OtherObject o : to.others().values()) {
            OtherObject old = from.others().get(o.ref());
            if (old == null) {
                changes.add(new CreateOther(o));
            } else if (!old.createSql().equals(o.createSql())) {
                changes.add(new DropOther(old, true));
                changes.add(new CreateOther(o));
                recreated.add(o.ref());
            } else if (o.dependsOn().stream().anyMatch(d -> recreated.contains(d) || dropped.contains(d))) {
                // e.g. the clustered index was built again, or an index of that name on a new table: mark it again
                changes.add(new CreateOther(o));
            }
        }
        for (OtherObject o : from.others().values()) {
            if (!to.others().containsKey(o.ref())) {
                changes.add(new DropOther(o));
                dropped.add(o.ref());
            }
        }
    }

    // ---- tables ----

    private void tables() {
        for (Table t : to.tables().values()) {
            Table old = from.tables().get(t.name());
            if (old == null) {
                createTable(t);
            } else if (!sameShape(old, t)) {
                dropTable(old);
                createTable(t);
                markRecreated(t);
            } else {
                alterTable(old, t);
            }
        }
        for (Table t : from.tables().values()) {
            if (!to.tables().containsKey(t.name())) {
                dropTable(t);
            }
        }
        foreignKeysOnRebuiltKeys();
    }

    /** Partitioning and inheritance cannot be altered in place here: a change of them rebuilds the table. */
    private static boolean sameShape(Table a, Table b) {
        return Objects.equals(a.partitionBy(), b.partitionBy()) && Objects.equals(a.partitionOf(), b.partitionOf())
                && Objects.equals(a.partitionBound(), b.partitionBound()) && a.inherits().equals(b.inherits());
    }

    private void createTable(Table t) {
        List<String> inherited = new ArrayList<>();
        for (Column c : t.columns()) {
            // a column the child has as its own too is declared: PostgreSQL merges it with the parent's
            if (inheritedColumn(to, t, c.name()) && t.inheritedOnly(c.name())) {
                inherited.add(c.name());
            }
        }
        changes.add(new CreateTable(t, inherited));
        boolean partition = t.partitionOf() != null;
        Table parent = partition ? to.tables().get(t.partitionOf()) : null;
        for (Constraint c : t.constraints().values()) {
            if ((c.kind() == Constraint.Kind.FOREIGN_KEY || partition) && !clonedFromParent(parent, c)) {
                changes.add(new AddConstraint(t.name(), c));
            }
        }
        for (Index i : t.indexes().values()) {
            if (!clonedFromParent(parent, i)) {
                changes.add(new CreateIndex(i));
            }
        }
        for (Trigger tr : t.triggers().values()) {
            changes.add(new CreateTrigger(tr));
            if (tr.enabled() != 'O') {
                changes.add(new SetTriggerEnabled(tr));
            }
        }
        for (Policy p : t.policies().values()) {
            changes.add(new CreatePolicy(p));
        }
        if (t.rowSecurity() || t.forceRowSecurity()) {
            changes.add(new AlterTableOptions(t.withUnlogged(t.unlogged()).withRowSecurity(false, false), t));
        }
    }

    /**
     * {@code CREATE TABLE ... PARTITION OF} gives the partition a copy of its parent's keys, CHECKs,
     * foreign keys and indexes. The catalog reader leaves such copies out; the DDL interpreter keeps them
     * (pg_dump writes them on the partition before ATTACH): they must not be added a second time.
     */
    private static boolean clonedFromParent(Table parent, Constraint c) {
        if (parent == null) {
            return false;
        }
        return parent.constraints().values().stream().anyMatch(p -> p.kind() == c.kind() && switch (c.kind()) {
            case PRIMARY_KEY, UNIQUE -> p.columns().equals(c.columns());
            default -> p.name().equals(c.name()) && p.definition().equals(c.definition());
        });
    }

    private static boolean clonedFromParent(Table parent, Index i) {
        return parent != null && parent.indexes().values().stream().anyMatch(p -> p.keys().equals(i.keys())
                && p.unique() == i.unique() && p.method().equals(i.method())
                && Objects.equals(p.predicate(), i.predicate()));
    }

    private void dropTable(Table t) {
        for (Constraint c : t.constraints().values()) {
            if (c.kind() == Constraint.Kind.FOREIGN_KEY) {
                // foreign keys go before any table or key they join is dropped
                changes.add(new DropConstraint(t.name(), c));
            }
        }
        changes.add(new DropTable(t));
        droppedTables.add(t.name());
        alteredRelations.add(ObjectRef.table(t.name()));
        markDropped(t);
    }

    private void markDropped(Table t) {
        dropped.add(ObjectRef.table(t.name()));
        t.columns().forEach(c -> dropped.add(ObjectRef.column(t.name(), c.name())));
        t.constraints().keySet().forEach(n -> dropped.add(ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, n, t.name())));
        t.triggers().keySet().forEach(n -> dropped.add(ObjectRef.onTable(ObjectRef.Kind.TRIGGER, n, t.name())));
        t.policies().keySet().forEach(n -> dropped.add(ObjectRef.onTable(ObjectRef.Kind.POLICY, n, t.name())));
        t.indexes().values().forEach(i -> dropped.add(ObjectRef.of(ObjectRef.Kind.INDEX, i.name())));
    }

    private void markRecreated(Table t) {
        recreated.add(ObjectRef.table(t.name()));
        t.columns().forEach(c -> recreated.add(ObjectRef.column(t.name(), c.name())));
        t.constraints().keySet().forEach(n -> recreated.add(ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, n, t.name())));
        t.triggers().keySet().forEach(n -> recreated.add(ObjectRef.onTable(ObjectRef.Kind.TRIGGER, n, t.name())));
        t.policies().keySet().forEach(n -> recreated.add(ObjectRef.onTable(ObjectRef.Kind.POLICY, n, t.name())));
        t.indexes().values().forEach(i -> recreated.add(ObjectRef.of(ObjectRef.Kind.INDEX, i.name())));
    }

    /** True when a parent (INHERITS) of {@code t} in {@code model} has this column: PostgreSQL adds it to the child. */
    static boolean inheritedColumn(SchemaModel model, Table t, String column) {
        for (QualifiedName parent : t.inherits()) {
            Table p = model.tables().get(parent);
            if (p != null && (p.column(column).isPresent() || inheritedColumn(model, p, column))) {
                return true;
            }
        }
        return false;
    }

    private void alterTable(Table old, Table t) {
        QualifiedName name = t.name();
        boolean partition = t.partitionOf() != null;
        Set<String> retyped = retypedColumns(old, t);
        if (!partition) {
            columns(old, t, retyped);
        }
        if (old.unlogged() != t.unlogged() || old.rowSecurity() != t.rowSecurity()
                || old.forceRowSecurity() != t.forceRowSecurity()) {
            changes.add(new AlterTableOptions(old, t));
        }
        owner(ObjectRef.table(name), old.owner(), t.owner());
        Set<String> droppedCols = droppedColumns.getOrDefault(name, Set.of());
        Table oldParent = old.partitionOf() != null ? from.tables().get(old.partitionOf()) : null;
        for (Constraint c : old.constraints().values()) {
            Constraint n = t.constraints().get(c.name());
            if (n == null && clonedFromParent(oldParent, c)) {
                continue; // a copy of the parent's: it goes with the parent's own
            }
            if (n == null) {
                // a constraint on dropped columns goes with them; dropping it first is harmless and explicit
                changes.add(new DropConstraint(name, c));
                dropped.add(ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, c.name(), name));
            } else if (!sameConstraint(c, n) || callsGoingRoutine(c.definition())) {
                if (sameConstraint(c, n)) {
                    // a CHECK calling a routine the plan drops and creates again: off before, back after
                    changes.add(new DropConstraint(name, c));
                    changes.add(new AddConstraint(name, n));
                    recreated.add(ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, n.name(), name));
                } else if (c.notValid() && !n.notValid() && sameConstraint(c, withValid(n))) {
                    changes.add(new ValidateConstraint(name, n));
                } else {
                    changes.add(new DropConstraint(name, c));
                    changes.add(new AddConstraint(name, n));
                    recreated.add(ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, n.name(), name));
                }
            }
        }
        Table parent = partition ? to.tables().get(t.partitionOf()) : null;
        for (Constraint n : t.constraints().values()) {
            if (!old.constraints().containsKey(n.name()) && !clonedFromParent(parent, n)) {
                changes.add(new AddConstraint(name, n));
            }
        }
        for (Index i : old.indexes().values()) {
            Index n = t.indexes().get(i.name().name());
            if (n == null) {
                changes.add(new DropIndex(i));
                dropped.add(ObjectRef.of(ObjectRef.Kind.INDEX, i.name()));
            } else if (!n.equals(i) || predicateOnRecreatedEnum(old, i) || callsGoingRoutine(String.join(", ", i.keys()))
                    || callsGoingRoutine(i.predicate())) {
                changes.add(new DropIndex(i));
                changes.add(new CreateIndex(n));
                recreated.add(ObjectRef.of(ObjectRef.Kind.INDEX, n.name()));
            }
        }
        for (Index n : t.indexes().values()) {
            if (!old.indexes().containsKey(n.name().name()) && !clonedFromParent(parent, n)) {
                changes.add(new CreateIndex(n));
            }
        }
        triggers(name, old.triggers(), t.triggers(), retyped);
        for (Policy p : old.policies().values()) {
            Policy n = t.policies().get(p.name());
            if (n == null) {
                changes.add(new DropPolicy(p));
                dropped.add(ObjectRef.onTable(ObjectRef.Kind.POLICY, p.name(), name));
            } else if (!n.equals(p) || mentions(p.using(), retyped) || mentions(p.withCheck(), retyped)) {
                // PostgreSQL will not change the type of a column a policy uses: it goes first, comes back after
                changes.add(new DropPolicy(p));
                changes.add(new CreatePolicy(n));
                recreated.add(ObjectRef.onTable(ObjectRef.Kind.POLICY, n.name(), name));
            }
        }
        for (Policy n : t.policies().values()) {
            if (!old.policies().containsKey(n.name())) {
                changes.add(new CreatePolicy(n));
            }
        }
        if (!droppedCols.isEmpty()) {
            alteredRelations.add(ObjectRef.table(name));
        }
    }

    private Map<String, String> domainBases;

    /** Every domain of both sides by the name a column's type spells it, with its base type. */
    private Map<String, String> domainBases() {
        if (domainBases == null) {
            domainBases = new HashMap<>();
            for (SchemaModel m : List.of(from, to)) {
                m.domains().values().forEach(d -> domainBases.put(d.name().toString(), d.baseType()));
            }
        }
        return domainBases;
    }

    private static Constraint withValid(Constraint c) {
        return new Constraint(c.name(), c.kind(), c.definition(), c.columns(), c.references(), c.referencedColumns(),
                c.deferrable(), c.initiallyDeferred(), true);
    }

    private static boolean sameConstraint(Constraint a, Constraint b) {
        return a.kind() == b.kind() && a.definition().equals(b.definition()) && a.deferrable() == b.deferrable()
                && a.initiallyDeferred() == b.initiallyDeferred() && a.notValid() == b.notValid();
    }

    /** {@code retyped}: the columns whose type or collation changes in place ({@link #retypedColumns}). */
    private void columns(Table old, Table t, Set<String> retyped) {
        QualifiedName name = t.name();
        for (Column c : old.columns()) {
            Column n = t.column(c.name()).orElse(null);
            if (inheritedColumn(from, old, c.name()) && (n == null || inheritedColumn(to, t, c.name()))) {
                continue; // the parent's ALTER reaches the child
            }
            if (n != null && inheritedColumn(from, old, c.name()) && !inheritedColumn(to, t, c.name())) {
                // the parent drops the column, which takes the child's copy with it when the child has it only from
                // the parent: add it back as the child's own (one that is the child's own too stays)
                if (old.inheritedOnly(c.name())) {
                    changes.add(new AddColumn(name, n));
                }
                continue;
            }
            if (n != null && !inheritedColumn(from, old, c.name()) && inheritedColumn(to, t, c.name())) {
                // a parent gains a column the child has: the parent's ADD COLUMN merges it into the child's own,
                // values kept. Only where the target has it inherited only does the child's own go first (its
                // values with it, as the destructive warning says) for the parent's ADD to bring it back.
                if (t.inheritedOnly(c.name())) {
                    changes.add(new DropColumn(name, c));
                    droppedColumns.computeIfAbsent(name, k -> new HashSet<>()).add(c.name());
                    recreated.add(ObjectRef.column(name, c.name()));
                }
                continue;
            }
            if (n == null) {
                changes.add(new DropColumn(name, c));
                droppedColumns.computeIfAbsent(name, k -> new HashSet<>()).add(c.name());
                dropped.add(ObjectRef.column(name, c.name()));
            } else if (!c.equals(n)) {
                boolean generatedBecomes = n.generatedExpression() != null
                        && !Objects.equals(c.generatedExpression(), n.generatedExpression());
                TypeChanges.Conversion conversion = c.type().equals(n.type()) ? TypeChanges.Conversion.ASSIGNMENT
                        : TypeChanges.conversion(c.type(), n.type(), domainBases(), casts);
                if (generatedBecomes || conversion == TypeChanges.Conversion.NONE) {
                    // no conversion keeps the values (bigint -> uuid): the destructive drop says so
                    // PostgreSQL cannot turn a column into a generated one (or change the expression before 17)
                    changes.add(new DropColumn(name, c));
                    changes.add(new AddColumn(name, n));
                    droppedColumns.computeIfAbsent(name, k -> new HashSet<>()).add(c.name());
                    recreated.add(ObjectRef.column(name, c.name()));
                } else {
                    boolean typeChanges = !c.type().equals(n.type());
                    String using = TypeChanges.using(dev.confiture.model.schema.Identifiers.quote(c.name()), conversion,
                            n.type());
                    boolean narrowing = typeChanges && TypeChanges.narrows(c.type(), n.type());
                    String review = conversion == TypeChanges.Conversion.THROUGH_TEXT
                            ? "no cast from " + c.type() + " to " + n.type() + ": the values go through text; check they convert"
                            : null;
                    Column before = c;
                    if (c.identity() == null && n.identity() != null && c.defaultExpression() != null
                            && c.defaultExpression().startsWith("nextval(")) {
                        // a serial becoming an identity: its default goes first, then its sequence, then the identity
                        // is added (and takes the sequence's name, as a new identity column would)
                        changes.add(new SchemaChange.DropDefaultEarly(name, c.name()));
                        before = c.withDefault(null);
                    }
                    if (c.identity() != null && n.identity() == null) {
                        // before anything is created: a serial's sequence may take the identity's sequence name
                        changes.add(new SchemaChange.DropIdentity(name, c.name()));
                        before = c.withIdentity(null);
                    }
                    if (!before.equals(n)) {
                        changes.add(new AlterColumn(name, before, n, using, narrowing, review));
                    }
                    if (typeChanges || !Objects.equals(c.collation(), n.collation())) {
                        alteredRelations.add(ObjectRef.table(name));
                    }
                }
            } else if (c.defaultExpression() != null && callsGoingRoutine(c.defaultExpression())) {
                // the default calls a routine the plan drops (and may create again): off first, set again after
                changes.add(new SchemaChange.DropDefaultEarly(name, c.name()));
                changes.add(new AlterColumn(name, c.withDefault(null), n, null, false));
            } else if (n.generatedExpression() != null && mentions(n.generatedExpression(), retyped)) {
                // PostgreSQL will not change the type of a column a generated column is computed from: the generated
                // column goes first and is computed again after (its values come from the others)
                changes.add(new DropColumn(name, c));
                changes.add(new AddColumn(name, n));
                droppedColumns.computeIfAbsent(name, k -> new HashSet<>()).add(c.name());
                recreated.add(ObjectRef.column(name, c.name()));
            }
        }
        for (Column n : t.columns()) {
            if (old.column(n.name()).isEmpty() && !inheritedColumn(to, t, n.name())) {
                changes.add(new AddColumn(name, n));
            }
        }
    }

    /**
     * A primary key or unique constraint that is dropped and added again takes the foreign keys that
     * reference it with it: those are dropped before and added back after, even if they did not change.
     */
    private void foreignKeysOnRebuiltKeys() {
        Set<QualifiedName> rebuiltKeys = new HashSet<>();
        for (SchemaChange c : changes) {
            if (c instanceof DropConstraint dc && (dc.constraint().kind() == Constraint.Kind.PRIMARY_KEY
                    || dc.constraint().kind() == Constraint.Kind.UNIQUE)) {
                rebuiltKeys.add(dc.table());
            }
            if (c instanceof DropIndex di && di.index().unique()) {
                rebuiltKeys.add(di.index().table());
            }
            if (c instanceof AlterColumn ac && !ac.from().type().equals(ac.to().type())) {
                rebuiltKeys.add(ac.table()); // the key's index is rebuilt; FKs referencing it survive, but be safe below
            }
        }
        rebuiltKeys.removeIf(t -> changes.stream().noneMatch(c -> c instanceof DropConstraint dc && dc.table().equals(t)
                || c instanceof DropIndex di && di.index().table().equals(t)));
        Set<String> alreadyDropped = new HashSet<>();
        for (SchemaChange c : changes) {
            if (c instanceof DropConstraint dc) {
                alreadyDropped.add(dc.object().identity());
            }
        }
        List<SchemaChange> extra = new ArrayList<>();
        for (Table t : from.tables().values()) {
            Table target = to.tables().get(t.name());
            if (target == null || droppedTables.contains(t.name())) {
                continue;
            }
            for (Constraint fk : t.constraints().values()) {
                if (fk.kind() != Constraint.Kind.FOREIGN_KEY || !rebuiltKeys.contains(fk.references())) {
                    continue;
                }
                Constraint kept = target.constraints().get(fk.name());
                String id = ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, fk.name(), t.name()).identity();
                if (kept != null && !alreadyDropped.contains(id)) {
                    extra.add(new DropConstraint(t.name(), fk));
                    extra.add(new AddConstraint(t.name(), kept));
                    recreated.add(ObjectRef.onTable(ObjectRef.Kind.CONSTRAINT, fk.name(), t.name()));
                }
            }
        }
        changes.addAll(extra);
    }

    // ---- sequences ----

    private void sequences() {
        for (Sequence s : to.sequences().values()) {
            Sequence old = from.sequences().get(s.name());
            if (old == null) {
                changes.add(new CreateSequence(s));
                if (s.ownedBy() != null) {
                    changes.add(new SetSequenceOwner(s, false));
                }
                continue;
            }
            if (!sameOptions(old, s)) {
                changes.add(new AlterSequence(old, s));
            }
            if (!Objects.equals(old.ownedBy(), s.ownedBy())) {
                if (old.ownedBy() != null) {
                    changes.add(new SetSequenceOwner(old, true));
                }
                if (s.ownedBy() != null) {
                    changes.add(new SetSequenceOwner(s, false));
                }
            } else if (s.ownedBy() != null && ownerGoesAway(s)) {
                // the owning table or column is dropped and created again: keep the sequence alive meanwhile
                changes.add(new SetSequenceOwner(old, true));
                changes.add(new SetSequenceOwner(s, false));
            }
            owner(ObjectRef.of(ObjectRef.Kind.SEQUENCE, s.name()), old.owner(), s.owner());
        }
        for (Sequence s : from.sequences().values()) {
            if (!to.sequences().containsKey(s.name())) {
                changes.add(new DropSequence(s, s.ownedBy() != null && ownerGoesAway(s), becomesIdentity(s)));
                dropped.add(ObjectRef.of(ObjectRef.Kind.SEQUENCE, s.name()));
            }
        }
    }

    private boolean ownerGoesAway(Sequence s) {
        return droppedTables.contains(s.ownedBy().table())
                || droppedColumns.getOrDefault(s.ownedBy().table(), Set.of()).contains(s.ownedBy().column());
    }

    private static boolean sameOptions(Sequence a, Sequence b) {
        return a.dataType().equals(b.dataType()) && a.start() == b.start() && a.increment() == b.increment()
                && a.minValue() == b.minValue() && a.maxValue() == b.maxValue() && a.cache() == b.cache()
                && a.cycle() == b.cycle();
    }

    // ---- routines ----

    private void routines() {
        for (Routine r : to.routines().values()) {
            Routine old = from.routines().get(r.signature());
            boolean late = usesRelations(r, to);
            if (old == null) {
                changes.add(new CreateRoutine(r, late));
            } else if (!Objects.equals(old.definition(), r.definition()) || old.kind() != r.kind()
                    || usesRecreatedEnum(old)) {
                if (old.kind() != r.kind() || !Objects.equals(old.returnType(), r.returnType()) || usesRecreatedEnum(old)
                        || r.kind() == Routine.Kind.AGGREGATE || argumentNamesChanged(old, r)) {
                    changes.add(new DropRoutine(old, true, true));
                    changes.add(new CreateRoutine(r, late));
                    ObjectRef ref = ObjectRef.routine(r.kind(), r.signature());
                    recreated.add(ref);
                    droppedRoutines.add(ObjectRef.routine(old.kind(), old.signature()));
                } else {
                    changes.add(new ReplaceRoutine(old, r, late));
                }
            } else {
                owner(ObjectRef.routine(r.kind(), r.signature()), old.owner(), r.owner());
            }
        }
        for (Routine r : from.routines().values()) {
            if (!to.routines().containsKey(r.signature())) {
                // a routine over a table's row type goes before the table; others after everything that used them
                // early too when an overload of the same name replaces it: a call the views make again (f(1)) would
                // otherwise find two candidates
                boolean replacedOverload = to.routines().keySet().stream()
                        .anyMatch(s -> s.name().equals(r.signature().name()) && !from.routines().containsKey(s));
                changes.add(new DropRoutine(r, usesRelations(r, from) || usesRecreatedEnum(r) || replacedOverload, false));
                dropped.add(ObjectRef.routine(r.kind(), r.signature()));
                droppedRoutines.add(ObjectRef.routine(r.kind(), r.signature()));
            }
        }
    }

    /** A serial's sequence (dropped by the plan) whose column becomes an identity column, which takes its name. */
    private boolean becomesIdentity(Sequence s) {
        if (s.ownedBy() == null || to.sequences().containsKey(s.name())) {
            return false;
        }
        Table t = to.tables().get(s.ownedBy().table());
        Table old = from.tables().get(s.ownedBy().table());
        return t != null && old != null && t.column(s.ownedBy().column()).map(c -> c.identity() != null).orElse(false)
                && old.column(s.ownedBy().column()).map(c -> c.identity() == null).orElse(false);
    }

    /** Fills {@link #goingRoutineNames} before the tables are compared, by the rules {@link #routines()} applies. */
    private void goingRoutines() {
        for (Routine old : from.routines().values()) {
            Routine r = to.routines().get(old.signature());
            if (r == null || old.kind() != r.kind() || !Objects.equals(old.returnType(), r.returnType())
                    || usesRecreatedEnum(old) || (!Objects.equals(old.definition(), r.definition())
                    && (r.kind() == Routine.Kind.AGGREGATE || argumentNamesChanged(old, r)))) {
                goingRoutineNames.add(old.signature().name().toString());
            }
        }
    }

    /** Whether SQL text calls a routine of {@link #goingRoutineNames} (by its qualified or its bare name). */
    private boolean callsGoingRoutine(String sql) {
        if (sql == null || goingRoutineNames.isEmpty()) {
            return false;
        }
        for (String name : goingRoutineNames) {
            String bare = name.substring(name.lastIndexOf('.') + 1);
            if (java.util.regex.Pattern.compile("(?<![\\w$\"])(" + java.util.regex.Pattern.quote(name) + "|"
                    + java.util.regex.Pattern.quote(bare) + ")\\s*\\(").matcher(sql).find()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the routine's arguments or result are of an enum type created again (see {@link #recreatedEnums}). */
    private boolean usesRecreatedEnum(Routine r) {
        if (recreatedEnums.isEmpty()) {
            return false;
        }
        List<String> types = new ArrayList<>(r.signature().argumentTypes());
        if (r.returnType() != null) {
            types.add(r.returnType().replaceFirst("^SETOF ", ""));
        }
        return types.stream().map(Differ::elementType).anyMatch(recreatedEnums::contains);
    }

    /** CREATE OR REPLACE cannot rename parameters; a definition whose argument list text changed is recreated. */
    private static boolean argumentNamesChanged(Routine a, Routine b) {
        return !argumentList(a.definition()).equals(argumentList(b.definition()));
    }

    private static String argumentList(String definition) {
        if (definition == null) {
            return "";
        }
        int open = definition.indexOf('(');
        int ret = definition.indexOf("\n RETURNS");
        if (ret < 0) {
            ret = definition.indexOf('\n');
        }
        return open < 0 || ret < open ? "" : definition.substring(open, ret);
    }

    private static boolean usesRelations(Routine r, SchemaModel model) {
        if (rowTypeInSignature(r, model)) {
            return true;
        }
        for (ObjectRef d : r.dependsOn()) {
            if (d.kind() == ObjectRef.Kind.TABLE || d.kind() == ObjectRef.Kind.VIEW
                    || d.kind() == ObjectRef.Kind.MATERIALIZED_VIEW) {
                return true;
            }
            if ((d.kind() == ObjectRef.Kind.FUNCTION || d.kind() == ObjectRef.Kind.AGGREGATE)) {
                Routine dep = findRoutine(model, d);
                if (dep != null && dep != r && usesRelations(dep, model)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A table's or view's row type as an argument or the result ({@code RETURNS SETOF s.t}): the routine
     * must come after that relation. The catalog reader records it in {@code dependsOn}; a model from the
     * DDL interpreter may not, when the function was written before the table.
     */
    private static boolean rowTypeInSignature(Routine r, SchemaModel model) {
        List<String> types = new ArrayList<>(r.signature().argumentTypes());
        if (r.returnType() != null) {
            types.add(r.returnType());
        }
        for (String type : types) {
            String base = elementType(type.replaceFirst("(?i)^setof\\s+", "")).strip();
            if (model.tables().keySet().stream().anyMatch(q -> q.toString().equals(base))
                    || model.views().keySet().stream().anyMatch(q -> q.toString().equals(base))) {
                return true;
            }
        }
        return false;
    }

    private static Routine findRoutine(SchemaModel model, ObjectRef ref) {
        for (Routine r : model.routines().values()) {
            if (r.signature().toString().equals(ref.identity())) {
                return r;
            }
        }
        return null;
    }

    // ---- views ----

    private void views() {
        Map<String, View> fromByRef = new LinkedHashMap<>();
        from.views().values().forEach(v -> fromByRef.put(viewRef(v).toString(), v));
        Set<QualifiedName> toRecreate = new HashSet<>();
        Set<ObjectRef> changedRefs = new HashSet<>(alteredRelations);
        changedRefs.addAll(droppedRoutines);
        for (View v : from.views().values()) {
            View n = to.views().get(v.name());
            if (n == null || !sameView(v, n) || starOverChangedRelation(v)) {
                changedRefs.add(viewRef(v));
                toRecreate.add(v.name());
            }
        }
        // views reading something that is dropped or changed go too, transitively
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View v : from.views().values()) {
                if (toRecreate.contains(v.name())) {
                    continue;
                }
                for (ObjectRef d : v.dependsOn()) {
                    if (changedRefs.contains(d)) {
                        toRecreate.add(v.name());
                        changedRefs.add(viewRef(v));
                        grew = true;
                        break;
                    }
                }
            }
        }
        for (View v : from.views().values()) {
            View n = to.views().get(v.name());
            if (toRecreate.contains(v.name())) {
                changes.add(new DropView(v, n != null));
                markViewDropped(v, n != null);
                if (n != null) {
                    createView(n);
                }
            } else {
                owner(viewRef(n), v.owner(), n.owner());
                for (Index i : v.indexes().values()) {
                    Index ni = n.indexes().get(i.name().name());
                    if (ni == null) {
                        changes.add(new DropIndex(i));
                    } else if (!ni.equals(i)) {
                        changes.add(new DropIndex(i));
                        changes.add(new CreateIndex(ni));
                    }
                }
                for (Index ni : n.indexes().values()) {
                    if (!v.indexes().containsKey(ni.name().name())) {
                        changes.add(new CreateIndex(ni));
                    }
                }
                triggers(n.name(), v.triggers(), n.triggers(), Set.of());
            }
        }
        for (View n : to.views().values()) {
            if (!from.views().containsKey(n.name())) {
                createView(n);
            }
        }
    }

    private void createView(View n) {
        changes.add(new CreateView(n));
        for (Index i : n.indexes().values()) {
            changes.add(new CreateIndex(i));
        }
        triggers(n.name(), Map.of(), n.triggers(), Set.of());
    }

    /**
     * A partial index whose predicate names a column of an enum type created again: its constants are of the old
     * type, which the column's new type no longer compares with, so PostgreSQL cannot rebuild it in place.
     */
    private boolean predicateOnRecreatedEnum(Table table, Index index) {
        if (recreatedEnums.isEmpty() || index.predicate() == null) {
            return false;
        }
        Set<String> enumColumns = new HashSet<>();
        for (Column c : table.columns()) {
            if (recreatedEnums.contains(elementType(c.type()))) {
                enumColumns.add(c.name());
            }
        }
        return mentions(index.predicate(), enumColumns);
    }

    /** A type name without its array brackets: {@code public.mood[]} is an array of {@code public.mood}. */
    static String elementType(String type) {
        String element = type;
        while (element.endsWith("[]")) {
            element = element.substring(0, element.length() - 2);
        }
        return element;
    }

    /** The columns of a table whose type or collation changes in place (ALTER COLUMN ... TYPE). */
    private static Set<String> retypedColumns(Table old, Table t) {
        Set<String> out = new HashSet<>();
        for (Column c : old.columns()) {
            t.column(c.name()).filter(n -> !n.type().equals(c.type()) || !Objects.equals(n.collation(), c.collation()))
                    .ifPresent(n -> out.add(c.name()));
        }
        return out;
    }

    /** Whether SQL text names one of {@code columns} (an approximation: a match only costs a drop and a create). */
    static boolean mentions(String sql, Set<String> columns) {
        if (sql == null || columns.isEmpty()) {
            return false;
        }
        for (String column : columns) {
            String quoted = Identifiers.quote(column);
            if (quoted.startsWith("\"") ? sql.contains(quoted)
                    : java.util.regex.Pattern.compile("(?<![\\w$\"])" + java.util.regex.Pattern.quote(column)
                            + "(?![\\w$\"])").matcher(sql).find()) {
                return true;
            }
        }
        return false;
    }

    /** The triggers of one table or view: changed ones dropped and created again, the enabled state altered in place. */
    private void triggers(QualifiedName name, Map<String, Trigger> old, Map<String, Trigger> now, Set<String> retyped) {
        for (Trigger tr : old.values()) {
            Trigger n = now.get(tr.name());
            if (n == null) {
                changes.add(new DropTrigger(tr));
                dropped.add(ObjectRef.onTable(ObjectRef.Kind.TRIGGER, tr.name(), name));
            } else if (!n.definition().equals(tr.definition()) || mentions(tr.definition(), retyped)) {
                // a column in its WHEN or UPDATE OF changes type: PostgreSQL wants the trigger gone meanwhile
                changes.add(new DropTrigger(tr));
                changes.add(new CreateTrigger(n));
                if (n.enabled() != 'O') {
                    changes.add(new SetTriggerEnabled(n));
                }
                recreated.add(ObjectRef.onTable(ObjectRef.Kind.TRIGGER, n.name(), name));
            } else if (n.enabled() != tr.enabled()) {
                changes.add(new SetTriggerEnabled(n));
            }
        }
        for (Trigger n : now.values()) {
            if (!old.containsKey(n.name())) {
                changes.add(new CreateTrigger(n));
                if (n.enabled() != 'O') {
                    changes.add(new SetTriggerEnabled(n));
                }
            }
        }
    }

    private void markViewDropped(View v, boolean recreatedToo) {
        Set<ObjectRef> target = recreatedToo ? recreated : dropped;
        ObjectRef ref = viewRef(v);
        target.add(ref);
        v.columnNames().forEach(c -> target.add(new ObjectRef(ObjectRef.Kind.COLUMN, ref.identity() + "."
                + dev.confiture.model.schema.Identifiers.quote(c))));
        v.indexes().values().forEach(i -> target.add(ObjectRef.of(ObjectRef.Kind.INDEX, i.name())));
        v.triggers().keySet().forEach(t -> target.add(ObjectRef.onTable(ObjectRef.Kind.TRIGGER, t, v.name())));
    }

    private static boolean sameView(View a, View b) {
        return a.materialized() == b.materialized() && Objects.equals(a.query(), b.query())
                && Objects.equals(a.checkOption(), b.checkOption()) && a.options().equals(b.options())
                && a.columnNames().equals(b.columnNames());
    }

    private static final java.util.regex.Pattern STAR =
            java.util.regex.Pattern.compile("(?i)(\\bselect\\s+(distinct\\s+)?|,\\s*)([\\w\"$]+\\.)?\\*");

    /**
     * A view written with {@code SELECT *} (as a schema file may have it) over a table or view whose columns
     * change: PostgreSQL expanded the star when the view was made, so the same text means other columns now.
     */
    private boolean starOverChangedRelation(View v) {
        if (!STAR.matcher(v.query()).find()) {
            return false;
        }
        for (Table t : from.tables().values()) {
            Table now = to.tables().get(t.name());
            if (now != null && v.dependsOn().contains(ObjectRef.table(t.name()))
                    && !t.columns().stream().map(Column::name).toList().equals(now.columns().stream().map(Column::name).toList())) {
                return true;
            }
        }
        for (View r : from.views().values()) {
            View now = to.views().get(r.name());
            if (now != null && v.dependsOn().contains(viewRef(r)) && !r.columnNames().equals(now.columnNames())) {
                return true;
            }
        }
        return false;
    }

    static ObjectRef viewRef(View v) {
        return ObjectRef.of(v.materialized() ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW, v.name());
    }

    // ---- comments, grants, owners ----

    private void comments() {
        for (Map.Entry<ObjectRef, String> e : to.comments().entrySet()) {
            String old = from.comments().get(e.getKey());
            if (!e.getValue().equals(old) || recreated.contains(e.getKey())) {
                changes.add(new SetComment(e.getKey(), e.getValue()));
            }
        }
        for (Map.Entry<ObjectRef, String> e : from.comments().entrySet()) {
            if (!to.comments().containsKey(e.getKey()) && !gone(e.getKey())) {
                changes.add(new SetComment(e.getKey(), null));
            }
        }
    }

    private void grants() {
        for (Grant g : to.grants()) {
            if (!from.grants().contains(g) || recreated.contains(g.object())
                    || recreated.contains(foreignTableOf(g.object()))) {
                changes.add(new GrantPrivilege(g));
            }
        }
        for (Grant g : from.grants()) {
            if (!to.grants().contains(g) && !gone(g.object()) && !gone(foreignTableOf(g.object()))
                    && !gone(schemaOfDefaultPrivileges(g.object())) && !gone(schemaOf(g.object()))
                    && !identitySequenceGone(g.object())) {
                changes.add(new RevokePrivilege(g));
            }
        }
    }

    /** The foreign table a column grant is on (its drop or re-creation takes the grant along), or null. */
    private ObjectRef foreignTableOf(ObjectRef ref) {
        if (ref.kind() != ObjectRef.Kind.COLUMN) {
            return null;
        }
        ObjectRef table = new ObjectRef(ObjectRef.Kind.FOREIGN_TABLE, SqlRenderer.splitLast(ref.identity())[0]);
        return from.others().containsKey(table) || to.others().containsKey(table) ? table : null;
    }

    /** The schema a schema-bound object is in (dropping it takes the object and its grants along), or null. */
    private static ObjectRef schemaOf(ObjectRef ref) {
        return switch (ref.kind()) {
            case TABLE, VIEW, MATERIALIZED_VIEW, SEQUENCE, TYPE, DOMAIN, FUNCTION, PROCEDURE, AGGREGATE, COLUMN,
                 FOREIGN_TABLE -> {
                String id = ref.identity();
                boolean quoted = false;
                for (int i = 0; i < id.length(); i++) {
                    char ch = id.charAt(i);
                    if (ch == '"') {
                        quoted = !quoted;
                    } else if (ch == '.' && !quoted) {
                        yield new ObjectRef(ObjectRef.Kind.SCHEMA, id.substring(0, i));
                    }
                }
                yield null;
            }
            default -> null;
        };
    }

    /**
     * A grant on a sequence the model does not hold (an identity column's, which the catalog reader sees) goes with
     * its table: a dropped table whose name, with {@code _}, starts the sequence's name.
     */
    private boolean identitySequenceGone(ObjectRef ref) {
        if (ref.kind() != ObjectRef.Kind.SEQUENCE || from.sequences().keySet().stream()
                .anyMatch(q -> q.toString().equals(ref.identity()))) {
            return false;
        }
        return droppedTables.stream().anyMatch(t -> ref.identity().startsWith(t.toString() + "_")
                || ref.identity().startsWith(t.toString().replaceAll("\"$", "") + "_"));
    }

    /** The schema of {@code ALTER DEFAULT PRIVILEGES IN SCHEMA s} (dropping it drops the entries), or null. */
    private static ObjectRef schemaOfDefaultPrivileges(ObjectRef ref) {
        if (!DefaultPrivileges.isDefaultPrivileges(ref)) {
            return null;
        }
        String schema = DefaultPrivileges.parse(ref.identity()).schema();
        return schema == null ? null : new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(schema));
    }

    /** True when the object is dropped or recreated, so that its old comment or grant needs no removal. */
    private boolean gone(ObjectRef ref) {
        return ref != null && (dropped.contains(ref) || recreated.contains(ref));
    }

    private void owner(ObjectRef ref, String oldOwner, String newOwner) {
        if (oldOwner != null && newOwner != null && !oldOwner.equals(newOwner)) {
            changes.add(new AlterOwner(ref, newOwner));
        }
    }

    /** For tests and reports: the set of routine signatures whose drop the plan includes. */
    Set<RoutineSignature> droppedRoutineSignatures() {
        Set<RoutineSignature> out = new HashSet<>();
        for (SchemaChange c : changes) {
            if (c instanceof DropRoutine d) {
                out.add(d.routine().signature());
            }
        }
        return out;
    }
}
