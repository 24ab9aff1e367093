package dev.confiture.model.schema;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Default privileges ({@code ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] GRANT/REVOKE ... ON TABLES}),
 * as the model keeps them: {@link Grant} rows whose object is a {@link ObjectRef.Kind#DEFAULT_PRIVILEGES} ref
 * (a privilege given beyond PostgreSQL's built-in defaults) or a {@link ObjectRef.Kind#DEFAULT_PRIVILEGES_REVOKED}
 * ref (a built-in default taken away; only the global form, without IN SCHEMA, can take one away). The ref's
 * identity is {@code [FOR ROLE r ][IN SCHEMA s ]ON TABLES}: the role left out when the SQL names none (the
 * current user), the object type spelled as the statement spells it ({@code TABLES}, {@code SEQUENCES},
 * {@code FUNCTIONS}, {@code TYPES}, {@code SCHEMAS}; {@code ROUTINES} is {@code FUNCTIONS}).
 *
 * <p>This is the difference pg_dump writes ({@code acldefault()} against {@code pg_default_acl}): a privilege
 * that the defaults already hold is not a row, so two models compare equal whenever the databases would hand the
 * same privileges to the objects created later.
 */
public final class DefaultPrivileges {

    /** The object types, with the privileges {@code ALL} means for each (PostgreSQL 15/16, no MAINTAIN). */
    public static final Map<String, List<String>> ALL = Map.of(
            "TABLES", List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"),
            "SEQUENCES", List.of("SELECT", "UPDATE", "USAGE"),
            "FUNCTIONS", List.of("EXECUTE"),
            "TYPES", List.of("USAGE"),
            "SCHEMAS", List.of("USAGE", "CREATE"));

    /** What PUBLIC holds on a new object of the type without any default privilege ({@code acldefault}). */
    public static final Map<String, Set<String>> PUBLIC_BUILT_IN = Map.of(
            "FUNCTIONS", Set.of("EXECUTE"), "TYPES", Set.of("USAGE"));

    /** The role placeholder for entries written without {@code FOR ROLE} (the current user). */
    public static final String CURRENT_USER = "CURRENT_USER";

    /** An identity taken apart: {@code role} and {@code schema} null when not written. */
    public record Target(String role, String schema, String objectType) {
        public Target {
            objectType = objectType.toUpperCase(Locale.ROOT);
            if (objectType.equals("ROUTINES")) {
                objectType = "FUNCTIONS";
            }
            if (!ALL.containsKey(objectType)) {
                throw new IllegalArgumentException("no default privileges on " + objectType);
            }
        }

        public String identity() {
            StringBuilder sb = new StringBuilder();
            if (role != null) {
                sb.append("FOR ROLE ").append(Identifiers.quote(role)).append(' ');
            }
            if (schema != null) {
                sb.append("IN SCHEMA ").append(Identifiers.quote(schema)).append(' ');
            }
            return sb.append("ON ").append(objectType).toString();
        }

        public ObjectRef granted() {
            return new ObjectRef(ObjectRef.Kind.DEFAULT_PRIVILEGES, identity());
        }

        public ObjectRef revoked() {
            return new ObjectRef(ObjectRef.Kind.DEFAULT_PRIVILEGES_REVOKED, identity());
        }

        /** The role whose built-in defaults the global form starts from: the role, or {@code CURRENT_USER}. */
        public String owner() {
            return role == null ? CURRENT_USER : role;
        }

        /** The statement's words before {@code GRANT}/{@code REVOKE}: {@code ALTER DEFAULT PRIVILEGES FOR ROLE r IN SCHEMA s}. */
        public String prefix() {
            String id = identity();
            String head = id.substring(0, id.length() - ("ON " + objectType).length()).strip();
            return "ALTER DEFAULT PRIVILEGES" + (head.isEmpty() ? "" : " " + head);
        }
    }

    private DefaultPrivileges() {
    }

    public static boolean isDefaultPrivileges(ObjectRef ref) {
        return ref.kind() == ObjectRef.Kind.DEFAULT_PRIVILEGES || ref.kind() == ObjectRef.Kind.DEFAULT_PRIVILEGES_REVOKED;
    }

    /** Takes an identity apart; the inverse of {@link Target#identity()}. */
    public static Target parse(String identity) {
        String rest = identity;
        String role = null;
        String schema = null;
        if (rest.startsWith("FOR ROLE ")) {
            String[] r = identifier(rest.substring("FOR ROLE ".length()));
            role = r[0];
            rest = r[1];
        }
        if (rest.startsWith("IN SCHEMA ")) {
            String[] r = identifier(rest.substring("IN SCHEMA ".length()));
            schema = r[0];
            rest = r[1];
        }
        if (!rest.startsWith("ON ")) {
            throw new IllegalArgumentException("not a default privileges identity: " + identity);
        }
        return new Target(role, schema, rest.substring(3));
    }

    /** The SQL statement that gives ({@code grant}) or takes away one row's privilege. */
    public static String sql(Grant g, boolean grant) {
        Target t = parse(g.object().identity());
        boolean give = g.object().kind() == ObjectRef.Kind.DEFAULT_PRIVILEGES ? grant : !grant;
        String grantee = "PUBLIC".equals(g.grantee()) ? "PUBLIC"
                : CURRENT_USER.equals(g.grantee()) ? CURRENT_USER : Identifiers.quote(g.grantee());
        // a grant option on a built-in privilege (the owner's, global form) is taken back alone: the privilege stays
        boolean optionOnly = !give && g.withGrantOption() && t.schema() == null
                && g.grantee().equals(t.role() == null ? CURRENT_USER : t.role());
        return t.prefix() + (give ? " GRANT " : optionOnly ? " REVOKE GRANT OPTION FOR " : " REVOKE ") + g.privilege()
                + " ON " + t.objectType()
                + (give ? " TO " : " FROM ") + grantee
                + (give && g.withGrantOption() && g.object().kind() == ObjectRef.Kind.DEFAULT_PRIVILEGES
                ? " WITH GRANT OPTION" : "");
    }

    /** {@code "a b".rest} -> [{@code a b}, {@code rest}]: one identifier as {@link Identifiers#quote} writes it, then a space. */
    private static String[] identifier(String s) {
        int end;
        String name;
        if (s.startsWith("\"")) {
            StringBuilder sb = new StringBuilder();
            int i = 1;
            while (true) {
                char ch = s.charAt(i);
                if (ch == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        sb.append('"');
                        i += 2;
                        continue;
                    }
                    break;
                }
                sb.append(ch);
                i++;
            }
            name = sb.toString();
            end = i + 1;
        } else {
            end = s.indexOf(' ');
            name = s.substring(0, end);
        }
        return new String[] {name, s.substring(end).stripLeading()};
    }
}
