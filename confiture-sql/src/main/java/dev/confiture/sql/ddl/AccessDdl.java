package dev.confiture.sql.ddl;

import dev.confiture.model.schema.DefaultPrivileges;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.RoutineSignature;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * COMMENT ON, GRANT and REVOKE. Grants are stored one privilege per row; {@code ALL [PRIVILEGES]}
 * expands to the privileges of the object's kind as PostgreSQL 15/16 lists them, the lists
 * {@link DefaultPrivileges#ALL} holds for {@code ALTER DEFAULT PRIVILEGES} (tables, views and foreign
 * tables take the table list; foreign data wrappers and servers: USAGE).
 */
final class AccessDdl {

    /** What ALL means on a table, and on what GRANT treats as one (views, materialized views, foreign tables). */
    private static final List<String> ON_TABLES = DefaultPrivileges.ALL.get("TABLES");

    /** What ALL means per kind: the lists of {@link DefaultPrivileges#ALL}, so GRANT and default privileges agree. */
    private static final Map<ObjectRef.Kind, List<String>> ALL = Map.ofEntries(
            Map.entry(ObjectRef.Kind.TABLE, ON_TABLES),
            Map.entry(ObjectRef.Kind.VIEW, ON_TABLES),
            Map.entry(ObjectRef.Kind.MATERIALIZED_VIEW, ON_TABLES),
            Map.entry(ObjectRef.Kind.FOREIGN_TABLE, ON_TABLES),
            Map.entry(ObjectRef.Kind.SEQUENCE, DefaultPrivileges.ALL.get("SEQUENCES")),
            Map.entry(ObjectRef.Kind.FUNCTION, DefaultPrivileges.ALL.get("FUNCTIONS")),
            Map.entry(ObjectRef.Kind.PROCEDURE, DefaultPrivileges.ALL.get("FUNCTIONS")),
            Map.entry(ObjectRef.Kind.AGGREGATE, DefaultPrivileges.ALL.get("FUNCTIONS")),
            Map.entry(ObjectRef.Kind.SCHEMA, DefaultPrivileges.ALL.get("SCHEMAS")),
            Map.entry(ObjectRef.Kind.TYPE, DefaultPrivileges.ALL.get("TYPES")),
            Map.entry(ObjectRef.Kind.DOMAIN, DefaultPrivileges.ALL.get("TYPES")),
            Map.entry(ObjectRef.Kind.FOREIGN_DATA_WRAPPER, List.of("USAGE")),
            Map.entry(ObjectRef.Kind.SERVER, List.of("USAGE")));

    private final Interpretation st;
    private final RoutineDdl routines;

    AccessDdl(Interpretation st, RoutineDdl routines) {
        this.st = st;
        this.routines = routines;
    }

    // ------------------------------------------------------------------ COMMENT ON

    void comment(Cursor c) {
        ObjectRef ref = objectRef(c, false);
        c.expect("is");
        Token text = c.next();
        c.expectEnd();
        if (ref != null) {
            setComment(st, ref, text);
        }
    }

    /** {@code COMMENT ON <ref> IS <text>}: a string sets the comment, NULL or an empty string removes it. */
    static void setComment(Interpretation st, ObjectRef ref, Token text) {
        st.touch(ref, TouchedObject.Action.COMMENT);
        if (text.isWord("null") || (text.isStringLike() && text.value().isEmpty())) {
            st.model.comments.remove(ref);
        } else if (text.isStringLike()) {
            st.model.comments.put(ref, text.value());
        } else {
            throw new UnsupportedDdl("COMMENT ... IS expects a string or NULL");
        }
    }

    /**
     * Reads {@code kind name} as COMMENT ON / GRANT write it. Returns null (after a note) for objects
     * outside the model (database, role, ...). {@code grant} selects GRANT's spelling (TABLE optional).
     */
    ObjectRef objectRef(Cursor c, boolean grant) {
        Target target = target(c, grant);
        return target == null ? null : target.ref();
    }

    /**
     * What {@code kind name} names: its reference, and whether the model holds it, looked up by name where
     * PostgreSQL refuses a SECURITY LABEL on a missing object (relations and their columns, types, domains,
     * schemas, routines); the other kinds count as present.
     */
    record Target(ObjectRef ref, boolean inModel) {
    }

    /** {@link #objectRef(Cursor, boolean)} with whether the model holds the object. */
    Target target(Cursor c, boolean grant) {
        if (c.accept("table")) {
            return relation(st.relationName(c.dottedName()));
        }
        if (c.accept("column")) {
            List<String> parts = c.dottedName();
            QualifiedName rel = st.relationName(parts.subList(0, parts.size() - 1));
            String column = parts.get(parts.size() - 1);
            Table t = st.model.tables.get(rel);
            View v = st.model.views.get(rel);
            return new Target(ObjectRef.column(rel, column), (t != null && t.column(column).isPresent())
                    || (v != null && v.columnNames().contains(column)));
        }
        if (c.accept("materialized", "view") || c.accept("view")) {
            return relation(st.relationName(c.dottedName()));
        }
        if (c.accept("sequence")) {
            QualifiedName q = st.relationName(c.dottedName());
            return new Target(new ObjectRef(ObjectRef.Kind.SEQUENCE, q.toString()), relationInModel(q));
        }
        if (c.accept("index")) {
            return present(new ObjectRef(ObjectRef.Kind.INDEX, st.relationName(c.dottedName()).toString()));
        }
        if (c.accept("type")) {
            QualifiedName q = st.typeName(c.dottedName());
            return new Target(new ObjectRef(ObjectRef.Kind.TYPE, q.toString()),
                    st.model.enums.containsKey(q) || st.model.composites.containsKey(q));
        }
        if (c.accept("domain")) {
            QualifiedName q = st.typeName(c.dottedName());
            return new Target(new ObjectRef(ObjectRef.Kind.DOMAIN, q.toString()), st.model.domains.containsKey(q));
        }
        if (c.accept("schema")) {
            String name = c.identifier();
            return new Target(new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(name)), st.model.schemas.containsKey(name));
        }
        if (c.accept("extension")) {
            return present(new ObjectRef(ObjectRef.Kind.EXTENSION, Identifiers.quote(c.identifier())));
        }
        if (c.accept("collation")) {
            return present(new ObjectRef(ObjectRef.Kind.COLLATION, st.createName(c.dottedName()).toString()));
        }
        if (c.accept("function") || c.accept("procedure") || c.accept("routine") || c.accept("aggregate")) {
            RoutineSignature sig = routines.signature(c, true);
            Routine r = st.model.routines.get(sig);
            ObjectRef.Kind kind = r == null ? ObjectRef.Kind.FUNCTION : switch (r.kind()) {
                case FUNCTION -> ObjectRef.Kind.FUNCTION;
                case PROCEDURE -> ObjectRef.Kind.PROCEDURE;
                case AGGREGATE -> ObjectRef.Kind.AGGREGATE;
            };
            return new Target(new ObjectRef(kind, sig.toString()), r != null);
        }
        if (c.is("constraint") || c.is("trigger") || c.is("policy")) {
            String word = c.next().value();
            String name = c.identifier();
            c.expect("on");
            if (c.accept("domain")) {
                c.dottedName();
                st.note("comments on domain constraints are not in the model");
                return null;
            }
            QualifiedName table = st.relationName(c.dottedName());
            ObjectRef.Kind kind = word.equals("constraint") ? ObjectRef.Kind.CONSTRAINT
                    : word.equals("trigger") ? ObjectRef.Kind.TRIGGER : ObjectRef.Kind.POLICY;
            return present(new ObjectRef(kind, table + "." + Identifiers.quote(name)));
        }
        if (c.accept("database") || c.accept("role") || c.accept("tablespace") || c.accept("language")
                || c.accept("foreign", "data", "wrapper") || c.accept("server") || c.accept("event", "trigger")
                || c.accept("publication") || c.accept("subscription")) {
            c.identifier();
            st.note("not part of the schema model (database-wide object)");
            return null;
        }
        if (grant) {
            return relation(st.relationName(c.dottedName()));
        }
        throw new UnsupportedDdl("COMMENT ON " + c.describeNext() + " is not supported");
    }

    private static Target present(ObjectRef ref) {
        return new Target(ref, true);
    }

    /** A table, view or sequence named after TABLE or VIEW; a foreign table counts as present (it is one of the others). */
    private Target relation(QualifiedName q) {
        ObjectRef ref = relationRef(q);
        return new Target(ref, ref.kind() == ObjectRef.Kind.FOREIGN_TABLE || relationInModel(q));
    }

    /** Whether {@code q} is a table, view or sequence: what PostgreSQL labels under any of these kinds. */
    private boolean relationInModel(QualifiedName q) {
        return st.model.tables.containsKey(q) || st.model.views.containsKey(q) || st.model.sequences.containsKey(q);
    }

    /** A foreign data wrapper or server by name; PostgreSQL refuses a GRANT on one that does not exist. */
    private ObjectRef existingOther(ObjectRef.Kind kind, String name) {
        ObjectRef ref = new ObjectRef(kind, Identifiers.quote(name));
        if (!st.model.others.containsKey(ref) && !st.tolerant) {
            throw new ObjectStateError(ref + " does not exist");
        }
        return ref;
    }

    private ObjectRef relationRef(QualifiedName q) {
        ObjectRef foreign = ObjectRef.of(ObjectRef.Kind.FOREIGN_TABLE, q);
        if (st.model.others.containsKey(foreign)) {
            return foreign;
        }
        View v = st.model.views.get(q);
        if (v != null) {
            return new ObjectRef(v.materialized() ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW,
                    q.toString());
        }
        if (st.model.sequences.containsKey(q)) {
            return new ObjectRef(ObjectRef.Kind.SEQUENCE, q.toString());
        }
        return ObjectRef.table(q);
    }

    // ------------------------------------------------------------------ GRANT / REVOKE

    /** Returns false when the statement is a role membership grant (no effect on the schema). */
    boolean grant(Cursor c, boolean revoke) {
        boolean grantOptionOnly = revoke && c.accept("grant", "option", "for");
        List<Token> privTokens = c.untilAny("on");
        if (c.atEnd()) {
            if (privTokens.stream().anyMatch(t -> t.isWord(revoke ? "from" : "to"))) {
                return false;  // GRANT role TO role
            }
            throw new UnsupportedDdl((revoke ? "REVOKE" : "GRANT") + " without ON or " + (revoke ? "FROM" : "TO"));
        }
        c.expect("on");
        List<Privilege> privileges = new ArrayList<>();
        boolean all = false;
        for (List<Token> p : Cursor.splitCommas(privTokens)) {
            Cursor pc = new Cursor(p);
            if (pc.accept("all")) {
                pc.accept("privileges");
                all = true;
                if (pc.is("(")) {
                    privileges.add(new Privilege("ALL", TableDdl.names(pc.parenthesized())));
                }
                continue;
            }
            StringBuilder name = new StringBuilder();
            while (!pc.atEnd() && !pc.is("(")) {
                if (name.length() > 0) {
                    name.append(' ');
                }
                name.append(pc.next().value().toUpperCase(Locale.ROOT));
            }
            List<String> columns = pc.is("(") ? TableDdl.names(pc.parenthesized()) : List.of();
            privileges.add(new Privilege(name.toString(), columns));
        }
        List<ObjectRef> objects = new ArrayList<>();
        if (c.is("all") && c.peek(2) != null && c.peek(2).isWord("in")) {
            c.next();
            String what = c.next().value();
            c.expect("in", "schema");
            List<String> schemas = new ArrayList<>();
            do {
                schemas.add(c.identifier());
            } while (c.accept(","));
            for (String schema : schemas) {
                objects.addAll(allIn(what, schema));
            }
        } else {
            ObjectRef.Kind kind = null;
            if (c.is("function") || c.is("procedure") || c.is("routine")) {
                c.next();
                do {
                    RoutineSignature sig = routines.signature(c, true);
                    Routine r = st.model.routines.get(sig);
                    objects.add(new ObjectRef(r != null && r.kind() == Routine.Kind.PROCEDURE
                            ? ObjectRef.Kind.PROCEDURE : ObjectRef.Kind.FUNCTION, sig.toString()));
                } while (c.accept(","));
            } else if (c.accept("schema")) {
                do {
                    objects.add(new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(c.identifier())));
                } while (c.accept(","));
            } else if (c.accept("sequence")) {
                do {
                    objects.add(new ObjectRef(ObjectRef.Kind.SEQUENCE,
                            st.resolve(c.dottedName(), st.model.sequences::containsKey).toString()));
                } while (c.accept(","));
            } else if (c.is("type") || c.is("domain")) {
                kind = c.next().isWord("domain") ? ObjectRef.Kind.DOMAIN : ObjectRef.Kind.TYPE;
                do {
                    objects.add(new ObjectRef(kind, st.typeName(c.dottedName()).toString()));
                } while (c.accept(","));
            } else if (c.accept("foreign", "data", "wrapper")) {
                do {
                    objects.add(existingOther(ObjectRef.Kind.FOREIGN_DATA_WRAPPER, c.identifier()));
                } while (c.accept(","));
            } else if (c.accept("foreign", "server")) {
                do {
                    objects.add(existingOther(ObjectRef.Kind.SERVER, c.identifier()));
                } while (c.accept(","));
            } else if (c.accept("database") || c.accept("language") || c.accept("tablespace")
                    || c.accept("large", "object") || c.accept("parameter")) {
                st.note("privileges on database-wide objects are not part of the schema model");
                c.rest();
                return true;
            } else {
                c.accept("table");
                do {
                    objects.add(relationRef(st.relationName(c.dottedName())));
                } while (c.accept(","));
            }
        }
        c.expect(revoke ? "from" : "to");
        List<String> grantees = new ArrayList<>();
        do {
            c.accept("group");
            String g = c.identifier();
            grantees.add(g.equals("public") ? "PUBLIC" : g);
        } while (c.accept(","));
        boolean withGrantOption = !revoke && c.accept("with", "grant", "option");
        if (c.accept("granted", "by")) {
            c.identifier();
        }
        c.accept("cascade");
        c.accept("restrict");
        c.expectEnd();
        for (ObjectRef object : objects) {
            st.touch(object, TouchedObject.Action.GRANT);
            List<Privilege> expanded = new ArrayList<>(privileges);
            if (all && privileges.stream().noneMatch(p -> p.name().equals("ALL"))) {
                for (String p : ALL.getOrDefault(object.kind(), List.of())) {
                    expanded.add(new Privilege(p, List.of()));
                }
            }
            for (Privilege p : expanded) {
                List<ObjectRef> targets = p.columns().isEmpty() ? List.of(object)
                        : p.columns().stream().map(col -> new ObjectRef(ObjectRef.Kind.COLUMN,
                        object.identity() + "." + Identifiers.quote(col))).toList();
                List<String> names = p.name().equals("ALL")
                        ? List.of("SELECT", "INSERT", "UPDATE", "REFERENCES") : List.of(p.name());
                for (ObjectRef target : targets) {
                    for (String priv : names) {
                        for (String grantee : grantees) {
                            apply(target, grantee, priv, revoke, grantOptionOnly, withGrantOption);
                        }
                    }
                }
            }
        }
        return true;
    }

    private void apply(ObjectRef target, String grantee, String privilege, boolean revoke, boolean grantOptionOnly,
                       boolean withGrantOption) {
        if (grantee.equals(relationOwner(st, target))) {
            // the owner holds every privilege on its relation already (acldefault): a GRANT adds nothing, and what a
            // REVOKE takes from the owner is not in the model (the catalog reader keeps privileges beyond the defaults)
            if (revoke) {
                st.note("privileges revoked from the owner of " + target.identity() + " are not part of the model");
            }
            return;
        }
        if (revoke && !grantOptionOnly && target.kind() != ObjectRef.Kind.COLUMN && ALL.containsKey(target.kind())
                && ON_TABLES.contains(privilege)) {
            // a privilege revoked on a table is revoked on each of its columns too (the REVOKE documentation)
            String columnPrefix = target.identity() + ".";
            st.model.grants.removeIf(g -> g.object().kind() == ObjectRef.Kind.COLUMN
                    && g.object().identity().startsWith(columnPrefix) && g.grantee().equals(grantee)
                    && g.privilege().equals(privilege));
        }
        // PUBLIC holds it by default: what a REVOKE takes is what the model keeps, a GRANT gives it back
        boolean publicDefault = grantee.equals("PUBLIC") && privilege.equals(Grant.publicDefault(target.kind()));
        if (publicDefault && !grantOptionOnly) {
            Grant revoked = Grant.revokedFromPublic(target, privilege);
            if (revoke) {
                st.model.grants.add(revoked);
            } else {
                st.model.grants.remove(revoked);
            }
        }
        Grant plain = new Grant(target, grantee, privilege, false);
        Grant option = new Grant(target, grantee, privilege, true);
        boolean had = st.model.grants.contains(plain) || st.model.grants.contains(option);
        boolean hadOption = st.model.grants.contains(option);
        st.model.grants.remove(plain);
        st.model.grants.remove(option);
        if (revoke) {
            if (grantOptionOnly && had && !publicDefault) {
                st.model.grants.add(plain);
            }
        } else if (publicDefault && !withGrantOption && !hadOption) {
            return; // the default again, no row
        } else {
            st.model.grants.add(withGrantOption || hadOption ? option : plain);
        }
    }

    /**
     * The owner of the table, view or sequence {@code ref} names: its {@code OWNER TO}, else the role that runs
     * the files when it is known ({@link DdlInterpreter#DdlInterpreter(String)}); null for other kinds.
     */
    static String relationOwner(Interpretation st, ObjectRef ref) {
        String owner;
        switch (ref.kind()) {
            case TABLE -> {
                var t = st.model.tables.get(Interpretation.nameOf(ref.identity()));
                owner = t == null ? null : t.owner();
            }
            case VIEW, MATERIALIZED_VIEW -> {
                var v = st.model.views.get(Interpretation.nameOf(ref.identity()));
                owner = v == null ? null : v.owner();
            }
            case SEQUENCE -> {
                var s = st.model.sequences.get(Interpretation.nameOf(ref.identity()));
                owner = s == null ? null : s.owner();
            }
            default -> {
                return null;
            }
        }
        return owner != null ? owner : st.role;
    }

    /**
     * At the end of a run: a relation's grants to the role that owns it now are its owner's own privileges
     * (PostgreSQL folds a former grantee's entry into the owner's on {@code OWNER TO}), which the model does
     * not list.
     */
    static void dropOwnersGrants(Interpretation st) {
        st.model.grants.removeIf(g -> g.grantee().equals(relationOwner(st, g.object())));
    }

    private List<ObjectRef> allIn(String what, String schema) {
        List<ObjectRef> out = new ArrayList<>();
        switch (what) {
            case "tables" -> {
                st.model.tables.keySet().stream().filter(q -> q.schema().equals(schema))
                        .forEach(q -> out.add(ObjectRef.table(q)));
                st.model.views.values().stream().filter(v -> v.name().schema().equals(schema))
                        .forEach(v -> out.add(relationRef(v.name())));
            }
            case "sequences" -> st.model.sequences.keySet().stream().filter(q -> q.schema().equals(schema))
                    .forEach(q -> out.add(new ObjectRef(ObjectRef.Kind.SEQUENCE, q.toString())));
            default -> st.model.routines.values().stream().filter(r -> r.signature().name().schema().equals(schema))
                    .filter(r -> switch (what) {
                        case "functions" -> r.kind() != Routine.Kind.PROCEDURE;
                        case "procedures" -> r.kind() == Routine.Kind.PROCEDURE;
                        default -> true;
                    })
                    .forEach(r -> out.add(new ObjectRef(r.kind() == Routine.Kind.PROCEDURE ? ObjectRef.Kind.PROCEDURE
                            : ObjectRef.Kind.FUNCTION, r.signature().toString())));
        }
        return out;
    }

    private record Privilege(String name, List<String> columns) {
    }
}
