package dev.confiture.model.schema;

import java.util.Comparator;

/**
 * One privilege held by one grantee on one object: {@code GRANT SELECT ON TABLE public.users TO app}.
 * Column privileges use a {@code COLUMN} object ref. {@code grantee} is {@code PUBLIC} or a role name.
 */
public record Grant(ObjectRef object, String grantee, String privilege, boolean withGrantOption)
        implements Comparable<Grant> {

    private static final Comparator<Grant> ORDER = Comparator.comparing(Grant::object)
            .thenComparing(Grant::grantee).thenComparing(Grant::privilege)
            .thenComparing(Grant::withGrantOption);

    @Override
    public int compareTo(Grant o) {
        return ORDER.compare(this, o);
    }
}
