package dev.confiture.diff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.SchemaModelBuilder;
import dev.confiture.model.schema.Table;

/**
 * The diff in the online form (docs/diff.md, "Online form"): the changes on tables that exist on both
 * sides are spread over several migrations so that no statement holds a lock that blocks reads or
 * writes for longer than a catalog update. In order:
 * <ol>
 * <li>one {@code DROP INDEX CONCURRENTLY} migration per index changed (its name is taken again) on a kept table,
 *     or dropped from a table that loses or retypes a column (the column's change may need it gone);</li>
 * <li>the main migration: every other change in the plain form, except that new foreign keys and
 *     checks on kept tables are added {@code NOT VALID}, a new NOT NULL on a kept column becomes a
 *     {@code CHECK (col IS NOT NULL) NOT VALID}, and new indexes and keys on kept tables are left out;</li>
 * <li>the validation: {@code VALIDATE CONSTRAINT} for each of those, then {@code SET NOT NULL} (which
 *     the validated check spares its scan, PostgreSQL 12+) and the check dropped;</li>
 * <li>one {@code CREATE [UNIQUE] INDEX CONCURRENTLY} migration per new index, and per new primary or
 *     unique key (its index);</li>
 * <li>the keys: {@code ADD CONSTRAINT ... PRIMARY KEY | UNIQUE USING INDEX};</li>
 * <li>one {@code DROP INDEX CONCURRENTLY} migration per other index dropped, once what replaces it is built.</li>
 * </ol>
 * Each step is described by a model of the schema after it, so that the main migration and the keys
 * step are written, both ways, by the one engine ({@link SchemaDiff}); the other steps are a single
 * kind of statement each and written here. New tables keep the plain form: nobody uses them yet. So do
 * partitioned tables and partitions (PostgreSQL builds no index concurrently on a partitioned table and
 * refuses a NOT VALID foreign key on one), keys with options ({@code INCLUDE}, {@code NULLS NOT
 * DISTINCT}, a tablespace) and keys that a foreign key references (it needs the key in the migration
 * that adds it).
 */
public final class OnlineDiff {

    /** The lock_timeout of the header when the environment's session settings set none. */
    public static final String DEFAULT_LOCK_TIMEOUT = "5s";

    private static final Pattern SIMPLE_KEY = Pattern.compile("(PRIMARY KEY|UNIQUE) \\(([^()]*)\\)");

    /** The plain diff (for the report's changes and warnings) and the migrations of the online form. */
    public record Plan(DiffResult plain, List<OnlineStep> steps) {
        public Plan {
            steps = List.copyOf(steps);
        }
    }

    private final SchemaModel from;
    private final SchemaModel to;
    private final OwnObjects own;
    private final String header;
    /** Dropped before the main migration: the index's name is taken again, or its table loses or retypes a column. */
    private final List<Index> droppedFirst = new ArrayList<>();
    /** Dropped last, once whatever replaces them is built, so that queries are never without an index. */
    private final List<Index> droppedLast = new ArrayList<>();
    private final List<Index> newIndexes = new ArrayList<>();
    /** Primary and unique keys built from a concurrent index, with the index that backs them. */
    private final List<Key> keys = new ArrayList<>();
    /** Foreign keys and checks added NOT VALID, by table. */
    private final List<TableConstraint> validated = new ArrayList<>();
    /** Columns made NOT NULL through a check, with that check. */
    private final List<TableConstraint> notNullChecks = new ArrayList<>();

    private record TableConstraint(QualifiedName table, Constraint constraint, String column) {
    }

    private record Key(QualifiedName table, Constraint constraint, Index index) {
    }

    private OnlineDiff(SchemaModel from, SchemaModel to, OwnObjects own, String lockTimeout) {
        this.from = own.strip(from);
        this.to = own.strip(to);
        this.own = own;
        this.header = "SET lock_timeout = " + SqlRenderer.literal(lockTimeout == null || lockTimeout.isBlank()
                ? DEFAULT_LOCK_TIMEOUT : lockTimeout.strip());
    }

    /**
     * @param lockTimeout the header's {@code lock_timeout} (the environment's session setting), null for
     *                    {@link #DEFAULT_LOCK_TIMEOUT}
     */
    public static Plan plan(SchemaModel from, SchemaModel to, OwnObjects own, String lockTimeout) {
        return new OnlineDiff(from, to, own, lockTimeout).plan();
    }

    private Plan plan() {
        DiffResult plain = SchemaDiff.compare(from, to, own);
        if (plain.isEmpty()) {
            return new Plan(plain, List.of());
        }
        for (Table t : to.tables().values()) {
            Table old = from.tables().get(t.name());
            if (old != null && plainTable(old) && plainTable(t)) {
                classify(old, t);
            }
        }
        List<OnlineStep> steps = new ArrayList<>();
        droppedFirst.forEach(i -> steps.add(dropIndex(i)));
        SchemaModel beforeMain = afterIndexDrops();
        SchemaModel afterMain = afterMain();
        DiffResult main = SchemaDiff.compare(beforeMain, afterMain, own);
        if (!main.isEmpty()) {
            steps.add(new OnlineStep("", "the changes, with new constraints on existing tables NOT VALID",
                    withHeader(main.up()), withHeader(main.down()), true));
        }
        if (!validated.isEmpty() || !notNullChecks.isEmpty()) {
            steps.add(validation());
        }
        List<Index> built = new ArrayList<>(newIndexes);
        keys.forEach(k -> built.add(k.index()));
        for (Index i : built) {
            steps.add(new OnlineStep("index_" + word(i.name().name()), "create index " + i.name() + " concurrently",
                    List.of(header, concurrently(i)), List.of(header, "DROP INDEX CONCURRENTLY IF EXISTS " + i.name()),
                    false));
        }
        if (!keys.isEmpty()) {
            List<String> up = new ArrayList<>(List.of(header));
            keys.forEach(k -> up.add("ALTER TABLE " + k.table() + " ADD CONSTRAINT " + q(k.constraint().name()) + " "
                    + SIMPLE_KEY.matcher(k.constraint().definition()).replaceFirst("$1") + " USING INDEX "
                    + q(k.index().name().name()) + deferrable(k.constraint())));
            steps.add(new OnlineStep("keys", "primary and unique keys from their concurrently built indexes", up,
                    withHeader(SchemaDiff.compare(afterKeys(), beforeKeys(), own).up()), true));
        }
        droppedLast.forEach(i -> steps.add(dropIndex(i)));
        return new Plan(plain, steps);
    }

    private OnlineStep dropIndex(Index i) {
        return new OnlineStep("drop_index_" + word(i.name().name()), "drop index " + i.name() + " concurrently",
                List.of(header, "DROP INDEX CONCURRENTLY IF EXISTS " + i.name()), List.of(header, concurrently(i)), false);
    }

    private void classify(Table old, Table t) {
        boolean columnsKept = old.columns().stream().allMatch(c -> t.column(c.name())
                .filter(n -> n.type().equals(c.type()) && Objects.equals(n.collation(), c.collation())).isPresent());
        for (Index i : old.indexes().values()) {
            Index now = t.indexes().get(i.name().name());
            if (!i.equals(now)) {
                (now == null && columnsKept ? droppedLast : droppedFirst).add(i);
            }
        }
        for (Index i : t.indexes().values()) {
            if (!i.equals(old.indexes().get(i.name().name()))) {
                newIndexes.add(i);
            }
        }
        Set<String> plainKeyColumns = new HashSet<>();
        for (Constraint c : t.constraints().values()) {
            Constraint before = old.constraints().get(c.name());
            boolean added = before == null || !sameIgnoringValidity(before, c);
            if (c.kind() == Constraint.Kind.FOREIGN_KEY || c.kind() == Constraint.Kind.CHECK) {
                if (!c.notValid() && (added || before.notValid())) {
                    validated.add(new TableConstraint(t.name(), c, null));
                }
            } else if (added && (c.kind() == Constraint.Kind.PRIMARY_KEY || c.kind() == Constraint.Kind.UNIQUE)) {
                Matcher m = SIMPLE_KEY.matcher(c.definition());
                if (m.matches() && !referenced(t.name(), c)) {
                    keys.add(new Key(t.name(), c, new Index(new QualifiedName(t.name().schema(), c.name()), t.name(),
                            true, "btree", c.columns().stream().map(Identifiers::quote).toList(), List.of(), null, false,
                            null)));
                } else if (c.kind() == Constraint.Kind.PRIMARY_KEY) {
                    // a primary key added in the plain form sets its columns NOT NULL itself
                    plainKeyColumns.addAll(c.columns());
                }
            }
        }
        Set<String> taken = new HashSet<>(old.constraints().keySet());
        taken.addAll(t.constraints().keySet());
        for (Column c : t.columns()) {
            Column before = old.column(c.name()).orElse(null);
            if (before != null && !before.notNull() && c.notNull() && c.identity() == null && before.identity() == null
                    && !plainKeyColumns.contains(c.name())) {
                String name = freeName(c.name() + "_not_null", taken);
                taken.add(name);
                notNullChecks.add(new TableConstraint(t.name(), new Constraint(name, Constraint.Kind.CHECK,
                        "CHECK ((" + q(c.name()) + " IS NOT NULL))", List.of(c.name()), null, List.of(), false, false,
                        true), c.name()));
            }
        }
    }

    /** VALIDATE each constraint added NOT VALID; then SET NOT NULL, which the validated checks spare a scan. */
    private OnlineStep validation() {
        List<String> up = new ArrayList<>(List.of(header));
        List<String> down = new ArrayList<>();
        for (TableConstraint v : validated) {
            up.add("ALTER TABLE " + v.table() + " VALIDATE CONSTRAINT " + q(v.constraint().name()));
            // back to NOT VALID: there is no other way than adding it again, and NOT VALID scans nothing
            down.add("ALTER TABLE " + v.table() + " DROP CONSTRAINT " + q(v.constraint().name()));
            down.add("ALTER TABLE " + v.table() + " ADD CONSTRAINT " + q(v.constraint().name()) + " "
                    + notValid(v.constraint()).fullDefinition());
        }
        for (TableConstraint n : notNullChecks) {
            up.add("ALTER TABLE " + n.table() + " VALIDATE CONSTRAINT " + q(n.constraint().name()));
        }
        for (TableConstraint n : notNullChecks) {
            String alter = "ALTER TABLE " + n.table();
            up.add(alter + " ALTER COLUMN " + q(n.column()) + " SET NOT NULL");
            up.add(alter + " DROP CONSTRAINT " + q(n.constraint().name()));
            down.add(alter + " ADD CONSTRAINT " + q(n.constraint().name()) + " " + n.constraint().fullDefinition());
            down.add(alter + " ALTER COLUMN " + q(n.column()) + " DROP NOT NULL");
        }
        List<String> downWithHeader = new ArrayList<>(List.of(header));
        downWithHeader.addAll(down);
        return new OnlineStep("validate", "validate the new constraints, then set the columns NOT NULL", up,
                downWithHeader, true);
    }

    /** {@code from} without the indexes the first steps drop. */
    private SchemaModel afterIndexDrops() {
        SchemaModelBuilder b = from.toBuilder();
        for (Index i : droppedFirst) {
            change(b, i.table(), t -> withoutIndex(t, i));
        }
        return b.build();
    }

    /** {@link #beforeKeys()} without the new indexes and keys, with new constraints NOT VALID and new NOT NULLs as checks. */
    private SchemaModel afterMain() {
        SchemaModelBuilder b = beforeKeys().toBuilder();
        for (Key k : keys) {
            change(b, k.table(), t -> withoutIndex(t, k.index()));
        }
        for (Index i : newIndexes) {
            change(b, i.table(), t -> withoutIndex(t, i));
        }
        for (TableConstraint v : validated) {
            change(b, v.table(), t -> withConstraint(t, notValid(v.constraint())));
        }
        for (TableConstraint n : notNullChecks) {
            change(b, n.table(), t -> withConstraint(t, n.constraint()).withColumns(t.columns().stream()
                    .map(c -> c.name().equals(n.column()) ? c.withNotNull(false) : c).toList()));
        }
        return b.build();
    }

    /** {@code to} with the indexes the last steps drop. */
    private SchemaModel afterKeys() {
        SchemaModelBuilder b = to.toBuilder();
        for (Index i : droppedLast) {
            change(b, i.table(), t -> withIndex(t, i));
        }
        return b.build();
    }

    /** {@link #afterKeys()} with each new key as the plain unique index it is built from. */
    private SchemaModel beforeKeys() {
        SchemaModelBuilder b = afterKeys().toBuilder();
        for (Key k : keys) {
            change(b, k.table(), t -> withIndex(withoutConstraint(t, k.constraint()), k.index()));
        }
        return b.build();
    }

    /** Puts in {@code b} what {@code change} makes of its table {@code table}. */
    private static void change(SchemaModelBuilder b, QualifiedName table, UnaryOperator<Table> change) {
        b.tables.put(table, change.apply(b.tables.get(table)));
    }

    private static Table withConstraint(Table t, Constraint c) {
        Map<String, Constraint> constraints = new TreeMap<>(t.constraints());
        constraints.put(c.name(), c);
        return t.withConstraints(constraints);
    }

    private static Table withoutConstraint(Table t, Constraint c) {
        Map<String, Constraint> constraints = new TreeMap<>(t.constraints());
        constraints.remove(c.name());
        return t.withConstraints(constraints);
    }

    private static Table withIndex(Table t, Index i) {
        Map<String, Index> indexes = new TreeMap<>(t.indexes());
        indexes.put(i.name().name(), i);
        return t.withIndexes(indexes);
    }

    private static Table withoutIndex(Table t, Index i) {
        Map<String, Index> indexes = new TreeMap<>(t.indexes());
        indexes.remove(i.name().name());
        return t.withIndexes(indexes);
    }

    /** Partitioned tables and partitions keep the plain form (no concurrent index, no NOT VALID foreign key). */
    private static boolean plainTable(Table t) {
        return t.partitionBy() == null && t.partitionOf() == null;
    }

    /** A foreign key of the target references these columns: it needs the key in the main migration. */
    private boolean referenced(QualifiedName table, Constraint key) {
        for (Table t : to.tables().values()) {
            for (Constraint c : t.constraints().values()) {
                if (c.kind() == Constraint.Kind.FOREIGN_KEY && table.equals(c.references())
                        && Set.copyOf(c.referencedColumns()).equals(Set.copyOf(key.columns()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameIgnoringValidity(Constraint a, Constraint b) {
        return a.kind() == b.kind() && a.definition().equals(b.definition()) && a.deferrable() == b.deferrable()
                && a.initiallyDeferred() == b.initiallyDeferred();
    }

    private static Constraint notValid(Constraint c) {
        return new Constraint(c.name(), c.kind(), c.definition(), c.columns(), c.references(), c.referencedColumns(),
                c.deferrable(), c.initiallyDeferred(), true);
    }

    private static String deferrable(Constraint k) {
        return !k.deferrable() ? "" : k.initiallyDeferred() ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
    }

    /** {@code CREATE [UNIQUE] INDEX CONCURRENTLY name ON ...}. */
    static String concurrently(Index i) {
        String sql = i.createSql();
        return sql.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ");
    }

    private List<String> withHeader(List<String> statements) {
        List<String> out = new ArrayList<>(List.of(header));
        out.addAll(statements);
        return out;
    }

    /** A name PostgreSQL accepts (63 bytes) that no constraint of the table has. */
    private static String freeName(String wanted, Set<String> taken) {
        String name = truncate(wanted);
        for (int n = 2; taken.contains(name); n++) {
            name = truncate(wanted.substring(0, Math.min(wanted.length(), 58)) + "_" + n);
        }
        return name;
    }

    private static String truncate(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 63 ? name : new String(bytes, 0, 63, StandardCharsets.UTF_8).replace("\uFFFD", "");
    }

    /** An index name as a part of a migration name: lower-case letters, digits and underscores. */
    private static String word(String name) {
        String w = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        return w.length() > 40 ? w.substring(0, 40) : w;
    }

    private static String q(String identifier) {
        return Identifiers.quote(identifier);
    }
}
