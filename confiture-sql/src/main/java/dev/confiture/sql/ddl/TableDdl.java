package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.IdentityOptions;
import dev.confiture.model.schema.ColumnRef;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Sequence;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.TypeNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** CREATE TABLE and ALTER TABLE. */
final class TableDdl {

    /** Words that end a column's type or DEFAULT expression. */
    private static final Cursor.Stops COLUMN_CLAUSES = Cursor.Stops.of("constraint", "not null", "null", "default", "collate",
            "generated", "primary key", "unique", "check", "references", "deferrable", "not deferrable", "initially", "storage",
            "compression", "with options");

    private static final Set<String> SERIALS = Set.of("serial", "serial4", "bigserial", "serial8", "smallserial",
            "serial2");

    private final Interpretation st;
    private final Expressions ex;
    private final RenamesAndDrops renamesAndDrops;

    TableDdl(Interpretation st, RenamesAndDrops renamesAndDrops) {
        this.st = st;
        this.ex = new Expressions(st);
        this.renamesAndDrops = renamesAndDrops;
    }

    // ================================================================== CREATE TABLE

    void create(Cursor c, boolean unlogged) {
        boolean ifNotExists = c.accept("if", "not", "exists");
        QualifiedName name = st.createName(c.dottedName());
        st.touch(ObjectRef.table(name), TouchedObject.Action.CREATE);
        if (st.model.tables.containsKey(name) || st.model.views.containsKey(name)) {
            if (ifNotExists) {
                st.note("IF NOT EXISTS: " + name + " already exists, statement skipped as PostgreSQL would");
                return;
            }
            if (!st.tolerant) {
                throw new ObjectStateError("relation " + name + " already exists");
            }
        }
        st.ensureSchema(name.schema());
        List<Column> columns = new ArrayList<>();
        List<ConstraintSpec> specs = new ArrayList<>();
        QualifiedName partitionOf = null;
        String bound = null;
        List<QualifiedName> inherits = new ArrayList<>();
        java.util.Set<String> inheritedOnly = new java.util.TreeSet<>();
        Map<String, String> storage = new TreeMap<>();
        String partitionBy = null;
        if (c.accept("partition", "of")) {
            partitionOf = st.tableName(c.dottedName());
            st.touch(ObjectRef.table(partitionOf), TouchedObject.Action.ALTER);
            Table parent = st.table(partitionOf);
            columns.addAll(inheritedColumns(parent));
            if (c.is("(")) {
                for (List<Token> element : Cursor.splitCommas(c.parenthesized())) {
                    tableElement(name, element, columns, specs, true);
                }
            }
            bound = partitionBound(c);
        } else if (c.is("of")) {
            throw new UnsupportedDdl("typed tables (CREATE TABLE ... OF type) are not supported; list the columns");
        } else if (c.is("as") || (c.is("(") && isCtas(c))) {
            throw new UnsupportedDdl("CREATE TABLE ... AS takes its columns from a query; write the columns out");
        } else {
            List<Token> body = c.parenthesized();
            List<List<Token>> elements = body.isEmpty() ? List.of() : Cursor.splitCommas(body);
            List<Column> own = new ArrayList<>();
            for (List<Token> element : elements) {
                tableElement(name, element, own, specs, false);
            }
            if (c.accept("inherits")) {
                for (List<Token> p : Cursor.splitCommas(c.parenthesized())) {
                    QualifiedName parentName = st.tableName(new Cursor(p).dottedName());
                    inherits.add(parentName);
                    st.touch(ObjectRef.table(parentName), TouchedObject.Action.ALTER);
                    for (Column pc : inheritedColumns(st.table(parentName))) {
                        mergeColumn(columns, pc);
                        inheritedOnly.add(pc.name());
                    }
                }
            }
            for (Column oc : own) {
                mergeColumn(columns, oc);
                inheritedOnly.remove(oc.name()); // declared too: the child's own, merged with the parent's
            }
        }
        while (!c.atEnd()) {
            if (c.accept("partition", "by")) {
                partitionBy = partitionBy(c);
            } else if (c.accept("using")) {
                c.identifier();
            } else if (c.accept("with")) {
                storage.putAll(StorageParameters.parse(c.parenthesized()));
                storage.remove("oids"); // PostgreSQL < 12 spelling, no effect
            } else if (c.accept("without", "oids")) {
                // PostgreSQL < 12 spelling, no effect
            } else if (c.accept("on", "commit")) {
                c.next();
                c.accept("rows");
            } else if (c.accept("tablespace")) {
                c.identifier();
            } else if (c.accept("inherits")) {
                throw new UnsupportedDdl("INHERITS after other clauses");
            } else {
                throw new UnsupportedDdl("unexpected " + c.describeNext() + " after the column list");
            }
        }
        Table table = new Table(name, columns, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                unlogged, partitionBy, partitionOf, bound, inherits, false, false, null, inheritedOnly);
        st.put(table);
        StorageParameters.put(st, ObjectRef.Kind.TABLE, name, storage);
        for (QualifiedName parent : inherits) {
            copyInheritedChecks(st.table(parent), name);
        }
        if (partitionOf != null) {
            clonePartitionObjects(st.table(partitionOf), name);
        }
        for (Column col : columns) {
            st.touch(ObjectRef.column(name, col.name()), TouchedObject.Action.CREATE);
        }
        for (ConstraintSpec spec : withoutRedundantIndexes(specs)) {
            addConstraint(name, spec, false);
        }
    }

    /**
     * As transformIndexConstraints does: a UNIQUE that repeats the primary key or an earlier UNIQUE
     * on the same columns creates no second index (an unnamed earlier one takes the later name).
     */
    static List<ConstraintSpec> withoutRedundantIndexes(List<ConstraintSpec> specs) {
        List<ConstraintSpec> kept = new ArrayList<>();
        ConstraintSpec pk = specs.stream().filter(s -> s.kind == Constraint.Kind.PRIMARY_KEY).findFirst()
                .orElse(null);
        List<ConstraintSpec> indexLike = new ArrayList<>();
        if (pk != null) {
            indexLike.add(pk);
        }
        for (ConstraintSpec s : specs) {
            if (s.kind != Constraint.Kind.UNIQUE && s.kind != Constraint.Kind.PRIMARY_KEY) {
                kept.add(s);
                continue;
            }
            if (s == pk) {
                kept.add(s);
                continue;
            }
            ConstraintSpec prior = indexLike.stream().filter(p -> p.columns.equals(s.columns)
                    && p.include.equals(s.include) && p.nullsNotDistinct == s.nullsNotDistinct
                    && p.deferrable == s.deferrable && p.initiallyDeferred == s.initiallyDeferred
                    && s.usingIndex == null && p.usingIndex == null).findFirst().orElse(null);
            if (prior != null) {
                if (prior.name == null) {
                    prior.name = s.name;
                }
                continue;
            }
            indexLike.add(s);
            kept.add(s);
        }
        return kept;
    }

    private boolean isCtas(Cursor c) {
        int p = c.position();
        c.parenthesized();
        boolean as = c.is("as");
        c.reset(p);
        return as;
    }

    private static List<Column> inheritedColumns(Table parent) {
        List<Column> out = new ArrayList<>();
        for (Column col : parent.columns()) {
            out.add(new Column(col.name(), col.type(), col.collation(), col.notNull(),
                    col.identity() == null ? col.defaultExpression() : null, null, col.generatedExpression()));
        }
        return out;
    }

    private static void mergeColumn(List<Column> columns, Column add) {
        for (int i = 0; i < columns.size(); i++) {
            Column existing = columns.get(i);
            if (existing.name().equals(add.name())) {
                columns.set(i, new Column(add.name(), add.type(), add.collation() != null ? add.collation()
                        : existing.collation(), add.notNull() || existing.notNull(),
                        add.defaultExpression() != null ? add.defaultExpression() : existing.defaultExpression(),
                        add.identity(), add.generatedExpression() != null ? add.generatedExpression()
                        : existing.generatedExpression()));
                return;
            }
        }
        columns.add(add);
    }

    private void copyInheritedChecks(Table parent, QualifiedName child) {
        Table t = st.table(child);
        Map<String, Constraint> cons = new TreeMap<>(t.constraints());
        for (Constraint con : parent.constraints().values()) {
            if (con.kind() == Constraint.Kind.CHECK && !con.definition().endsWith("NO INHERIT")) {
                cons.putIfAbsent(con.name(), con);
            }
        }
        st.put(t.withConstraints(cons));
    }

    /** A new partition gets the parent's CHECKs and foreign keys, and its own primary key, unique constraints and indexes. */
    void clonePartitionObjects(Table parent, QualifiedName partition) {
        Table t = st.table(partition);
        Map<String, Constraint> cons = new TreeMap<>(t.constraints());
        for (Constraint con : parent.constraints().values()) {
            switch (con.kind()) {
                case CHECK, FOREIGN_KEY -> cons.putIfAbsent(con.name(), con);
                case PRIMARY_KEY, UNIQUE -> {
                    boolean exists = cons.values().stream().anyMatch(x -> x.kind() == con.kind()
                            && x.columns().equals(con.columns()));
                    if (!exists) {
                        String label = con.kind() == Constraint.Kind.PRIMARY_KEY ? "pkey" : "key";
                        String n = PgNames.choose(partition.name(), con.kind() == Constraint.Kind.PRIMARY_KEY ? null
                                : PgNames.columnsAddition(con.columns()), label,
                                x -> st.relationExists(QualifiedName.of(partition.schema(), x)));
                        cons.put(n, new Constraint(n, con.kind(), con.definition(), con.columns(), null, List.of(),
                                con.deferrable(), con.initiallyDeferred(), false));
                    }
                }
                default -> {
                }
            }
        }
        Table updated = t.withConstraints(cons);
        st.put(updated);
        for (Index idx : parent.indexes().values()) {
            cloneIndexToPartition(idx, partition);
        }
    }

    void cloneIndexToPartition(Index idx, QualifiedName partition) {
        Table t = st.table(partition);
        boolean exists = t.indexes().values().stream().anyMatch(x -> x.keys().equals(idx.keys())
                && x.unique() == idx.unique() && java.util.Objects.equals(x.predicate(), idx.predicate())
                && x.method().equals(idx.method()));
        if (exists) {
            return;
        }
        String n = PgNames.choose(partition.name(), IndexDdl.nameAddition(idx.keys()), "idx",
                x -> st.relationExists(QualifiedName.of(partition.schema(), x)));
        Map<String, Index> indexes = new TreeMap<>(t.indexes());
        indexes.put(n, new Index(QualifiedName.of(partition.schema(), n), partition, idx.unique(), idx.method(),
                idx.keys(), idx.include(), idx.predicate(), idx.nullsNotDistinct(), idx.tablespace()));
        st.put(t.withIndexes(indexes));
        for (Table child : st.childrenOf(partition)) {
            if (partition.equals(child.partitionOf())) {
                cloneIndexToPartition(idx, child.name());
            }
        }
    }

    private String partitionBound(Cursor c) {
        if (c.accept("default")) {
            return "DEFAULT";
        }
        c.expect("for", "values");
        List<Token> rest = new ArrayList<>();
        if (c.is("with")) {
            rest.add(c.next()); // WITH (MODULUS m, REMAINDER r): a hash partition's bound, not a storage clause
        }
        // what follows (PARTITION BY of a partition that is partitioned itself, WITH, TABLESPACE) is the caller's
        rest.addAll(c.until(x -> x.is("partition", "by") || x.is("with") || x.is("tablespace") || x.is("using")));
        String text = SqlText.render(rest);
        return "FOR VALUES " + upperKeywords(text, "in", "from", "to", "with", "modulus", "remainder", "minvalue",
                "maxvalue");
    }

    private static String upperKeywords(String text, String... words) {
        List<Token> tokens = new ArrayList<>(Token.tokenize(text));
        Set<String> set = Set.of(words);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == Token.Type.WORD && set.contains(t.value())) {
                String up = t.value().toUpperCase(Locale.ROOT);
                tokens.set(i, new Token(Token.Type.WORD, up, up, t.line()));
            }
        }
        List<Token> spaced = tokens;
        String r = SqlText.render(spaced);
        // keywords before "(" keep a space, like pg_get_expr: "IN ('a')", "FROM (1) TO (10)"
        return r.replaceAll("\\b(IN|FROM|TO|WITH)\\(", "$1 (");
    }

    private String partitionBy(Cursor c) {
        String strategy = c.identifier().toUpperCase(Locale.ROOT);
        List<Token> keys = c.parenthesized();
        return strategy + " (" + SqlText.render(keys) + ")";
    }

    // ================================================================== elements

    /** A column definition or a table constraint inside CREATE TABLE's parentheses. */
    private void tableElement(QualifiedName table, List<Token> element, List<Column> columns,
                              List<ConstraintSpec> specs, boolean partition) {
        Cursor c = new Cursor(element);
        if (c.is("constraint") || c.is("primary", "key") || c.is("unique") || c.is("check") || c.is("foreign", "key")
                || c.is("exclude")) {
            specs.add(tableConstraint(c, table));
            return;
        }
        if (c.accept("like")) {
            QualifiedName source = st.tableName(c.dottedName());
            Table src = st.table(source);
            for (Column col : src.columns()) {
                columns.add(new Column(col.name(), col.type(), col.collation(), col.notNull(), null, null, null));
            }
            st.note("LIKE " + source + ": copied its columns (names, types, NOT NULL); INCLUDING options are not applied");
            return;
        }
        if (partition) {
            String colName = c.identifier();
            c.accept("with", "options");
            Column existing = columns.stream().filter(x -> x.name().equals(colName)).findFirst()
                    .orElseThrow(() -> new ObjectStateError("column " + colName + " is not in the parent table"));
            Column updated = columnClauses(c, table, existing, specs);
            columns.set(columns.indexOf(existing), updated);
            return;
        }
        columns.add(columnDefinition(c, table, specs));
    }

    /** {@code name type [clauses]}; serial types add their sequence to the model at once. */
    Column columnDefinition(Cursor c, QualifiedName table, List<ConstraintSpec> specs) {
        String name = c.identifier();
        List<Token> typeTokens = c.untilAny(COLUMN_CLAUSES);
        String written = SqlText.render(typeTokens);
        Column col;
        if (SERIALS.contains(written)) {
            String type = TypeNames.normalize(written);
            QualifiedName seq = QualifiedName.of(table.schema(), PgNames.choose(table.name(), name, "seq",
                    x -> st.relationExists(QualifiedName.of(table.schema(), x))));
            long max = type.equals("bigint") ? Long.MAX_VALUE : type.equals("integer") ? Integer.MAX_VALUE
                    : Short.MAX_VALUE;
            st.model.sequences.put(seq, new Sequence(seq, type, 1, 1, 1, max, 1, false, new ColumnRef(table, name),
                    null));
            st.touch(new ObjectRef(ObjectRef.Kind.SEQUENCE, seq.toString()), TouchedObject.Action.CREATE);
            col = new Column(name, type, null, true, Expressions.nextval(seq), null, null);
        } else {
            col = new Column(name, ex.type(typeTokens), null, false, null, null, null);
        }
        return columnClauses(c, table, col, specs);
    }

    private Column columnClauses(Cursor c, QualifiedName table, Column col, List<ConstraintSpec> specs) {
        String pendingName = null;
        ConstraintSpec last = null;
        while (!c.atEnd()) {
            if (c.accept("constraint")) {
                pendingName = c.identifier();
                continue;
            }
            if (c.accept("not", "null")) {
                col = col.withNotNull(true);
            } else if (c.accept("null")) {
                col = col.withNotNull(false);
            } else if (c.accept("default")) {
                Token first = c.next();
                List<Token> more = c.untilAny(COLUMN_CLAUSES);
                List<Token> all = new ArrayList<>();
                all.add(first);
                all.addAll(more);
                col = col.withDefault(ex.expr(all));
            } else if (c.accept("collate")) {
                col = col.withCollation(collation(c.dottedName()));
            } else if (c.accept("generated")) {
                if (c.accept("always", "as", "(")) {
                    c.reset(c.position() - 1);
                    col = col.withGenerated(ex.expr(c.parenthesized()));
                    c.expect("stored");
                } else {
                    col = identityClause(c, col).withNotNull(true);
                }
            } else if (c.is("primary") || c.is("unique") || c.is("check") || c.is("references")) {
                ConstraintSpec spec = new ConstraintSpec();
                spec.name = pendingName;
                if (c.accept("references")) {
                    spec.kind = Constraint.Kind.FOREIGN_KEY;
                    spec.columns.add(col.name());
                    references(c, spec);
                } else {
                    constraintBody(c, spec, table);
                    if (spec.kind != Constraint.Kind.CHECK) {
                        spec.columns.add(col.name());
                    }
                }
                specs.add(spec);
                last = spec;
            } else if (c.is("deferrable") || c.is("not", "deferrable") || c.is("initially")) {
                if (last == null) {
                    throw new UnsupportedDdl("DEFERRABLE without a constraint before it");
                }
                if (c.accept("deferrable")) {
                    last.deferrable = true;
                } else if (c.accept("not", "deferrable")) {
                    last.deferrable = false;
                } else if (c.accept("initially", "deferred")) {
                    last.deferrable = true;
                    last.initiallyDeferred = true;
                } else {
                    c.expect("initially", "immediate");
                    last.initiallyDeferred = false;
                }
            } else if (c.accept("storage") || c.accept("compression")) {
                c.next();
            } else {
                throw new UnsupportedDdl("unexpected " + c.describeNext() + " in the definition of column "
                        + col.name());
            }
            pendingName = null;
        }
        return col;
    }

    private String collation(List<String> parts) {
        if (parts.size() == 2 && parts.get(0).equals("pg_catalog")) {
            return Identifiers.quote(parts.get(1));
        }
        if (parts.size() == 1) {
            // the file's own collation, as the search path resolves it here (musicbrainz), is written qualified,
            // as the catalog reader and pg_dump print it; a built-in one ("C", "en_US") as written
            QualifiedName own = st.resolve(parts, st.model.collations::containsKey);
            return st.model.collations.containsKey(own) ? Interpretation.displayName(own)
                    : Identifiers.quote(parts.get(0));
        }
        QualifiedName q = QualifiedName.of(parts.get(0), parts.get(1));
        return Interpretation.displayName(q);
    }

    /** A table constraint: {@code [CONSTRAINT name] PRIMARY KEY (...) | UNIQUE | CHECK | FOREIGN KEY | EXCLUDE}. */
    ConstraintSpec tableConstraint(Cursor c, QualifiedName table) {
        ConstraintSpec spec = new ConstraintSpec();
        if (c.accept("constraint")) {
            spec.name = c.identifier();
        }
        if (c.accept("foreign", "key")) {
            spec.kind = Constraint.Kind.FOREIGN_KEY;
            spec.columns.addAll(names(c.parenthesized()));
            c.expect("references");
            references(c, spec);
        } else if (c.accept("exclude")) {
            spec.kind = Constraint.Kind.EXCLUSION;
            String method = c.accept("using") ? c.identifier() : "btree";
            List<Token> elements = c.parenthesized();
            StringBuilder sb = new StringBuilder("EXCLUDE USING ").append(method).append(" (")
                    .append(SqlText.render(elements)).append(')');
            for (List<Token> el : Cursor.splitCommas(elements)) {
                if (!el.isEmpty() && el.get(0).isIdentifier() && (el.size() == 1 || !el.get(1).isPunct("("))) {
                    spec.columns.add(el.get(0).value());
                }
            }
            indexParameters(c, spec);
            if (c.accept("where")) {
                List<Token> pred = c.parenthesized();
                sb.append(" WHERE (").append(ex.expr(pred)).append(')');
            }
            spec.exclusion = sb.toString();
        } else {
            constraintBody(c, spec, table);
        }
        while (!c.atEnd()) {
            if (c.accept("not", "valid")) {
                spec.notValid = true;
            } else if (c.accept("deferrable")) {
                spec.deferrable = true;
            } else if (c.accept("not", "deferrable")) {
                spec.deferrable = false;
            } else if (c.accept("initially", "deferred")) {
                spec.initiallyDeferred = true;
                spec.deferrable = true;
            } else if (c.accept("initially", "immediate")) {
                spec.initiallyDeferred = false;
            } else if (c.accept("no", "inherit")) {
                spec.noInherit = true;
            } else {
                break;
            }
        }
        return spec;
    }

    /** PRIMARY KEY / UNIQUE / CHECK with what follows, for a column or table constraint. */
    private void constraintBody(Cursor c, ConstraintSpec spec, QualifiedName table) {
        if (c.accept("primary", "key")) {
            spec.kind = Constraint.Kind.PRIMARY_KEY;
        } else if (c.accept("unique")) {
            spec.kind = Constraint.Kind.UNIQUE;
            if (c.accept("nulls", "not", "distinct")) {
                spec.nullsNotDistinct = true;
            } else {
                c.accept("nulls", "distinct");
            }
        } else if (c.accept("check")) {
            spec.kind = Constraint.Kind.CHECK;
            spec.checkExpression = ex.expr(c.parenthesized());
            if (c.accept("no", "inherit")) {
                spec.noInherit = true;
            }
            return;
        } else {
            throw new UnsupportedDdl("unknown constraint " + c.describeNext());
        }
        if (c.is("(")) {
            spec.columns.addAll(names(c.parenthesized()));
        } else if (c.accept("using", "index")) {
            if (c.accept("tablespace")) {
                c.identifier();
                indexParameters(c, spec);
            } else {
                spec.usingIndex = c.identifier();
            }
        }
        indexParameters(c, spec);
    }

    private void indexParameters(Cursor c, ConstraintSpec spec) {
        while (true) {
            if (c.accept("include")) {
                spec.include.addAll(names(c.parenthesized()));
            } else if (c.is("with", "(")) {
                c.next();
                c.parenthesized();
            } else if (c.accept("using", "index", "tablespace")) {
                c.identifier();
            } else {
                return;
            }
        }
    }

    private void references(Cursor c, ConstraintSpec spec) {
        spec.references = st.tableName(c.dottedName());
        if (c.is("(")) {
            spec.referencedColumns.addAll(names(c.parenthesized()));
        }
        while (!c.atEnd()) {
            if (c.accept("match")) {
                String m = c.identifier();
                spec.match = m.equals("simple") ? null : m.toUpperCase(Locale.ROOT);
            } else if (c.accept("on", "delete")) {
                spec.onDelete = referentialAction(c);
            } else if (c.accept("on", "update")) {
                spec.onUpdate = referentialAction(c);
            } else {
                return;
            }
        }
    }

    /** {@code ALWAYS | BY DEFAULT}, after {@code GENERATED}. */
    private static Column.Identity identityKind(Cursor c) {
        if (c.accept("always")) {
            return Column.Identity.ALWAYS;
        }
        c.expect("by", "default");
        return Column.Identity.BY_DEFAULT;
    }

    /** {@code ALWAYS | BY DEFAULT AS IDENTITY [(sequence options)]}, after {@code GENERATED}: the column with them. */
    private static Column identityClause(Cursor c, Column col) {
        Column.Identity identity = identityKind(c);
        c.expect("as", "identity");
        IdentityOptions options = c.is("(") ? IdentitySequenceOptions.create(new Cursor(c.parenthesized()), col.type())
                : null;
        return col.withIdentity(identity).withIdentityOptions(options);
    }

    private static String referentialAction(Cursor c) {
        String action;
        if (c.accept("no", "action")) {
            return null;
        } else if (c.accept("restrict")) {
            action = "RESTRICT";
        } else if (c.accept("cascade")) {
            action = "CASCADE";
        } else if (c.accept("set", "null")) {
            action = "SET NULL";
        } else if (c.accept("set", "default")) {
            action = "SET DEFAULT";
        } else {
            throw new UnsupportedDdl("unknown referential action " + c.describeNext());
        }
        if (c.is("(")) {
            action += " (" + String.join(", ", names(c.parenthesized()).stream().map(Identifiers::quote).toList()) + ")";
        }
        return action;
    }

    static List<String> names(List<Token> tokens) {
        List<String> out = new ArrayList<>();
        for (List<Token> part : Cursor.splitCommas(tokens)) {
            if (part.size() != 1 || !part.get(0).isIdentifier()) {
                throw new UnsupportedDdl("expected a column name, found " + SqlText.render(part));
            }
            out.add(part.get(0).value());
        }
        return out;
    }

    // ================================================================== constraints into the model

    /** Names the constraint as PostgreSQL would, fills in the referenced key, and stores it on the table. */
    void addConstraint(QualifiedName tableName, ConstraintSpec spec, boolean recurse) {
        Table table = st.table(tableName);
        if (spec.usingIndex != null) {
            QualifiedName idxName = QualifiedName.of(tableName.schema(), spec.usingIndex);
            Index idx = table.indexes().get(spec.usingIndex);
            if (idx == null && !st.tolerant) {
                throw new ObjectStateError("index " + idxName + " does not exist on " + tableName);
            }
            if (idx != null) {
                spec.columns.addAll(idx.keys());
                spec.include.addAll(idx.include());
                Map<String, Index> indexes = new TreeMap<>(table.indexes());
                indexes.remove(spec.usingIndex);
                table = table.withIndexes(indexes);
                st.put(table);
                st.touch(new ObjectRef(ObjectRef.Kind.INDEX, idxName.toString()), TouchedObject.Action.ALTER);
            }
            if (spec.name == null) {
                spec.name = spec.usingIndex;
            }
        }
        String name = spec.name != null ? spec.name : defaultName(table, spec);
        String definition;
        List<String> refColumns = spec.referencedColumns;
        switch (spec.kind) {
            case PRIMARY_KEY -> definition = "PRIMARY KEY (" + quotedList(spec.columns) + ")" + include(spec);
            case UNIQUE -> definition = "UNIQUE " + (spec.nullsNotDistinct ? "NULLS NOT DISTINCT " : "") + "("
                    + quotedList(spec.columns) + ")" + include(spec);
            case CHECK -> definition = Expressions.checkDefinition(spec.checkExpression)
                    + (spec.noInherit ? " NO INHERIT" : "");
            case FOREIGN_KEY -> {
                if (refColumns.isEmpty()) {
                    Table target = spec.references.equals(tableName) ? table : st.model.tables.get(spec.references);
                    if (target != null) {
                        refColumns = target.constraints().values().stream()
                                .filter(x -> x.kind() == Constraint.Kind.PRIMARY_KEY).findFirst()
                                .map(Constraint::columns).orElse(List.of());
                    }
                    if (refColumns.isEmpty() && !st.tolerant) {
                        throw new ObjectStateError("there is no primary key for referenced table " + spec.references);
                    }
                }
                StringBuilder sb = new StringBuilder("FOREIGN KEY (").append(quotedList(spec.columns))
                        .append(") REFERENCES ").append(spec.references).append('(').append(quotedList(refColumns))
                        .append(')');
                if (spec.match != null) {
                    sb.append(" MATCH ").append(spec.match);
                }
                if (spec.onUpdate != null) {
                    sb.append(" ON UPDATE ").append(spec.onUpdate);
                }
                if (spec.onDelete != null) {
                    sb.append(" ON DELETE ").append(spec.onDelete);
                }
                definition = sb.toString();
                st.touch(ObjectRef.table(spec.references), TouchedObject.Action.ALTER);
            }
            case EXCLUSION -> definition = spec.exclusion;
            default -> throw new UnsupportedDdl("constraint kind " + spec.kind);
        }
        List<String> columns = spec.kind == Constraint.Kind.CHECK ? checkColumns(table, spec.checkExpression)
                : spec.columns;
        Constraint con = new Constraint(name, spec.kind, definition, columns,
                spec.kind == Constraint.Kind.FOREIGN_KEY ? spec.references : null, refColumns, spec.deferrable,
                spec.initiallyDeferred, spec.notValid);
        if (table.constraints().containsKey(name) && !st.tolerant) {
            throw new ObjectStateError("constraint " + Identifiers.quote(name) + " for relation " + tableName
                    + " already exists");
        }
        Map<String, Constraint> cons = new TreeMap<>(table.constraints());
        cons.put(name, con);
        table = table.withConstraints(cons);
        if (spec.kind == Constraint.Kind.PRIMARY_KEY) {
            List<Column> cols = new ArrayList<>();
            for (Column col : table.columns()) {
                cols.add(spec.columns.contains(col.name()) ? col.withNotNull(true) : col);
            }
            table = table.withColumns(cols);
        }
        st.put(table);
        st.touch(constraintRef(tableName, name), TouchedObject.Action.CREATE);
        if (recurse) {
            for (Table child : st.childrenOf(tableName)) {
                if (tableName.equals(child.partitionOf())) {
                    clonePartitionObjects(st.table(tableName), child.name());
                } else if (child.inherits().contains(tableName) && spec.kind == Constraint.Kind.CHECK
                        && !spec.noInherit) {
                    copyInheritedChecks(st.table(tableName), child.name());
                }
            }
        }
    }

    static ObjectRef constraintRef(QualifiedName table, String name) {
        return new ObjectRef(ObjectRef.Kind.CONSTRAINT, table + "." + Identifiers.quote(name));
    }

    private static String include(ConstraintSpec spec) {
        return spec.include.isEmpty() ? "" : " INCLUDE (" + quotedList(spec.include) + ")";
    }

    static String quotedList(List<String> names) {
        return String.join(", ", names.stream().map(Identifiers::quote).toList());
    }

    private String defaultName(Table table, ConstraintSpec spec) {
        QualifiedName t = table.name();
        return switch (spec.kind) {
            case PRIMARY_KEY -> PgNames.choose(t.name(), null, "pkey",
                    x -> st.relationExists(QualifiedName.of(t.schema(), x)));
            case UNIQUE -> PgNames.choose(t.name(), PgNames.columnsAddition(spec.columns), "key",
                    x -> st.relationExists(QualifiedName.of(t.schema(), x)));
            case EXCLUSION -> PgNames.choose(t.name(), PgNames.columnsAddition(spec.columns), "excl",
                    x -> st.relationExists(QualifiedName.of(t.schema(), x)));
            case FOREIGN_KEY -> PgNames.choose(t.name(), PgNames.columnsAddition(spec.columns), "fkey",
                    x -> st.constraintNameUsed(t.schema(), x));
            case CHECK -> {
                List<String> cols = checkColumns(table, spec.checkExpression);
                yield PgNames.choose(t.name(), cols.size() == 1 ? cols.get(0) : null, "check",
                        x -> st.constraintNameUsed(t.schema(), x));
            }
            default -> throw new UnsupportedDdl("constraint kind " + spec.kind);
        };
    }

    /** The distinct columns of the table a CHECK expression mentions (names not followed by "("), in order. */
    static List<String> checkColumns(Table table, String expression) {
        List<String> out = new ArrayList<>();
        List<Token> tokens = Token.tokenize(expression);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isPunct("(");
            boolean member = i > 0 && tokens.get(i - 1).isPunct(".");
            boolean cast = i > 0 && tokens.get(i - 1).isPunct("::");
            if (t.isIdentifier() && !call && !member && !cast && table.column(t.value()).isPresent()
                    && !out.contains(t.value())) {
                out.add(t.value());
            }
        }
        return out;
    }

    // ================================================================== ALTER TABLE

    void alter(Cursor c) {
        boolean ifExists = c.accept("if", "exists");
        boolean only = c.accept("only");
        QualifiedName name = st.relationName(c.dottedName());
        c.accept("*");
        if (!st.model.tables.containsKey(name) && (st.model.views.containsKey(name)
                || st.model.sequences.containsKey(name) || st.findIndex(name).isPresent())) {
            otherRelation(c, name);
            return;
        }
        if (ifExists && !st.model.tables.containsKey(name) && !st.tolerant) {
            st.note("IF EXISTS: table " + name + " does not exist, statement skipped as PostgreSQL would");
            return;
        }
        if (c.accept("rename")) {
            st.touch(ObjectRef.table(name), TouchedObject.Action.ALTER);
            rename(c, name);
            return;
        }
        if (c.accept("set", "schema")) {
            String schema = c.identifier();
            st.touch(ObjectRef.table(name), TouchedObject.Action.RENAME);
            st.ensureSchema(schema);
            renamesAndDrops.renameRelation(name, QualifiedName.of(schema, name.name()));
            return;
        }
        if (c.is("attach", "partition") || c.is("detach", "partition")) {
            st.touch(ObjectRef.table(name), TouchedObject.Action.ALTER);
            partitionAction(c, name);
            return;
        }
        st.touch(ObjectRef.table(name), TouchedObject.Action.ALTER);
        st.table(name);
        for (List<Token> action : Cursor.splitCommas(c.rest())) {
            alterAction(new Cursor(action), name, !only);
        }
    }

    /** ALTER TABLE used on a view, sequence or index, as pg_dump does for OWNER TO. */
    private void otherRelation(Cursor c, QualifiedName name) {
        if (c.accept("owner", "to")) {
            String owner = c.identifier();
            var v = st.model.views.get(name);
            if (v != null) {
                st.touch(Interpretation.ref(v.materialized() ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW,
                        name), TouchedObject.Action.ALTER);
                st.putView(new dev.confiture.model.schema.View(name, v.materialized(), v.columnNames(),
                        v.query(), v.checkOption(), v.options(), v.dependsOn(), v.indexes(), owner));
            }
            Sequence s = st.model.sequences.get(name);
            if (s != null) {
                st.touch(Interpretation.ref(ObjectRef.Kind.SEQUENCE, name), TouchedObject.Action.ALTER);
                st.model.sequences.put(name, new Sequence(name, s.dataType(), s.start(), s.increment(), s.minValue(),
                        s.maxValue(), s.cache(), s.cycle(), s.ownedBy(), owner));
            }
        } else if (c.accept("rename", "to")) {
            renamesAndDrops.renameRelation(name, QualifiedName.of(name.schema(), c.identifier()));
        } else if (c.accept("set", "schema")) {
            renamesAndDrops.renameRelation(name, QualifiedName.of(c.identifier(), name.name()));
        } else if (st.findIndex(name).isPresent() && StorageParameters.at(c)) {
            StorageParameters.alter(st, ObjectRef.Kind.INDEX, name, c);
        } else if (c.is("alter") || c.is("set") || c.is("reset") || c.is("cluster")) {
            c.rest();
        } else {
            throw new UnsupportedDdl("ALTER TABLE " + c.describeNext() + " on " + name + ", which is not a table");
        }
    }

    private void partitionAction(Cursor c, QualifiedName parent) {
        if (c.accept("attach", "partition")) {
            QualifiedName child = st.tableName(c.dottedName());
            String bound = partitionBound(c);
            Table t = st.table(child);
            st.put(new Table(t.name(), t.columns(), t.constraints(), t.indexes(), t.triggers(), t.policies(),
                    t.unlogged(), t.partitionBy(), parent, bound, t.inherits(), t.rowSecurity(),
                    t.forceRowSecurity(), t.owner(), t.inheritedOnly()));
            st.touch(ObjectRef.table(child), TouchedObject.Action.ALTER);
            clonePartitionObjects(st.table(parent), child);
        } else {
            c.expect("detach", "partition");
            QualifiedName child = st.tableName(c.dottedName());
            Table t = st.table(child);
            st.put(new Table(t.name(), t.columns(), t.constraints(), t.indexes(), t.triggers(), t.policies(),
                    t.unlogged(), t.partitionBy(), null, null, t.inherits(), t.rowSecurity(),
                    t.forceRowSecurity(), t.owner(), t.inheritedOnly()));
            st.touch(ObjectRef.table(child), TouchedObject.Action.ALTER);
        }
    }

    private void rename(Cursor c, QualifiedName table) {
        if (c.accept("to")) {
            String newName = c.identifier();
            st.touch(ObjectRef.table(table), TouchedObject.Action.RENAME);
            renamesAndDrops.renameRelation(table, QualifiedName.of(table.schema(), newName));
        } else if (c.accept("constraint")) {
            String from = c.identifier();
            c.expect("to");
            String to = c.identifier();
            st.touch(constraintRef(table, from), TouchedObject.Action.RENAME);
            renamesAndDrops.renameConstraint(table, from, to);
        } else {
            c.accept("column");
            String from = c.identifier();
            c.expect("to");
            String to = c.identifier();
            st.touch(ObjectRef.column(table, from), TouchedObject.Action.RENAME);
            renamesAndDrops.renameColumn(table, from, to);
        }
        c.expectEnd();
    }

    private void alterAction(Cursor c, QualifiedName name, boolean recurse) {
        if (c.accept("add")) {
            if (c.is("constraint") || c.is("primary", "key") || c.is("unique") || c.is("check")
                    || c.is("foreign", "key") || c.is("exclude")) {
                ConstraintSpec spec = tableConstraint(c, name);
                c.expectEnd();
                addConstraint(name, spec, recurse);
                return;
            }
            c.accept("column");
            boolean ifNotExists = c.accept("if", "not", "exists");
            int p = c.position();
            String colName = c.identifier();
            c.reset(p);
            if (st.table(name).column(colName).isPresent()) {
                if (ifNotExists) {
                    st.note("IF NOT EXISTS: column " + colName + " already exists, skipped");
                    return;
                }
                if (!st.tolerant) {
                    throw new ObjectStateError("column " + Identifiers.quote(colName) + " of relation " + name
                            + " already exists");
                }
            }
            List<ConstraintSpec> specs = new ArrayList<>();
            Column col = columnDefinition(c, name, specs);
            st.touch(ObjectRef.column(name, col.name()), TouchedObject.Action.CREATE);
            addColumnRecursively(name, col, recurse);
            for (ConstraintSpec spec : specs) {
                addConstraint(name, spec, recurse);
            }
            return;
        }
        if (c.accept("drop")) {
            if (c.accept("constraint")) {
                boolean ifExists = c.accept("if", "exists");
                String con = c.identifier();
                boolean cascade = c.accept("cascade");
                c.accept("restrict");
                st.touch(constraintRef(name, con), TouchedObject.Action.DROP);
                renamesAndDrops.dropConstraint(name, con, ifExists, cascade, recurse);
                return;
            }
            c.accept("column");
            boolean ifExists = c.accept("if", "exists");
            String col = c.identifier();
            boolean cascade = c.accept("cascade");
            c.accept("restrict");
            st.touch(ObjectRef.column(name, col), TouchedObject.Action.DROP);
            Table t = st.table(name);
            if (t.column(col).isPresent() && aParentHas(t, col, null)) {
                if (t.inheritedOnly(col) && !st.tolerant) {
                    throw new ObjectStateError("cannot drop inherited column " + Identifiers.quote(col));
                }
                markInheritedOnly(name, col, true); // the child's own copy goes, the inherited one stays
                return;
            }
            renamesAndDrops.dropColumn(name, col, ifExists, cascade);
            for (Table child : st.childrenOf(name)) {
                // a parent's drop takes the columns its INHERITS children have only from it (their own stay, and
                // with ONLY those become their own); one another parent still gives stays inherited
                if (child.inherits().contains(name) && child.inheritedOnly(col) && !aParentHas(child, col, name)) {
                    if (recurse) {
                        renamesAndDrops.dropColumn(child.name(), col, true, cascade);
                    }
                    markInheritedOnly(child.name(), col, false);
                }
            }
            return;
        }
        if (c.accept("alter")) {
            if (c.accept("constraint")) {
                String con = c.identifier();
                st.touch(constraintRef(name, con), TouchedObject.Action.ALTER);
                ConstraintSpec spec = new ConstraintSpec();
                Constraint existing = st.table(name).constraints().get(con);
                if (existing == null) {
                    throw new ObjectStateError("constraint " + con + " of " + name + " does not exist");
                }
                spec.deferrable = existing.deferrable();
                spec.initiallyDeferred = existing.initiallyDeferred();
                while (!c.atEnd()) {
                    if (c.accept("deferrable")) {
                        spec.deferrable = true;
                    } else if (c.accept("not", "deferrable")) {
                        spec.deferrable = false;
                        spec.initiallyDeferred = false;
                    } else if (c.accept("initially", "deferred")) {
                        spec.initiallyDeferred = true;
                    } else if (c.accept("initially", "immediate")) {
                        spec.initiallyDeferred = false;
                    } else {
                        throw new UnsupportedDdl("unexpected " + c.describeNext() + " in ALTER CONSTRAINT");
                    }
                }
                replaceConstraint(name, new Constraint(existing.name(), existing.kind(), existing.definition(),
                        existing.columns(), existing.references(), existing.referencedColumns(), spec.deferrable,
                        spec.initiallyDeferred, existing.notValid()));
                return;
            }
            c.accept("column");
            alterColumn(c, name, recurse);
            return;
        }
        if (c.accept("validate", "constraint")) {
            String con = c.identifier();
            st.touch(constraintRef(name, con), TouchedObject.Action.ALTER);
            Constraint existing = st.table(name).constraints().get(con);
            if (existing == null) {
                if (st.tolerant) {
                    return;
                }
                throw new ObjectStateError("constraint " + con + " of " + name + " does not exist");
            }
            replaceConstraint(name, new Constraint(existing.name(), existing.kind(), existing.definition(),
                    existing.columns(), existing.references(), existing.referencedColumns(), existing.deferrable(),
                    existing.initiallyDeferred(), false));
            return;
        }
        if (c.accept("owner", "to")) {
            String owner = c.identifier();
            st.put(st.table(name).withOwner(owner));
            renamesAndDrops.ownOwnedSequences(name, owner);
            return;
        }
        Table t = st.table(name);
        if (c.accept("enable", "row", "level", "security")) {
            st.put(t.withRowSecurity(true, t.forceRowSecurity()));
        } else if (c.accept("disable", "row", "level", "security")) {
            st.put(t.withRowSecurity(false, t.forceRowSecurity()));
        } else if (c.accept("force", "row", "level", "security")) {
            st.put(t.withRowSecurity(t.rowSecurity(), true));
        } else if (c.accept("no", "force", "row", "level", "security")) {
            st.put(t.withRowSecurity(t.rowSecurity(), false));
        } else if (c.accept("set", "logged")) {
            st.put(t.withUnlogged(false));
        } else if (c.accept("set", "unlogged")) {
            st.put(t.withUnlogged(true));
        } else if (c.accept("inherit")) {
            QualifiedName parent = st.tableName(c.dottedName());
            List<QualifiedName> inh = new ArrayList<>(t.inherits());
            inh.add(parent);
            st.put(withInherits(t, inh));
            copyInheritedChecks(st.table(parent), name);
        } else if (c.accept("no", "inherit")) {
            QualifiedName parent = st.tableName(c.dottedName());
            List<QualifiedName> inh = new ArrayList<>(t.inherits());
            inh.remove(parent);
            Table without = withInherits(t, inh);
            // what the child had from that parent only becomes its own
            java.util.Set<String> still = new java.util.TreeSet<>(t.inheritedOnly());
            still.removeIf(col -> !aParentHas(without, col, null));
            st.put(without.withInheritedOnly(still));
        } else if (c.is("enable") || c.is("disable")) {
            boolean enable = c.accept("enable");
            if (!enable) {
                c.expect("disable");
            }
            char state = enable ? 'O' : 'D';
            if (c.accept("replica")) {
                state = 'R';
            } else if (c.accept("always")) {
                state = 'A';
            }
            if (c.accept("trigger")) {
                renamesAndDrops.setTriggerState(name, c.identifier(), state);
            } else if (c.accept("rule")) {
                st.note("rules are not part of the model");
            } else {
                throw new UnsupportedDdl("unexpected " + c.describeNext() + " after ENABLE/DISABLE");
            }
        } else if (c.accept("cluster", "on")) {
            ClusterMarks.set(st, name, c.identifier());
        } else if (c.accept("set", "without", "cluster")) {
            ClusterMarks.clear(st, name);
        } else if (StorageParameters.at(c)) {
            StorageParameters.alter(st, ObjectRef.Kind.TABLE, name, c);
        } else if (c.accept("replica", "identity")) {
            ReplicaIdentity.alter(st, name, c);
        } else if (c.is("of") || c.is("not", "of")) {
            TypedTable.alter(st, name, c); // as a diff writes a typed table
        } else if (c.accept("set", "tablespace") || c.accept("set", "access", "method")
                || c.accept("set", "with", "oids") || c.accept("set", "without", "oids")) {
            c.rest();  // physical or replication settings: not part of the schema model
        } else {
            throw new UnsupportedDdl("ALTER TABLE action " + c.describeNext() + " is not supported");
        }
    }

    private static Table withInherits(Table t, List<QualifiedName> inherits) {
        return new Table(t.name(), t.columns(), t.constraints(), t.indexes(), t.triggers(), t.policies(),
                t.unlogged(), t.partitionBy(), t.partitionOf(), t.partitionBound(), inherits, t.rowSecurity(),
                t.forceRowSecurity(), t.owner(), t.inheritedOnly());
    }

    private void addColumnRecursively(QualifiedName name, Column col, boolean recurse) {
        Table t = st.table(name);
        List<Column> cols = new ArrayList<>(t.columns());
        cols.removeIf(x -> x.name().equals(col.name()));
        cols.add(col);
        st.put(t.withColumns(cols));
        if (recurse) {
            for (Table child : st.childrenOf(name)) {
                if (name.equals(child.partitionOf()) || child.inherits().contains(name)) {
                    if (child.column(col.name()).isEmpty()) {
                        addColumnRecursively(child.name(), new Column(col.name(), col.type(), col.collation(),
                                col.notNull(), col.identity() == null ? col.defaultExpression() : null, null,
                                col.generatedExpression()), true);
                        if (child.inherits().contains(name)) {
                            markInheritedOnly(child.name(), col.name(), true);
                        }
                    } // else PostgreSQL merges it into the child's own column, which stays the child's own

                }
            }
        }
    }

    /** Marks (or unmarks) a column an INHERITS child has only from its parents ({@link Table#inheritedOnly()}). */
    private void markInheritedOnly(QualifiedName table, String column, boolean only) {
        Table t = st.table(table);
        java.util.Set<String> set = new java.util.TreeSet<>(t.inheritedOnly());
        if (only ? set.add(column) : set.remove(column)) {
            st.put(t.withInheritedOnly(set));
        }
    }

    /** Whether a parent of {@code t} (other than {@code except}) has {@code column}. */
    private boolean aParentHas(Table t, String column, QualifiedName except) {
        return t.inherits().stream().filter(p -> !p.equals(except)).map(st.model.tables::get)
                .anyMatch(p -> p != null && p.column(column).isPresent());
    }

    void replaceConstraint(QualifiedName table, Constraint con) {
        Table t = st.table(table);
        Map<String, Constraint> cons = new TreeMap<>(t.constraints());
        cons.put(con.name(), con);
        st.put(t.withConstraints(cons));
    }

    private void alterColumn(Cursor c, QualifiedName name, boolean recurse) {
        String colName = c.identifier();
        st.touch(ObjectRef.column(name, colName), TouchedObject.Action.ALTER);
        Table t = st.table(name);
        Column col = t.column(colName).orElse(null);
        if (col == null) {
            if (!st.tolerant) {
                throw new ObjectStateError("column " + Identifiers.quote(colName) + " of relation " + name
                        + " does not exist");
            }
            col = new Column(colName, "unknown", null, false, null, null, null);
            List<Column> cols = new ArrayList<>(t.columns());
            cols.add(col);
            st.put(t.withColumns(cols));
        }
        Column updated;
        if (c.accept("type") || c.accept("set", "data", "type")) {
            List<Token> typeTokens = c.untilAny("collate", "using");
            updated = col.withType(ex.type(typeTokens));
            if (c.accept("collate")) {
                updated = updated.withCollation(collation(c.dottedName()));
            }
            if (c.accept("using")) {
                c.rest();
            }
        } else if (c.accept("set", "default")) {
            updated = col.withDefault(ex.expr(c.rest()));
        } else if (c.accept("drop", "default")) {
            updated = col.withDefault(null);
        } else if (c.accept("set", "not", "null")) {
            updated = col.withNotNull(true);
        } else if (c.accept("drop", "not", "null")) {
            updated = col.withNotNull(false);
        } else if (c.accept("add", "generated")) {
            updated = identityClause(c, col).withNotNull(true);
        } else if (c.accept("set", "generated")) {
            updated = col.withIdentity(identityKind(c));
            if (!c.atEnd()) { // SET GENERATED ALWAYS SET INCREMENT BY 2 ...
                updated = updated.withIdentityOptions(IdentitySequenceOptions.alter(c, col.type(), col.identityOptions()));
            }
        } else if (c.accept("drop", "identity")) {
            c.accept("if", "exists");
            updated = col.withIdentity(null);
        } else if (c.accept("drop", "expression")) {
            c.accept("if", "exists");
            updated = col.withGenerated(null);
        } else if (IdentitySequenceOptions.isAlteration(c)) {
            updated = col.withIdentityOptions(IdentitySequenceOptions.alter(c, col.type(), col.identityOptions()));
        } else if (c.accept("set", "statistics") || c.accept("set", "storage") || c.accept("set", "compression")
                || c.is("set", "(") || c.is("reset", "(")) {
            c.rest();  // physical settings: not in the model
            return;
        } else {
            throw new UnsupportedDdl("ALTER COLUMN action " + c.describeNext() + " is not supported");
        }
        c.expectEnd();
        replaceColumn(name, updated, recurse);
    }

    void replaceColumn(QualifiedName name, Column updated, boolean recurse) {
        Table t = st.table(name);
        List<Column> cols = new ArrayList<>();
        for (Column x : t.columns()) {
            cols.add(x.name().equals(updated.name()) ? updated : x);
        }
        st.put(t.withColumns(cols));
        if (recurse) {
            for (Table child : st.childrenOf(name)) {
                if ((name.equals(child.partitionOf()) || child.inherits().contains(name))
                        && child.column(updated.name()).isPresent()) {
                    Column cc = child.column(updated.name()).get();
                    replaceColumn(child.name(), new Column(cc.name(), updated.type(), updated.collation(),
                            updated.notNull(), updated.defaultExpression(), cc.identity(), cc.generatedExpression()),
                            true);
                }
            }
        }
    }

    static Map<String, Column> byName(List<Column> cols) {
        Map<String, Column> m = new LinkedHashMap<>();
        for (Column c : cols) {
            m.put(c.name(), c);
        }
        return m;
    }
}
