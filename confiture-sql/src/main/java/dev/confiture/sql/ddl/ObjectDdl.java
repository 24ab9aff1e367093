package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Collation;
import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.ColumnRef;
import dev.confiture.model.schema.CompositeType;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Domain;
import dev.confiture.model.schema.EnumType;
import dev.confiture.model.schema.Extension;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.RoutineSignature;
import dev.confiture.model.schema.Schema;
import dev.confiture.model.schema.Sequence;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/** Schemas, views, materialized views, sequences, types, domains, extensions, collations. */
final class ObjectDdl {

    private final Interpretation st;
    private final Expressions ex;
    private final Changes changes;

    ObjectDdl(Interpretation st, Changes changes) {
        this.st = st;
        this.ex = new Expressions(st);
        this.changes = changes;
    }

    static ObjectRef ref(ObjectRef.Kind kind, QualifiedName q) {
        return new ObjectRef(kind, q.toString());
    }

    // ------------------------------------------------------------------ schema

    /** Returns the schema elements (CREATE TABLE ... written inside CREATE SCHEMA), to run with the schema as search path. */
    List<Token> createSchema(Cursor c) {
        boolean ifNotExists = c.accept("if", "not", "exists");
        String name;
        String owner = null;
        if (c.accept("authorization")) {
            name = c.identifier();
            owner = name;
        } else {
            name = c.identifier();
            if (c.accept("authorization")) {
                owner = c.identifier();
            }
        }
        st.touch(new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(name)), TouchedObject.Action.CREATE);
        if (st.model.schemas.containsKey(name)) {
            if (ifNotExists) {
                return List.of();
            }
            if (!st.tolerant) {
                throw new ObjectStateError("schema " + Identifiers.quote(name) + " already exists");
            }
        }
        st.model.schemas.put(name, new Schema(name, owner));
        return c.rest();
    }

    void alterSchema(Cursor c) {
        String name = c.identifier();
        ObjectRef ref = new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(name));
        Schema s = st.model.schemas.get(name);
        if (s == null && !st.tolerant) {
            throw new ObjectStateError("schema " + Identifiers.quote(name) + " does not exist");
        }
        if (c.accept("owner", "to")) {
            st.touch(ref, TouchedObject.Action.ALTER);
            String owner = c.identifier();
            st.model.schemas.put(name, new Schema(name, owner));
        } else if (c.accept("rename", "to")) {
            st.touch(ref, TouchedObject.Action.RENAME);
            throw new UnsupportedDdl("ALTER SCHEMA ... RENAME TO: rename every object's schema by hand");
        } else {
            throw new UnsupportedDdl("ALTER SCHEMA " + c.describeNext());
        }
    }

    // ------------------------------------------------------------------ views

    void createView(Cursor c, boolean orReplace, boolean materialized, boolean recursive) {
        boolean ifNotExists = c.accept("if", "not", "exists");
        QualifiedName name = st.createName(c.dottedName());
        ObjectRef.Kind kind = materialized ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW;
        st.touch(ref(kind, name), TouchedObject.Action.CREATE);
        List<String> columns = new ArrayList<>();
        if (c.is("(")) {
            columns.addAll(TableDdl.names(c.parenthesized()));
        }
        List<String> options = new ArrayList<>();
        while (!c.is("as")) {
            if (c.accept("with")) {
                for (List<Token> o : Cursor.splitCommas(c.parenthesized())) {
                    options.add(SqlText.render(o).replace(" = ", "="));
                }
            } else if (c.accept("using") || c.accept("tablespace")) {
                c.identifier();
            } else {
                throw new UnsupportedDdl("unexpected " + c.describeNext() + " before AS");
            }
        }
        c.expect("as");
        List<Token> query = c.until(x -> x.is("with", "check", "option") || x.is("with", "cascaded")
                || x.is("with", "local") || x.is("with", "data") || x.is("with", "no", "data"));
        String checkOption = null;
        if (c.accept("with")) {
            if (c.accept("cascaded")) {
                checkOption = "cascaded";
            } else if (c.accept("local")) {
                checkOption = "local";
            } else if (c.is("check")) {
                checkOption = "cascaded";
            }
            if (checkOption != null) {
                c.expect("check", "option");
            } else {
                c.accept("no");
                c.expect("data");
            }
        }
        c.expectEnd();
        String text = ex.expr(query);
        if (recursive) {
            text = "RECURSIVE " + text;
        }
        View existing = st.model.views.get(name);
        if (existing != null || st.model.tables.containsKey(name)) {
            if (ifNotExists) {
                return;
            }
            if (!(orReplace && existing != null) && !st.tolerant) {
                throw new ObjectStateError("relation " + name + " already exists");
            }
        }
        st.ensureSchema(name.schema());
        Set<ObjectRef> deps = dependencies(query, name);
        st.model.views.put(name, new View(name, materialized, columns, text, checkOption, options, deps,
                existing == null ? new TreeMap<>() : existing.indexes(), existing == null ? null : existing.owner()));
    }

    /** Relations and functions a query mentions by name that the model holds (an approximation, for ordering). */
    Set<ObjectRef> dependencies(List<Token> query, QualifiedName self) {
        Set<ObjectRef> deps = new HashSet<>();
        for (int i = 0; i < query.size(); i++) {
            Token t = query.get(i);
            if (!t.isIdentifier() || (i > 0 && query.get(i - 1).isPunct("."))) {
                continue;
            }
            Cursor c = new Cursor(query.subList(i, query.size()));
            List<String> parts = c.dottedName();
            if (parts.size() > 2) {
                parts = parts.subList(0, 2);
            }
            boolean call = c.is("(");
            if (call) {
                QualifiedName fn = st.resolve(parts, q -> st.model.routines.keySet().stream()
                        .anyMatch(s -> s.name().equals(q)));
                for (RoutineSignature sig : st.model.routines.keySet()) {
                    if (sig.name().equals(fn)) {
                        deps.add(new ObjectRef(st.model.routines.get(sig).kind() == Routine.Kind.AGGREGATE
                                ? ObjectRef.Kind.AGGREGATE : ObjectRef.Kind.FUNCTION, sig.toString()));
                    }
                }
                continue;
            }
            for (List<String> candidate : parts.size() == 2 ? List.of(parts, parts.subList(0, 1)) : List.of(parts)) {
                QualifiedName q = st.resolve(candidate, x -> st.model.tables.containsKey(x)
                        || st.model.views.containsKey(x));
                if (q.equals(self)) {
                    continue;
                }
                if (st.model.tables.containsKey(q)) {
                    deps.add(ObjectRef.table(q));
                    break;
                }
                View v = st.model.views.get(q);
                if (v != null) {
                    deps.add(ref(v.materialized() ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW, q));
                    break;
                }
            }
        }
        return deps;
    }

    // ------------------------------------------------------------------ sequences

    void createSequence(Cursor c) {
        boolean ifNotExists = c.accept("if", "not", "exists");
        QualifiedName name = st.createName(c.dottedName());
        st.touch(ref(ObjectRef.Kind.SEQUENCE, name), TouchedObject.Action.CREATE);
        if (st.relationExists(name)) {
            if (ifNotExists) {
                return;
            }
            if (!st.tolerant) {
                throw new ObjectStateError("relation " + name + " already exists");
            }
        }
        st.ensureSchema(name.schema());
        SequenceOptions o = new SequenceOptions();
        o.read(c, this);
        st.model.sequences.put(name, o.apply(new Sequence(name, null, 0, 0, 0, 0, 0, false, null, null), true));
    }

    void alterSequence(Cursor c) {
        boolean ifExists = c.accept("if", "exists");
        QualifiedName name = st.resolve(c.dottedName(), st.model.sequences::containsKey);
        ObjectRef ref = ref(ObjectRef.Kind.SEQUENCE, name);
        Sequence s = st.model.sequences.get(name);
        if (s == null) {
            if (ifExists) {
                return;
            }
            if (!st.tolerant) {
                throw new ObjectStateError("sequence " + name + " does not exist");
            }
            s = new SequenceOptions().apply(new Sequence(name, null, 0, 0, 0, 0, 0, false, null, null), true);
            st.model.sequences.put(name, s);
        }
        if (c.accept("rename", "to")) {
            st.touch(ref, TouchedObject.Action.RENAME);
            changes.renameRelation(name, QualifiedName.of(name.schema(), c.identifier()));
            return;
        }
        if (c.accept("set", "schema")) {
            st.touch(ref, TouchedObject.Action.RENAME);
            changes.renameRelation(name, QualifiedName.of(c.identifier(), name.name()));
            return;
        }
        st.touch(ref, TouchedObject.Action.ALTER);
        if (c.accept("owner", "to")) {
            String owner = c.identifier();
            st.model.sequences.put(name, new Sequence(name, s.dataType(), s.start(), s.increment(), s.minValue(),
                    s.maxValue(), s.cache(), s.cycle(), s.ownedBy(), owner));
            return;
        }
        if (c.is("set", "logged") || c.is("set", "unlogged")) {
            c.rest();
            return;
        }
        SequenceOptions o = new SequenceOptions();
        o.read(c, this);
        st.model.sequences.put(name, o.apply(s, false));
    }

    /** The options of CREATE/ALTER SEQUENCE, with PostgreSQL's rules for what an unspecified one becomes. */
    final class SequenceOptions {
        String type;
        Long increment;
        Long min;
        Long max;
        Long start;
        Long cache;
        Boolean cycle;
        boolean noMin;
        boolean noMax;
        ColumnRef ownedBy;
        boolean ownedByNone;

        void read(Cursor c, ObjectDdl owner) {
            while (!c.atEnd()) {
                if (c.accept("as")) {
                    type = owner.ex.type(List.of(c.next()));
                } else if (c.accept("increment")) {
                    c.accept("by");
                    increment = number(c);
                } else if (c.accept("minvalue")) {
                    min = number(c);
                } else if (c.accept("no", "minvalue")) {
                    noMin = true;
                } else if (c.accept("maxvalue")) {
                    max = number(c);
                } else if (c.accept("no", "maxvalue")) {
                    noMax = true;
                } else if (c.accept("start")) {
                    c.accept("with");
                    start = number(c);
                } else if (c.accept("restart")) {
                    c.accept("with");
                    if (!c.atEnd() && (c.peek().type() == Token.Type.NUMBER || c.peek().isPunct("-"))) {
                        number(c);
                    }
                } else if (c.accept("cache")) {
                    cache = number(c);
                } else if (c.accept("no", "cycle")) {
                    cycle = false;
                } else if (c.accept("cycle")) {
                    cycle = true;
                } else if (c.accept("owned", "by")) {
                    if (c.accept("none")) {
                        ownedByNone = true;
                    } else {
                        List<String> parts = c.dottedName();
                        String col = parts.get(parts.size() - 1);
                        QualifiedName table = st.tableName(parts.subList(0, parts.size() - 1));
                        ownedBy = new ColumnRef(table, col);
                        st.touch(ObjectRef.table(table), TouchedObject.Action.ALTER);
                    }
                } else {
                    throw new UnsupportedDdl("unknown sequence option " + c.describeNext());
                }
            }
        }

        private long number(Cursor c) {
            boolean negative = c.accept("-");
            Token t = c.next();
            if (t.type() != Token.Type.NUMBER) {
                throw new UnsupportedDdl("expected a number, found '" + t.text() + "'");
            }
            long v = Long.parseLong(t.text().replace("_", ""));
            return negative ? -v : v;
        }

        Sequence apply(Sequence s, boolean create) {
            String dataType = type != null ? type : create ? "bigint" : s.dataType();
            long inc = increment != null ? increment : create ? 1 : s.increment();
            long typeMax = typeMax(dataType);
            long typeMin = -typeMax - 1;
            long minValue;
            long maxValue;
            if (create) {
                minValue = min != null ? min : inc > 0 ? 1 : typeMin;
                maxValue = max != null ? max : inc > 0 ? typeMax : -1;
            } else {
                minValue = min != null ? min : noMin ? (inc > 0 ? 1 : typeMin) : s.minValue();
                maxValue = max != null ? max : noMax ? (inc > 0 ? typeMax : -1) : s.maxValue();
                if (type != null && !type.equals(s.dataType())) {
                    long oldMax = typeMax(s.dataType());
                    if (max == null && !noMax && s.maxValue() == oldMax) {
                        maxValue = typeMax;
                    }
                    if (min == null && !noMin && s.minValue() == -oldMax - 1) {
                        minValue = typeMin;
                    }
                }
            }
            if (noMin && create) {
                minValue = inc > 0 ? 1 : typeMin;
            }
            if (noMax && create) {
                maxValue = inc > 0 ? typeMax : -1;
            }
            long startValue = start != null ? start : create ? (inc > 0 ? minValue : maxValue) : s.start();
            long cacheValue = cache != null ? cache : create ? 1 : s.cache();
            boolean cycleValue = cycle != null ? cycle : !create && s.cycle();
            ColumnRef owned = ownedByNone ? null : ownedBy != null ? ownedBy : create ? null : s.ownedBy();
            return new Sequence(s.name(), dataType, startValue, inc, minValue, maxValue, cacheValue, cycleValue, owned,
                    s.owner());
        }
    }

    static long typeMax(String type) {
        return switch (type == null ? "bigint" : type) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    // ------------------------------------------------------------------ types

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

    // ------------------------------------------------------------------ domains

    void createDomain(Cursor c) {
        QualifiedName name = st.createName(c.dottedName());
        st.touch(ref(ObjectRef.Kind.DOMAIN, name), TouchedObject.Action.CREATE);
        c.accept("as");
        List<Token> typeTokens = c.untilAny("collate", "default", "constraint", "not null", "null", "check");
        String collation = null;
        String def = null;
        boolean notNull = false;
        List<Constraint> checks = new ArrayList<>();
        String pendingName = null;
        while (!c.atEnd()) {
            if (c.accept("collate")) {
                collation = Identifiers.quote(c.dottedName().get(0));
            } else if (c.accept("default")) {
                Token first = c.next();
                List<Token> all = new ArrayList<>();
                all.add(first);
                all.addAll(c.untilAny("collate", "constraint", "not null", "null", "check"));
                def = ex.expr(all);
            } else if (c.accept("constraint")) {
                pendingName = c.identifier();
                continue;
            } else if (c.accept("not", "null")) {
                notNull = true;
            } else if (c.accept("null")) {
                notNull = false;
            } else if (c.accept("check")) {
                checks.add(domainCheck(name, pendingName, c.parenthesized(), checks));
                if (c.accept("not", "valid")) {
                    Constraint last = checks.remove(checks.size() - 1);
                    checks.add(new Constraint(last.name(), last.kind(), last.definition(), List.of(), null, List.of(),
                            false, false, true));
                }
            } else {
                throw new UnsupportedDdl("unexpected " + c.describeNext() + " in CREATE DOMAIN");
            }
            pendingName = null;
        }
        st.ensureSchema(name.schema());
        st.model.domains.put(name, new Domain(name, ex.type(typeTokens), collation, def, notNull, checks, null));
    }

    private Constraint domainCheck(QualifiedName domain, String name, List<Token> expr, List<Constraint> existing) {
        List<Token> upper = new ArrayList<>();
        for (Token t : expr) {
            upper.add(t.isWord("value") ? new Token(Token.Type.WORD, "VALUE", "VALUE", t.line()) : t);
        }
        String text = ex.expr(upper);
        String n = name != null ? name : PgNames.choose(domain.name(), null, "check",
                x -> existing.stream().anyMatch(k -> k.name().equals(x)));
        return new Constraint(n, Constraint.Kind.CHECK, Expressions.checkDefinition(text), List.of(), null, List.of(),
                false, false, false);
    }

    void alterDomain(Cursor c) {
        QualifiedName name = st.typeName(c.dottedName());
        ObjectRef ref = ref(ObjectRef.Kind.DOMAIN, name);
        Domain d = st.model.domains.get(name);
        if (d == null) {
            if (!st.tolerant) {
                throw new ObjectStateError("domain " + name + " does not exist");
            }
            d = new Domain(name, "unknown", null, null, false, List.of(), null);
        }
        st.touch(ref, TouchedObject.Action.ALTER);
        List<Constraint> checks = new ArrayList<>(d.checks());
        String def = d.defaultExpression();
        boolean notNull = d.notNull();
        String owner = d.owner();
        if (c.accept("set", "default")) {
            def = ex.expr(c.rest());
        } else if (c.accept("drop", "default")) {
            def = null;
        } else if (c.accept("set", "not", "null")) {
            notNull = true;
        } else if (c.accept("drop", "not", "null")) {
            notNull = false;
        } else if (c.accept("add")) {
            String cn = c.accept("constraint") ? c.identifier() : null;
            if (c.accept("not", "null")) {
                notNull = true;
            } else {
                c.expect("check");
                Constraint con = domainCheck(name, cn, c.parenthesized(), checks);
                boolean notValid = c.accept("not", "valid");
                checks.add(new Constraint(con.name(), con.kind(), con.definition(), List.of(), null, List.of(), false,
                        false, notValid));
            }
        } else if (c.accept("drop", "constraint")) {
            c.accept("if", "exists");
            String cn = c.identifier();
            checks.removeIf(x -> x.name().equals(cn));
        } else if (c.accept("validate", "constraint")) {
            String cn = c.identifier();
            checks.replaceAll(x -> x.name().equals(cn) ? new Constraint(x.name(), x.kind(), x.definition(),
                    x.columns(), null, List.of(), false, false, false) : x);
        } else if (c.accept("rename", "constraint")) {
            String from = c.identifier();
            c.expect("to");
            String to = c.identifier();
            checks.replaceAll(x -> x.name().equals(from) ? new Constraint(to, x.kind(), x.definition(), x.columns(),
                    null, List.of(), false, false, x.notValid()) : x);
        } else if (c.accept("owner", "to")) {
            owner = c.identifier();
        } else if (c.accept("rename", "to")) {
            renameType(name, QualifiedName.of(name.schema(), c.identifier()));
            return;
        } else if (c.accept("set", "schema")) {
            renameType(name, QualifiedName.of(c.identifier(), name.name()));
            return;
        } else {
            throw new UnsupportedDdl("ALTER DOMAIN " + c.describeNext() + " is not supported");
        }
        st.model.domains.put(name, new Domain(name, d.baseType(), d.collation(), def, notNull, checks, owner));
    }

    // ------------------------------------------------------------------ extensions, collations

    void createExtension(Cursor c) {
        boolean ifNotExists = c.accept("if", "not", "exists");
        String name = c.identifier();
        st.touch(new ObjectRef(ObjectRef.Kind.EXTENSION, Identifiers.quote(name)), TouchedObject.Action.CREATE);
        if (name.equals("plpgsql")) {
            st.note("plpgsql is installed in every database: it is never part of the model");
            c.rest();
            return;
        }
        c.accept("with");
        String schema = null;
        String version = null;
        while (!c.atEnd()) {
            if (c.accept("schema")) {
                schema = c.identifier();
            } else if (c.accept("version")) {
                Token v = c.next();
                version = v.isStringLike() ? v.value() : v.text();
            } else if (c.accept("cascade")) {
                st.note("CASCADE: extensions this one requires are not added to the model");
            } else if (c.accept("from")) {
                c.next();
            } else {
                throw new UnsupportedDdl("unexpected " + c.describeNext() + " in CREATE EXTENSION");
            }
        }
        if (st.model.extensions.containsKey(name)) {
            if (ifNotExists) {
                return;
            }
            if (!st.tolerant) {
                throw new ObjectStateError("extension " + Identifiers.quote(name) + " already exists");
            }
        }
        st.model.extensions.put(name, new Extension(name, schema != null ? schema : st.creationSchema(), version));
    }

    void alterExtension(Cursor c) {
        String name = c.identifier();
        st.touch(new ObjectRef(ObjectRef.Kind.EXTENSION, Identifiers.quote(name)), TouchedObject.Action.ALTER);
        Extension e = st.model.extensions.get(name);
        if (e == null) {
            if (!st.tolerant) {
                throw new ObjectStateError("extension " + Identifiers.quote(name) + " does not exist");
            }
            e = new Extension(name, st.creationSchema(), null);
        }
        if (c.accept("update")) {
            String version = null;
            if (c.accept("to")) {
                Token v = c.next();
                version = v.isStringLike() ? v.value() : v.text();
            } else {
                st.note("ALTER EXTENSION UPDATE without TO: the version becomes the default one, unknown here");
            }
            st.model.extensions.put(name, new Extension(name, e.schema(), version));
        } else if (c.accept("set", "schema")) {
            st.model.extensions.put(name, new Extension(name, c.identifier(), e.version()));
        } else if (c.is("add") || c.is("drop")) {
            st.note("ALTER EXTENSION ADD/DROP member: extension membership is not in the model");
            c.rest();
        } else {
            throw new UnsupportedDdl("ALTER EXTENSION " + c.describeNext());
        }
    }

    void createCollation(Cursor c) {
        boolean ifNotExists = c.accept("if", "not", "exists");
        QualifiedName name = st.createName(c.dottedName());
        st.touch(ref(ObjectRef.Kind.COLLATION, name), TouchedObject.Action.CREATE);
        if (st.model.collations.containsKey(name)) {
            if (ifNotExists) {
                return;
            }
            if (!st.tolerant) {
                throw new ObjectStateError("collation " + name + " already exists");
            }
        }
        if (c.accept("from")) {
            List<String> from = c.dottedName();
            QualifiedName src = st.resolve(from, st.model.collations::containsKey);
            Collation existing = st.model.collations.get(src);
            if (existing == null) {
                String locale = from.get(from.size() - 1);
                st.model.collations.put(name, new Collation(name, "libc", null, locale, locale, true));
            } else {
                st.model.collations.put(name, new Collation(name, existing.provider(), existing.locale(),
                        existing.lcCollate(), existing.lcCtype(), existing.deterministic()));
            }
            return;
        }
        String provider = "libc";
        String locale = null;
        String lcCollate = null;
        String lcCtype = null;
        boolean deterministic = true;
        for (List<Token> option : Cursor.splitCommas(c.parenthesized())) {
            Cursor o = new Cursor(option);
            String key = o.identifier();
            o.accept("=");
            Token v = o.next();
            String value = v.isStringLike() || v.isIdentifier() ? v.value() : v.text();
            switch (key) {
                case "provider" -> provider = value.toLowerCase(Locale.ROOT);
                case "locale" -> locale = value;
                case "lc_collate" -> lcCollate = value;
                case "lc_ctype" -> lcCtype = value;
                case "deterministic" -> deterministic = !(value.equalsIgnoreCase("false") || value.equals("0")
                        || value.equalsIgnoreCase("off") || value.equalsIgnoreCase("no"));
                default -> st.note("collation option " + key + " is not in the model");
            }
        }
        if (provider.equals("libc") && locale != null) {
            lcCollate = lcCollate == null ? locale : lcCollate;
            lcCtype = lcCtype == null ? locale : lcCtype;
            locale = null;
        }
        st.ensureSchema(name.schema());
        st.model.collations.put(name, new Collation(name, provider, locale, lcCollate, lcCtype, deterministic));
    }
}
