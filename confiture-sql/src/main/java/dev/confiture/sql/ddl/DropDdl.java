package dev.confiture.sql.ddl;

import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.RoutineSignature;
import dev.confiture.model.schema.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * DROP of every kind the model holds. Without CASCADE, dropping something another object depends
 * on in a way the model knows for sure (a foreign key, an inheritance child) is refused as
 * PostgreSQL refuses it; with CASCADE those go too. View dependencies are approximate, so views
 * are only dropped along when CASCADE says so.
 */
final class DropDdl {

    private final Interpretation st;
    private final RenamesAndDrops renamesAndDrops;
    private final RoutineDdl routines;

    DropDdl(Interpretation st, RenamesAndDrops renamesAndDrops, RoutineDdl routines) {
        this.st = st;
        this.renamesAndDrops = renamesAndDrops;
        this.routines = routines;
    }

    void drop(Cursor c) {
        if (c.accept("table")) {
            relations(c, ObjectRef.Kind.TABLE);
        } else if (c.accept("materialized", "view")) {
            relations(c, ObjectRef.Kind.MATERIALIZED_VIEW);
        } else if (c.accept("view")) {
            relations(c, ObjectRef.Kind.VIEW);
        } else if (c.accept("sequence")) {
            relations(c, ObjectRef.Kind.SEQUENCE);
        } else if (c.accept("index")) {
            c.accept("concurrently");
            relations(c, ObjectRef.Kind.INDEX);
        } else if (c.accept("type")) {
            types(c, ObjectRef.Kind.TYPE);
        } else if (c.accept("domain")) {
            types(c, ObjectRef.Kind.DOMAIN);
        } else if (c.accept("function") || c.accept("procedure") || c.accept("routine") || c.accept("aggregate")) {
            routines(c);
        } else if (c.accept("trigger")) {
            trigger(c);
        } else if (!c.is("operator", "class") && !c.is("operator", "family") && c.accept("operator")) {
            new OperatorDdl(st).drop(c);
        } else if (c.accept("policy")) {
            policy(c);
        } else if (c.accept("schema")) {
            schemas(c);
        } else if (c.accept("extension")) {
            boolean ifExists = c.accept("if", "exists");
            List<String> names = new ArrayList<>();
            do {
                names.add(c.identifier());
            } while (c.accept(","));
            cascade(c);
            for (String n : names) {
                st.touch(new ObjectRef(ObjectRef.Kind.EXTENSION, Identifiers.quote(n)), TouchedObject.Action.DROP);
                if (st.model.extensions.remove(n) == null && !ifExists && !st.tolerant) {
                    throw new ObjectStateError("extension " + Identifiers.quote(n) + " does not exist");
                }
                renamesAndDrops.forget(new ObjectRef(ObjectRef.Kind.EXTENSION, Identifiers.quote(n)));
            }
        } else if (c.accept("collation")) {
            boolean ifExists = c.accept("if", "exists");
            List<QualifiedName> names = new ArrayList<>();
            do {
                names.add(st.resolve(c.dottedName(), st.model.collations::containsKey));
            } while (c.accept(","));
            cascade(c);
            for (QualifiedName n : names) {
                st.touch(new ObjectRef(ObjectRef.Kind.COLLATION, n.toString()), TouchedObject.Action.DROP);
                if (st.model.collations.remove(n) == null && !ifExists && !st.tolerant) {
                    throw new ObjectStateError("collation " + n + " does not exist");
                }
            }
        } else if (c.is("role") || c.is("user") || c.is("group") || c.is("database") || c.is("tablespace")
                || c.is("owned")) {
            st.noEffect.add(new Diagnostic(st.source, st.line, "database-wide object, not part of the schema model",
                    st.excerpt, Diagnostic.Kind.NO_EFFECT));
            c.rest();
        } else {
            throw new UnsupportedDdl("DROP " + c.describeNext().replace("'", "").toUpperCase(java.util.Locale.ROOT)
                    + " is not supported");
        }
    }

    private static boolean cascade(Cursor c) {
        boolean cascade = c.accept("cascade");
        c.accept("restrict");
        c.expectEnd();
        return cascade;
    }

    private void relations(Cursor c, ObjectRef.Kind kind) {
        boolean ifExists = c.accept("if", "exists");
        List<List<String>> written = new ArrayList<>();
        do {
            written.add(c.dottedName());
        } while (c.accept(","));
        boolean cascade = cascade(c);
        List<QualifiedName> names = new ArrayList<>();
        for (List<String> w : written) {
            names.add(switch (kind) {
                case TABLE -> st.tableName(w);
                case SEQUENCE -> st.resolve(w, st.model.sequences::containsKey);
                case INDEX -> st.resolve(w, q -> st.findIndex(q).isPresent() || st.relationExists(q));
                default -> st.resolve(w, st.model.views::containsKey);
            });
        }
        Set<QualifiedName> together = new HashSet<>(names);
        for (QualifiedName name : names) {
            st.touch(new ObjectRef(kind, name.toString()), TouchedObject.Action.DROP);
            boolean exists = switch (kind) {
                case TABLE -> st.model.tables.containsKey(name);
                case SEQUENCE -> st.model.sequences.containsKey(name);
                case INDEX -> st.findIndex(name).isPresent();
                case VIEW -> st.model.views.containsKey(name) && !st.model.views.get(name).materialized();
                default -> st.model.views.containsKey(name) && st.model.views.get(name).materialized();
            };
            if (!exists) {
                if (kind == ObjectRef.Kind.INDEX && isConstraintIndex(name)) {
                    throw new ObjectStateError("cannot drop index " + name + " because a constraint requires it: "
                            + "drop the constraint instead");
                }
                if (!ifExists && !st.tolerant) {
                    throw new ObjectStateError(kind.sql().toLowerCase(java.util.Locale.ROOT) + " " + name
                            + " does not exist");
                }
                continue;
            }
            switch (kind) {
                case TABLE -> {
                    Table t = st.model.tables.get(name);
                    st.touch(ObjectRef.table(name), TouchedObject.Action.DROP);
                    for (var col : t.columns()) {
                        st.touch(ObjectRef.column(name, col.name()), TouchedObject.Action.DROP);
                    }
                    renamesAndDrops.dropTable(name, cascade, together);
                }
                case SEQUENCE -> renamesAndDrops.dropSequence(name);
                case INDEX -> renamesAndDrops.dropIndex(name);
                default -> {
                    if (!cascade) {
                        refuseIfViewsDepend(new ObjectRef(kind, name.toString()), together);
                    }
                    renamesAndDrops.dropView(name);
                }
            }
        }
    }

    private void refuseIfViewsDepend(ObjectRef ref, Set<QualifiedName> together) {
        for (var v : st.model.views.values()) {
            if (v.dependsOn().contains(ref) && !together.contains(v.name()) && !st.tolerant) {
                throw new ObjectStateError("cannot drop " + ref + " because view " + v.name()
                        + " depends on it (use CASCADE)");
            }
        }
    }

    private boolean isConstraintIndex(QualifiedName name) {
        for (Table t : st.model.tables.values()) {
            if (t.name().schema().equals(name.schema())) {
                Constraint c = t.constraints().get(name.name());
                if (c != null && c.kind() != Constraint.Kind.CHECK && c.kind() != Constraint.Kind.FOREIGN_KEY) {
                    return true;
                }
            }
        }
        return false;
    }

    private void types(Cursor c, ObjectRef.Kind kind) {
        boolean ifExists = c.accept("if", "exists");
        List<QualifiedName> names = new ArrayList<>();
        do {
            names.add(st.typeName(c.dottedName()));
        } while (c.accept(","));
        cascade(c);
        for (QualifiedName n : names) {
            st.touch(new ObjectRef(kind, n.toString()), TouchedObject.Action.DROP);
            boolean removed = st.model.enums.remove(n) != null | st.model.composites.remove(n) != null
                    | st.model.domains.remove(n) != null
                    | (kind == ObjectRef.Kind.TYPE && st.model.others.remove(new ObjectRef(kind, n.toString())) != null);
            if (!removed && !ifExists && !st.tolerant) {
                throw new ObjectStateError("type " + n + " does not exist");
            }
            renamesAndDrops.forget(new ObjectRef(kind, n.toString()));
        }
    }

    private void routines(Cursor c) {
        boolean ifExists = c.accept("if", "exists");
        List<RoutineSignature> sigs = new ArrayList<>();
        do {
            sigs.add(routines.signature(c, !ifExists));
        } while (c.accept(","));
        cascade(c);
        for (RoutineSignature sig : sigs) {
            Routine r = st.model.routines.remove(sig);
            ObjectRef.Kind kind = r == null ? ObjectRef.Kind.FUNCTION : switch (r.kind()) {
                case FUNCTION -> ObjectRef.Kind.FUNCTION;
                case PROCEDURE -> ObjectRef.Kind.PROCEDURE;
                case AGGREGATE -> ObjectRef.Kind.AGGREGATE;
            };
            st.touch(new ObjectRef(kind, sig.toString()), TouchedObject.Action.DROP);
            if (r == null && !ifExists && !st.tolerant) {
                throw new ObjectStateError("function " + sig + " does not exist");
            }
            renamesAndDrops.forget(new ObjectRef(kind, sig.toString()));
        }
    }

    private void trigger(Cursor c) {
        boolean ifExists = c.accept("if", "exists");
        String name = c.identifier();
        c.expect("on");
        QualifiedName table = st.relationName(c.dottedName());
        cascade(c);
        ObjectRef ref = new ObjectRef(ObjectRef.Kind.TRIGGER, table + "." + Identifiers.quote(name));
        st.touch(ref, TouchedObject.Action.DROP);
        st.touch(ObjectRef.table(table), TouchedObject.Action.ALTER);
        Table t = st.model.tables.get(table);
        dev.confiture.model.schema.View view = t == null ? st.model.views.get(table) : null;
        if (view != null && view.triggers().containsKey(name)) {
            Map<String, dev.confiture.model.schema.Trigger> triggers = new TreeMap<>(view.triggers());
            triggers.remove(name);
            st.putView(view.withTriggers(triggers));
            renamesAndDrops.forget(ref);
            return;
        }
        if (t == null || !t.triggers().containsKey(name)) {
            if (!ifExists && !st.tolerant) {
                throw new ObjectStateError("trigger " + Identifiers.quote(name) + " for table " + table
                        + " does not exist");
            }
            return;
        }
        Map<String, dev.confiture.model.schema.Trigger> triggers = new TreeMap<>(t.triggers());
        triggers.remove(name);
        st.put(t.withTriggers(triggers));
        renamesAndDrops.forget(ref);
    }

    private void policy(Cursor c) {
        boolean ifExists = c.accept("if", "exists");
        String name = c.identifier();
        c.expect("on");
        QualifiedName table = st.tableName(c.dottedName());
        cascade(c);
        ObjectRef ref = new ObjectRef(ObjectRef.Kind.POLICY, table + "." + Identifiers.quote(name));
        st.touch(ref, TouchedObject.Action.DROP);
        st.touch(ObjectRef.table(table), TouchedObject.Action.ALTER);
        Table t = st.model.tables.get(table);
        if (t == null || !t.policies().containsKey(name)) {
            if (!ifExists && !st.tolerant) {
                throw new ObjectStateError("policy " + Identifiers.quote(name) + " for table " + table
                        + " does not exist");
            }
            return;
        }
        Map<String, dev.confiture.model.schema.Policy> policies = new TreeMap<>(t.policies());
        policies.remove(name);
        st.put(t.withPolicies(policies));
        renamesAndDrops.forget(ref);
    }

    private void schemas(Cursor c) {
        boolean ifExists = c.accept("if", "exists");
        List<String> names = new ArrayList<>();
        do {
            names.add(c.identifier());
        } while (c.accept(","));
        boolean cascade = cascade(c);
        for (String n : names) {
            st.touch(new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(n)), TouchedObject.Action.DROP);
            if (!st.model.schemas.containsKey(n)) {
                if (!ifExists && !st.tolerant) {
                    throw new ObjectStateError("schema " + Identifiers.quote(n) + " does not exist");
                }
                continue;
            }
            if (!cascade && !st.tolerant && hasObjects(n)) {
                throw new ObjectStateError("cannot drop schema " + Identifiers.quote(n)
                        + " because objects depend on it (use CASCADE)");
            }
            renamesAndDrops.dropSchemaContents(n);
            OpaqueDdl.dropInSchema(st, n);
            st.model.schemas.remove(n);
            renamesAndDrops.forget(new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(n)));
            DefaultPrivilegesDdl.dropSchema(st, n);
        }
    }

    private boolean hasObjects(String schema) {
        return st.model.tables.keySet().stream().anyMatch(q -> q.schema().equals(schema))
                || st.model.views.keySet().stream().anyMatch(q -> q.schema().equals(schema))
                || st.model.sequences.keySet().stream().anyMatch(q -> q.schema().equals(schema))
                || st.model.enums.keySet().stream().anyMatch(q -> q.schema().equals(schema))
                || st.model.composites.keySet().stream().anyMatch(q -> q.schema().equals(schema))
                || st.model.domains.keySet().stream().anyMatch(q -> q.schema().equals(schema))
                || st.model.routines.keySet().stream().anyMatch(s -> s.name().schema().equals(schema))
                || !OpaqueDdl.inSchema(st, schema).isEmpty();
    }
}
