package dev.confiture.sql.ddl;

import static dev.confiture.sql.ddl.Interpretation.ref;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.CompositeType;
import dev.confiture.model.schema.Domain;
import dev.confiture.model.schema.EnumType;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Table;
import java.util.ArrayList;
import java.util.List;

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
            throw new UnsupportedDdl("range types are not in the model");
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
        return st.model.enums.containsKey(q) || st.model.composites.containsKey(q) || st.model.domains.containsKey(q);
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
