package dev.confiture.sql.ddl;

import static dev.confiture.sql.ddl.Interpretation.ref;

import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.RoutineSignature;
import dev.confiture.model.schema.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** CREATE [MATERIALIZED | RECURSIVE] VIEW, and what a view's query depends on. */
final class ViewDdl {

    private final Interpretation st;
    private final Expressions ex;

    ViewDdl(Interpretation st) {
        this.st = st;
        this.ex = new Expressions(st);
    }

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
        st.putView(new View(name, materialized, columns, text, checkOption, options, deps,
                existing == null ? new TreeMap<>() : existing.indexes(), existing == null ? null : existing.owner(),
                existing == null ? null : existing.triggers())); // OR REPLACE keeps the view's triggers
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
}
