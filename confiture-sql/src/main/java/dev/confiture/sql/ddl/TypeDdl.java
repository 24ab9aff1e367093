package dev.confiture.sql.ddl;

import static dev.confiture.sql.ddl.Interpretation.ref;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.CompositeType;
import dev.confiture.model.schema.Domain;
import dev.confiture.model.schema.EnumType;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.OtherObject;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CREATE TYPE (enum, composite) and ALTER TYPE, including the renames that reach the columns using a type. */
final class TypeDdl {

    private final Interpretation st;
    private final Expressions ex;

    TypeDdl(Interpretation st) {
        this.st = st;
        this.ex = new Expressions(st);
    }

    void createType(Cursor c) {
        QualifiedName name = st.createName(c.dottedName());
        st.touch(ref(ObjectRef.Kind.TYPE, name), TouchedObject.Action.CREATE);
        if (!c.accept("as")) {
            throw new UnsupportedDdl("base and shell types (CREATE TYPE without AS) are not supported");
        }
        if (typeExists(name) && !st.tolerant) {
            throw new ObjectStateError("type " + name + " already exists");
        }
        st.ensureSchema(name.schema());
        if (c.accept("enum")) {
            List<String> labels = new ArrayList<>();
            List<Token> inside = c.parenthesized();
            if (!inside.isEmpty()) {
                for (List<Token> l : Cursor.splitCommas(inside)) {
                    labels.add(stringValue(l));
                }
            }
            st.model.enums.put(name, new EnumType(name, labels, null));
        } else if (c.accept("range")) {
            rangeType(name, c);
            return;
        } else {
            List<CompositeType.Attribute> attrs = new ArrayList<>();
            List<Token> inside = c.parenthesized();
            if (!inside.isEmpty()) {
                for (List<Token> a : Cursor.splitCommas(inside)) {
                    attrs.add(attribute(new Cursor(a)));
                }
            }
            st.model.composites.put(name, new CompositeType(name, attrs, null));
        }
        c.expectEnd();
    }

    /**
     * {@code CREATE TYPE r AS RANGE (subtype = ..., ...)}: kept whole, as an {@link OtherObject} of kind
     * {@code TYPE} (the model does not break a range type down; it is created before the tables that use
     * it, and dropped and created again when its definition changes). The multirange type and the
     * constructor functions PostgreSQL makes with it are not objects of their own. The definition is
     * written as pg_dump and the catalog reader write it (options in pg_dump's order, the subtype's
     * canonical name, the multirange name PostgreSQL gives, the schema's functions qualified), so that a
     * schema file and a migration generated from a database agree on it.
     */
    private void rangeType(QualifiedName name, Cursor c) {
        java.util.Map<String, List<Token>> options = new java.util.LinkedHashMap<>();
        for (List<Token> option : Cursor.splitCommas(c.parenthesized())) {
            Cursor oc = new Cursor(option);
            String key = oc.identifier().toLowerCase(java.util.Locale.ROOT);
            oc.expect("=");
            options.put(key, oc.rest());
        }
        c.expectEnd();
        if (!options.containsKey("subtype")) {
            throw new UnsupportedDdl("CREATE TYPE " + name + " AS RANGE needs subtype = ...");
        }
        List<String> parts = new ArrayList<>();
        parts.add("subtype = " + ex.type(options.remove("subtype")));
        List<Token> multirange = options.remove("multirange_type_name");
        parts.add("multirange_type_name = " + (multirange == null ? QualifiedName.of(name.schema(), multirangeName(name.name()))
                : st.createName(new Cursor(multirange).dottedName())));
        List<Token> opclass = options.remove("subtype_opclass");
        if (opclass != null) {
            parts.add("subtype_opclass = " + SqlText.render(opclass));
        }
        List<Token> collation = options.remove("collation");
        if (collation != null) {
            List<String> collationName = new Cursor(collation).dottedName();
            QualifiedName own = st.resolve(collationName, st.model.collations::containsKey);
            parts.add("collation = " + (st.model.collations.containsKey(own) ? own
                    : QualifiedName.of("pg_catalog", collationName.get(collationName.size() - 1))));
        }
        for (String key : List.of("canonical", "subtype_diff")) {
            List<Token> value = options.remove(key);
            if (value != null) {
                parts.add(key + " = " + function(new Cursor(value).dottedName()));
            }
        }
        if (!options.isEmpty()) {
            throw new UnsupportedDdl("CREATE TYPE " + name + " AS RANGE option " + options.keySet().iterator().next());
        }
        ObjectRef ref = ref(ObjectRef.Kind.TYPE, name);
        st.model.others.put(ref, new OtherObject(ref, OpaqueSql.canonical("CREATE TYPE " + name + " AS RANGE ("
                + String.join(", ", parts) + ")"), OpaqueSql.dropSql(ref), Set.of()));
    }

    /** PostgreSQL's name for a range type's multirange type: "range" becomes "multirange", or "_multirange" is added. */
    static String multirangeName(String rangeName) {
        int at = rangeName.indexOf("range");
        return at < 0 ? rangeName + "_multirange"
                : rangeName.substring(0, at) + "multirange" + rangeName.substring(at + "range".length());
    }

    /** A function as {@code ::regproc} prints it with search_path = pg_catalog: the schema's own qualified, built-ins bare. */
    private String function(List<String> parts) {
        QualifiedName q = st.resolve(parts, n -> st.model.routines.keySet().stream().anyMatch(r -> r.name().equals(n)));
        boolean own = st.model.routines.keySet().stream().anyMatch(r -> r.name().equals(q));
        return own ? q.toString() : Identifiers.quote(parts.get(parts.size() - 1));
    }

    /** A range type of the model (kept as an {@link OtherObject}, see {@link #rangeType}). */
    static boolean isRange(Interpretation st, QualifiedName name) {
        return st.model.others.containsKey(ref(ObjectRef.Kind.TYPE, name));
    }

    /** A range type of the model or the multirange type PostgreSQL made with one. */
    static boolean isRangeOrMultirange(Interpretation st, QualifiedName name) {
        if (isRange(st, name)) {
            return true;
        }
        String multirange = "multirange_type_name = " + name;
        return st.model.others.values().stream().anyMatch(o -> o.ref().kind() == ObjectRef.Kind.TYPE
                && (o.createSql().contains(multirange + ",") || o.createSql().contains(multirange + ")")));
    }

    private CompositeType.Attribute attribute(Cursor ac) {
        String an = ac.identifier();
        List<Token> typeTokens = ac.untilAny("collate");
        String collation = null;
        if (ac.accept("collate")) {
            collation = Identifiers.quote(ac.dottedName().get(0));
        }
        return new CompositeType.Attribute(an, ex.type(typeTokens), collation);
    }

    private boolean typeExists(QualifiedName q) {
        return st.model.enums.containsKey(q) || st.model.composites.containsKey(q) || st.model.domains.containsKey(q)
                || isRange(st, q);
    }

    static String stringValue(List<Token> tokens) {
        if (tokens.size() != 1 || !tokens.get(0).isStringLike()) {
            throw new UnsupportedDdl("expected a string literal, found " + SqlText.render(tokens));
        }
        return tokens.get(0).value();
    }

    void alterType(Cursor c) {
        QualifiedName name = st.typeName(c.dottedName());
        ObjectRef ref = ref(ObjectRef.Kind.TYPE, name);
        EnumType e = st.model.enums.get(name);
        CompositeType comp = st.model.composites.get(name);
        if (e == null && comp == null && isRange(st, name)) {
            st.touch(ref, TouchedObject.Action.ALTER);
            if (c.accept("owner", "to")) {
                c.identifier(); // owners of opaque objects are not kept
                c.expectEnd();
                return;
            }
            throw new UnsupportedDdl("ALTER TYPE " + c.describeNext() + " on the range type " + name
                    + " (write DROP TYPE and CREATE TYPE instead)");
        }
        if (e == null && comp == null && !st.tolerant) {
            throw new ObjectStateError("type " + name + " does not exist");
        }
        if (c.accept("add", "value")) {
            st.touch(ref, TouchedObject.Action.ALTER);
            boolean ifNotExists = c.accept("if", "not", "exists");
            String label = stringValue(List.of(c.next()));
            if (e == null) {
                e = new EnumType(name, List.of(), null);
            }
            List<String> labels = new ArrayList<>(e.labels());
            if (labels.contains(label)) {
                if (ifNotExists || st.tolerant) {
                    return;
                }
                throw new ObjectStateError("enum label '" + label + "' already exists in " + name);
            }
            if (c.accept("before")) {
                int i = labels.indexOf(stringValue(List.of(c.next())));
                labels.add(Math.max(i, 0), label);
            } else if (c.accept("after")) {
                int i = labels.indexOf(stringValue(List.of(c.next())));
                labels.add(i < 0 ? labels.size() : i + 1, label);
            } else {
                labels.add(label);
            }
            st.model.enums.put(name, new EnumType(name, labels, e.owner()));
        } else if (c.accept("rename", "value")) {
            st.touch(ref, TouchedObject.Action.ALTER);
            String from = stringValue(List.of(c.next()));
            c.expect("to");
            String to = stringValue(List.of(c.next()));
            if (e != null) {
                st.model.enums.put(name, new EnumType(name, e.labels().stream().map(x -> x.equals(from) ? to : x)
                        .toList(), e.owner()));
            }
        } else if (c.accept("owner", "to")) {
            st.touch(ref, TouchedObject.Action.ALTER);
            String owner = c.identifier();
            if (e != null) {
                st.model.enums.put(name, new EnumType(name, e.labels(), owner));
            } else if (comp != null) {
                st.model.composites.put(name, new CompositeType(name, comp.attributes(), owner));
            }
        } else if (c.accept("rename", "to")) {
            st.touch(ref, TouchedObject.Action.RENAME);
            renameType(name, QualifiedName.of(name.schema(), c.identifier()));
        } else if (c.accept("set", "schema")) {
            st.touch(ref, TouchedObject.Action.RENAME);
            renameType(name, QualifiedName.of(c.identifier(), name.name()));
        } else if (comp != null && (c.is("add", "attribute") || c.is("drop", "attribute")
                || c.is("alter", "attribute") || c.is("rename", "attribute"))) {
            st.touch(ref, TouchedObject.Action.ALTER);
            List<CompositeType.Attribute> attrs = new ArrayList<>(comp.attributes());
            if (c.accept("add", "attribute")) {
                attrs.add(attribute(new Cursor(c.until(x -> x.is("cascade") || x.is("restrict")))));
            } else if (c.accept("drop", "attribute")) {
                c.accept("if", "exists");
                String an = c.identifier();
                attrs.removeIf(a -> a.name().equals(an));
            } else if (c.accept("rename", "attribute")) {
                String from = c.identifier();
                c.expect("to");
                String to = c.identifier();
                attrs.replaceAll(a -> a.name().equals(from) ? new CompositeType.Attribute(to, a.type(), a.collation())
                        : a);
            } else {
                c.expect("alter", "attribute");
                String an = c.identifier();
                c.accept("set", "data");
                c.expect("type");
                String type = ex.type(c.until(x -> x.is("collate") || x.is("cascade") || x.is("restrict")));
                attrs.replaceAll(a -> a.name().equals(an) ? new CompositeType.Attribute(an, type, a.collation()) : a);
            }
            c.accept("cascade");
            c.accept("restrict");
            st.model.composites.put(name, new CompositeType(name, attrs, comp.owner()));
        } else {
            throw new UnsupportedDdl("ALTER TYPE " + c.describeNext() + " is not supported");
        }
    }

    /** Moves an enum/composite/domain and rewrites the columns, attributes and domains that use it. */
    void renameType(QualifiedName from, QualifiedName to) {
        EnumType e = st.model.enums.remove(from);
        if (e != null) {
            st.model.enums.put(to, new EnumType(to, e.labels(), e.owner()));
        }
        CompositeType comp = st.model.composites.remove(from);
        if (comp != null) {
            st.model.composites.put(to, new CompositeType(to, comp.attributes(), comp.owner()));
        }
        Domain d = st.model.domains.remove(from);
        if (d != null) {
            st.model.domains.put(to, new Domain(to, d.baseType(), d.collation(), d.defaultExpression(), d.notNull(),
                    d.checks(), d.owner()));
        }
        String oldName = Interpretation.displayName(from);
        String newName = Interpretation.displayName(to);
        for (Table t : List.copyOf(st.model.tables.values())) {
            List<Column> cols = new ArrayList<>();
            boolean changed = false;
            for (Column col : t.columns()) {
                String type = col.type();
                if (type.equals(oldName) || type.startsWith(oldName + "[")) {
                    cols.add(col.withType(newName + type.substring(oldName.length())));
                    changed = true;
                } else {
                    cols.add(col);
                }
            }
            if (changed) {
                st.put(t.withColumns(cols));
            }
        }
        ObjectRef.Kind kind = d != null ? ObjectRef.Kind.DOMAIN : ObjectRef.Kind.TYPE;
        st.model.comments.keySet().stream().filter(r -> r.kind() == kind && r.identity().equals(from.toString()))
                .findFirst().ifPresent(r -> st.model.comments.put(new ObjectRef(kind, to.toString()),
                        st.model.comments.remove(r)));
    }
}
