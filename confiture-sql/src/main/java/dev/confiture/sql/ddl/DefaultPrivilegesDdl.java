package dev.confiture.sql.ddl;

import dev.confiture.model.schema.DefaultPrivileges;
import dev.confiture.model.schema.DefaultPrivileges.Target;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.Identifiers;
import dev.confiture.model.schema.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ALTER DEFAULT PRIVILEGES [FOR ROLE r, ...] [IN SCHEMA s, ...] GRANT/REVOKE [GRANT OPTION FOR] ... ON
 * TABLES | SEQUENCES | FUNCTIONS | ROUTINES | TYPES | SCHEMAS TO/FROM ...}, kept as {@link DefaultPrivileges}
 * rows: each statement works on the whole privilege list PostgreSQL keeps for (role, schema, type), starting
 * from the built-in defaults for the global form and from nothing for the IN SCHEMA form, and the model keeps
 * what that list differs from the built-in defaults by, as pg_default_acl does.
 *
 * <p>Objects created later in the same run get the privileges the entries written without {@code FOR ROLE}
 * give (those of the current user, who creates them): tables, views, materialized views and foreign tables
 * ({@code TABLES}), sequences, functions, procedures and aggregates, types and domains, schemas. Entries
 * {@code FOR ROLE r} describe what r creates, which SQL files do not say, so they are kept but not applied.
 */
final class DefaultPrivilegesDdl {

    private static final Set<String> CURRENT = Set.of("current_user", "current_role", "session_user");

    private record Entry(String grantee, String privilege) {
    }

    private final Interpretation st;

    DefaultPrivilegesDdl(Interpretation st) {
        this.st = st;
    }

    /** After {@code ALTER DEFAULT PRIVILEGES}. */
    void alter(Cursor c) {
        List<String> roles = new ArrayList<>();
        List<String> schemas = new ArrayList<>();
        while (true) {
            if (c.accept("for")) {
                if (!c.accept("role")) {
                    c.expect("user");
                }
                do {
                    Token role = c.peek();
                    String name = c.identifier();
                    roles.add(role.type() == Token.Type.WORD && CURRENT.contains(name) ? null : name);
                } while (c.accept(","));
            } else if (c.accept("in", "schema")) {
                do {
                    schemas.add(c.identifier());
                } while (c.accept(","));
            } else {
                break;
            }
        }
        boolean revoke = !c.accept("grant");
        if (revoke) {
            c.expect("revoke");
        }
        boolean grantOptionOnly = revoke && c.accept("grant", "option", "for");
        List<Token> privTokens = c.untilAny("on");
        c.expect("on");
        if (c.is("large", "objects")) {
            throw new UnsupportedDdl("ALTER DEFAULT PRIVILEGES ... ON LARGE OBJECTS (large objects are data)");
        }
        String objectType = c.identifier().toUpperCase(Locale.ROOT);
        if (objectType.equals("ROUTINES")) {
            objectType = "FUNCTIONS";
        }
        List<String> all = DefaultPrivileges.ALL.get(objectType);
        if (all == null) {
            throw new UnsupportedDdl("ALTER DEFAULT PRIVILEGES ... ON " + objectType
                    + " (TABLES, SEQUENCES, FUNCTIONS, ROUTINES, TYPES or SCHEMAS)");
        }
        if (objectType.equals("SCHEMAS") && !schemas.isEmpty()) {
            throw new ObjectStateError("cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS");
        }
        List<String> privileges = new ArrayList<>();
        for (List<Token> p : Cursor.splitCommas(privTokens)) {
            Cursor pc = new Cursor(p);
            if (pc.accept("all")) {
                pc.accept("privileges");
                pc.expectEnd();
                privileges.addAll(all);
                continue;
            }
            String name = pc.identifier().toUpperCase(Locale.ROOT);
            pc.expectEnd();
            if (!all.contains(name)) {
                throw new ObjectStateError("invalid privilege type " + name + " for " + objectType.toLowerCase(Locale.ROOT)
                        + " (" + String.join(", ", all) + ")");
            }
            privileges.add(name);
        }
        c.expect(revoke ? "from" : "to");
        List<String> grantees = new ArrayList<>();
        do {
            c.accept("group");
            Token g = c.peek();
            String name = c.identifier();
            grantees.add(name.equals("public") && g.type() == Token.Type.WORD ? "PUBLIC"
                    : g.type() == Token.Type.WORD && CURRENT.contains(name) ? DefaultPrivileges.CURRENT_USER : name);
        } while (c.accept(","));
        boolean withGrantOption = !revoke && c.accept("with", "grant", "option");
        if (withGrantOption && grantees.contains("PUBLIC")) {
            throw new ObjectStateError("grant options can only be granted to roles");
        }
        c.accept("cascade");
        c.accept("restrict");
        c.expectEnd();
        if (roles.isEmpty()) {
            roles.add(null);
        }
        if (schemas.isEmpty()) {
            schemas.add(null);
        }
        for (String role : roles) {
            for (String schema : schemas) {
                Target t = new Target(role, schema, objectType);
                st.touch(t.granted(), TouchedObject.Action.GRANT);
                Map<Entry, Boolean> acl = effective(t);
                for (String grantee : grantees) {
                    for (String privilege : privileges) {
                        Entry e = new Entry(grantee, privilege);
                        if (!revoke) {
                            acl.merge(e, withGrantOption, Boolean::logicalOr);
                        } else if (grantOptionOnly) {
                            acl.computeIfPresent(e, (k, v) -> false);
                        } else {
                            acl.remove(e);
                        }
                    }
                }
                store(t, acl);
            }
        }
    }

    /** The built-in defaults the global form starts from ({@code acldefault}); nothing for IN SCHEMA. */
    private static Map<Entry, Boolean> builtIn(Target t) {
        Map<Entry, Boolean> out = new LinkedHashMap<>();
        if (t.schema() != null) {
            return out;
        }
        for (String p : DefaultPrivileges.ALL.get(t.objectType())) {
            out.put(new Entry(t.owner(), p), false);
        }
        for (String p : DefaultPrivileges.PUBLIC_BUILT_IN.getOrDefault(t.objectType(), Set.of())) {
            out.put(new Entry("PUBLIC", p), false);
        }
        return out;
    }

    /** The privilege list PostgreSQL holds for the target now: built-in defaults, less the revoked rows, plus the granted. */
    private Map<Entry, Boolean> effective(Target t) {
        Map<Entry, Boolean> acl = builtIn(t);
        ObjectRef granted = t.granted();
        ObjectRef revoked = t.revoked();
        for (Grant g : st.model.grants) {
            if (g.object().equals(revoked)) {
                acl.remove(new Entry(g.grantee(), g.privilege()));
            } else if (g.object().equals(granted)) {
                acl.put(new Entry(g.grantee(), g.privilege()), g.withGrantOption());
            }
        }
        return acl;
    }

    private void store(Target t, Map<Entry, Boolean> acl) {
        ObjectRef granted = t.granted();
        ObjectRef revoked = t.revoked();
        st.model.grants.removeIf(g -> g.object().equals(granted) || g.object().equals(revoked));
        Map<Entry, Boolean> builtIn = builtIn(t);
        acl.forEach((e, option) -> {
            if (!option.equals(builtIn.get(e))) {
                st.model.grants.add(new Grant(granted, e.grantee(), e.privilege(), option));
            }
        });
        builtIn.keySet().stream().filter(e -> !acl.containsKey(e))
                .forEach(e -> st.model.grants.add(new Grant(revoked, e.grantee(), e.privilege(), false)));
    }

    /** {@code DROP SCHEMA} takes the schema's {@code IN SCHEMA} default privileges along, as in PostgreSQL. */
    static void dropSchema(Interpretation st, String schema) {
        st.model.grants.removeIf(g -> DefaultPrivileges.isDefaultPrivileges(g.object())
                && schema.equals(DefaultPrivileges.parse(g.object().identity()).schema()));
    }

    // ------------------------------------------------------------------ objects created later

    /**
     * The objects default privileges apply to, with their schema (null for schemas), before a statement; null when
     * no entry would give anything (the usual case, which costs one look at the grants).
     */
    Map<ObjectRef, String> snapshot() {
        if (st.model.grants.stream().noneMatch(g -> (g.object().kind() == ObjectRef.Kind.DEFAULT_PRIVILEGES
                || g.object().kind() == ObjectRef.Kind.DEFAULT_PRIVILEGES_REVOKED)
                && DefaultPrivileges.parse(g.object().identity()).role() == null)) {
            return null;
        }
        Map<ObjectRef, String> out = new HashMap<>();
        st.model.tables.keySet().forEach(q -> out.put(ObjectRef.table(q), q.schema()));
        st.model.views.values().forEach(v -> out.put(viewRef(v), v.name().schema()));
        st.model.sequences.keySet().forEach(q -> out.put(ObjectRef.of(ObjectRef.Kind.SEQUENCE, q), q.schema()));
        st.model.routines.values().forEach(r -> out.put(ObjectRef.routine(r.kind(), r.signature()),
                r.signature().name().schema()));
        st.model.enums.keySet().forEach(q -> out.put(ObjectRef.of(ObjectRef.Kind.TYPE, q), q.schema()));
        st.model.composites.keySet().forEach(q -> out.put(ObjectRef.of(ObjectRef.Kind.TYPE, q), q.schema()));
        st.model.domains.keySet().forEach(q -> out.put(ObjectRef.of(ObjectRef.Kind.DOMAIN, q), q.schema()));
        st.model.schemas.keySet().forEach(s -> out.put(new ObjectRef(ObjectRef.Kind.SCHEMA, Identifiers.quote(s)), null));
        st.model.others.keySet().stream().filter(r -> r.kind() == ObjectRef.Kind.FOREIGN_TABLE)
                .forEach(r -> out.put(r, Interpretation.nameOf(r.identity()).schema()));
        return out;
    }

    /** Gives the objects the statement created (those not in {@code before}) what the default privileges say. */
    void applyToNew(Map<ObjectRef, String> before) {
        Map<ObjectRef, String> now = snapshot();
        if (now == null) {
            return;
        }
        now.forEach((ref, schema) -> {
            if (before.containsKey(ref)) {
                return;
            }
            String type = switch (ref.kind()) {
                case TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE -> "TABLES";
                case SEQUENCE -> "SEQUENCES";
                case FUNCTION, PROCEDURE, AGGREGATE -> "FUNCTIONS";
                case TYPE, DOMAIN -> "TYPES";
                default -> "SCHEMAS";
            };
            List<ObjectRef> sources = new ArrayList<>();
            sources.add(new Target(null, null, type).granted());
            if (schema != null) {
                sources.add(new Target(null, schema, type).granted());
            }
            ObjectRef revokedBuiltIns = new Target(null, null, type).revoked();
            for (Grant g : List.copyOf(st.model.grants)) {
                // a built-in privilege of PUBLIC taken away by default: the new object starts without it
                if (g.object().equals(revokedBuiltIns) && g.grantee().equals("PUBLIC")
                        && g.privilege().equals(Grant.publicDefault(ref.kind()))) {
                    st.model.grants.add(Grant.revokedFromPublic(ref, g.privilege()));
                    continue;
                }
                if (!sources.contains(g.object()) || g.grantee().equals(DefaultPrivileges.CURRENT_USER)
                        || (g.grantee().equals("PUBLIC") && DefaultPrivileges.PUBLIC_BUILT_IN
                        .getOrDefault(type, Set.of()).contains(g.privilege()))) {
                    continue;
                }
                Grant plain = new Grant(ref, g.grantee(), g.privilege(), false);
                Grant option = new Grant(ref, g.grantee(), g.privilege(), true);
                if (g.withGrantOption()) {
                    st.model.grants.remove(plain);
                    st.model.grants.add(option);
                } else if (!st.model.grants.contains(option)) {
                    st.model.grants.add(plain);
                }
            }
        });
    }

    private static ObjectRef viewRef(View v) {
        return ObjectRef.of(v.materialized() ? ObjectRef.Kind.MATERIALIZED_VIEW : ObjectRef.Kind.VIEW, v.name());
    }

}
