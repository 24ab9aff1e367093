package dev.confiture.sql.ddl;

import static dev.confiture.sql.ddl.Interpretation.ref;

import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Domain;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/** CREATE DOMAIN and ALTER DOMAIN. */
final class DomainDdl {

    private final Interpretation st;
    private final Expressions ex;
    private final TypeDdl types;

    DomainDdl(Interpretation st, TypeDdl types) {
        this.st = st;
        this.ex = new Expressions(st);
        this.types = types;
    }

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
            types.renameType(name, QualifiedName.of(name.schema(), c.identifier()));
            return;
        } else if (c.accept("set", "schema")) {
            types.renameType(name, QualifiedName.of(c.identifier(), name.name()));
            return;
        } else {
            throw new UnsupportedDdl("ALTER DOMAIN " + c.describeNext() + " is not supported");
        }
        st.model.domains.put(name, new Domain(name, d.baseType(), d.collation(), def, notNull, checks, owner));
    }
}
