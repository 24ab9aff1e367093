package dev.confiture.model.schema;

import java.util.Comparator;

/**
 * One privilege held by one grantee on one object: {@code GRANT SELECT ON TABLE public.users TO app}.
 * Column privileges use a {@code COLUMN} object ref. {@code grantee} is {@code PUBLIC} or a role name.
 * {@code revoked}: the row is a privilege PUBLIC holds by default that was taken away
 * ({@code REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC}, {@code REVOKE USAGE ON TYPE t FROM PUBLIC}): the model
 * keeps privileges that differ from PostgreSQL's defaults ({@code acldefault}), in both directions.
 */
public record Grant(ObjectRef object, String grantee, String privilege, boolean withGrantOption, boolean revoked)
        implements Comparable<Grant> {

    /** A privilege granted (not a default one revoked). */
    public Grant(ObjectRef object, String grantee, String privilege, boolean withGrantOption) {
        this(object, grantee, privilege, withGrantOption, false);
    }

    /** PUBLIC's default {@code privilege} on {@code object}, revoked. */
    public static Grant revokedFromPublic(ObjectRef object, String privilege) {
        return new Grant(object, "PUBLIC", privilege, false, true);
    }

    /** The privilege PUBLIC holds on every object of this kind unless revoked (acldefault), or null. */
    public static String publicDefault(ObjectRef.Kind kind) {
        return switch (kind) {
            case FUNCTION, PROCEDURE, AGGREGATE -> "EXECUTE";
            case TYPE, DOMAIN -> "USAGE";
            default -> null;
        };
    }

    private static final Comparator<Grant> ORDER = Comparator.comparing(Grant::object)
            .thenComparing(Grant::grantee).thenComparing(Grant::privilege)
            .thenComparing(Grant::withGrantOption).thenComparing(Grant::revoked);

    @Override
    public int compareTo(Grant o) {
        return ORDER.compare(this, o);
    }
}
