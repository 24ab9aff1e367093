package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** CREATE INDEX. Keys are kept as written in {@link SqlText} form, one pair of outer parentheses removed, default ordering words dropped. */
final class IndexDdl {

    private static final Set<String> ORDER_WORDS = Set.of("asc", "desc", "nulls", "first", "last");

    private final Interpretation st;
    private final Expressions ex;
    private final TableDdl tables;

    IndexDdl(Interpretation st, TableDdl tables) {
        this.st = st;
        this.ex = new Expressions(st);
        this.tables = tables;
    }

    void create(Cursor c, boolean unique) {
        c.accept("concurrently");
        boolean ifNotExists = c.accept("if", "not", "exists");
        String name = null;
        if (!c.is("on")) {
            name = c.identifier();
        }
        c.expect("on");
        boolean only = c.accept("only");
        QualifiedName table = st.relationName(c.dottedName());
        String method = "btree";
        if (c.accept("using")) {
            method = c.identifier();
        }
        List<String> keys = new ArrayList<>();
        for (List<Token> key : Cursor.splitCommas(c.parenthesized())) {
            keys.add(key(key));
        }
        List<String> include = new ArrayList<>();
        boolean nullsNotDistinct = false;
        String tablespace = null;
        String predicate = null;
        java.util.Map<String, String> storage = java.util.Map.of();
        while (!c.atEnd()) {
            if (c.accept("include")) {
                include.addAll(TableDdl.names(c.parenthesized()));
            } else if (c.accept("nulls", "not", "distinct")) {
                nullsNotDistinct = true;
            } else if (c.accept("nulls", "distinct")) {
                nullsNotDistinct = false;
            } else if (c.accept("with")) {
                storage = StorageParameters.parse(c.parenthesized());
            } else if (c.accept("tablespace")) {
                tablespace = c.identifier();
            } else if (c.accept("where")) {
                predicate = Expressions.unwrap(ex.expr(c.rest()));
            } else {
                throw new UnsupportedDdl("unexpected " + c.describeNext() + " in CREATE INDEX");
            }
        }
        if (name == null) {
            name = PgNames.choose(table.name(), nameAddition(keys), "idx",
                    x -> st.relationExists(QualifiedName.of(table.schema(), x)));
        }
        QualifiedName qn = QualifiedName.of(table.schema(), name);
        st.touch(new ObjectRef(ObjectRef.Kind.INDEX, qn.toString()), TouchedObject.Action.CREATE);
        Index index = new Index(qn, table, unique, method, keys, include, predicate, nullsNotDistinct, tablespace);
        if (st.relationExists(qn)) {
            if (ifNotExists) {
                st.note("IF NOT EXISTS: relation " + qn + " already exists, skipped");
                return;
            }
            if (!st.tolerant) {
                throw new ObjectStateError("relation " + qn + " already exists");
            }
        }
        View view = st.model.views.get(table);
        if (view != null) {
            st.touch(new ObjectRef(ObjectRef.Kind.MATERIALIZED_VIEW, table.toString()), TouchedObject.Action.ALTER);
            TreeMap<String, Index> idx = new TreeMap<>(view.indexes());
            idx.put(name, index);
            st.putView(new View(view.name(), view.materialized(), view.columnNames(), view.query(),
                    view.checkOption(), view.options(), view.dependsOn(), idx, view.owner(), view.triggers()));
            return;
        }
        st.touch(ObjectRef.table(table), TouchedObject.Action.ALTER);
        Table t = st.table(table);
        TreeMap<String, Index> idx = new TreeMap<>(t.indexes());
        idx.put(name, index);
        st.put(t.withIndexes(idx));
        StorageParameters.put(st, ObjectRef.Kind.INDEX, qn, storage);
        if (!only) {
            for (Table child : st.childrenOf(table)) {
                if (table.equals(child.partitionOf())) {
                    tables.cloneIndexToPartition(index, child.name());
                }
            }
        }
    }

    private String key(List<Token> tokens) {
        int end = tokens.size();
        while (end > 1 && tokens.get(end - 1).type() == Token.Type.WORD
                && ORDER_WORDS.contains(tokens.get(end - 1).value())) {
            end--;
        }
        List<Token> keyTokens = tokens.subList(0, end);
        String base = keyTokens.size() == 1 && keyTokens.get(0).isIdentifier()
                ? dev.confiture.model.schema.Identifiers.quote(keyTokens.get(0).value()) : ex.expr(keyTokens);
        if (Expressions.fullyParenthesized(base)) {
            base = base.substring(1, base.length() - 1);
        }
        List<String> order = new ArrayList<>();
        for (Token t : tokens.subList(end, tokens.size())) {
            order.add(t.value());
        }
        String o = String.join(" ", order);
        // the defaults PostgreSQL does not print
        o = switch (o) {
            case "asc", "asc nulls last", "nulls last" -> "";
            case "desc nulls first" -> "desc";
            default -> o;
        };
        return o.isEmpty() ? base : base + " " + o.toUpperCase(Locale.ROOT);
    }

    /** The column part of an index name PostgreSQL makes up: column names, a function's name, or "expr". */
    static String nameAddition(List<String> keys) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            List<Token> t = Token.tokenize(k);
            if (t.isEmpty()) {
                continue;
            }
            if (t.get(0).isIdentifier() && (t.size() == 1 || !t.get(1).isPunct("(") && !t.get(1).isPunct("."))) {
                parts.add(t.get(0).value());
            } else if (t.get(0).isIdentifier() && t.size() > 1 && t.get(1).isPunct("(")) {
                parts.add(t.get(0).value());
            } else {
                parts.add("expr");
            }
        }
        return PgNames.columnsAddition(parts);
    }
}
