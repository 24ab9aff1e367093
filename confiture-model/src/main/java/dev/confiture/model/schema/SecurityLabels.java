package dev.confiture.model.schema;

import java.util.Set;

/**
 * Security labels ({@code SECURITY LABEL [FOR provider] ON kind name IS 'label'}), kept as {@link OtherObject}s of
 * kind {@link ObjectRef.Kind#SECURITY_LABEL}: identity {@code [FOR provider ]ON kind name} (the labelled object's
 * kind and identity as {@link ObjectRef} spells them, the provider left out when the SQL names none), defined by
 * the statement that sets the label and dropped by the one that sets it to NULL; {@code dependsOn} holds the
 * labelled object, so a label is set again when the diff creates its object again.
 */
public final class SecurityLabels {

    private SecurityLabels() {
    }

    /** The label object for {@code provider} (null: not written) on {@code target}. */
    public static OtherObject of(String provider, ObjectRef target, String label) {
        String on = (provider == null ? "" : "FOR " + Identifiers.quote(provider) + " ") + "ON " + target.kind().sql()
                + " " + target.identity();
        ObjectRef ref = new ObjectRef(ObjectRef.Kind.SECURITY_LABEL, on);
        return new OtherObject(ref, "SECURITY LABEL " + on + " IS '" + label.replace("'", "''") + "'",
                "SECURITY LABEL " + on + " IS NULL", Set.of(target));
    }

    /** The labelled object of a label object. */
    public static ObjectRef target(OtherObject label) {
        return label.dependsOn().iterator().next();
    }

    /** The provider of a label object, null when none was written. */
    public static String provider(OtherObject label) {
        String id = label.ref().identity();
        if (!id.startsWith("FOR ")) {
            return null;
        }
        String rest = id.substring(4);
        if (rest.startsWith("\"")) {
            int end = 1;
            while (true) {
                end = rest.indexOf('"', end);
                if (end + 1 < rest.length() && rest.charAt(end + 1) == '"') {
                    end += 2;
                    continue;
                }
                break;
            }
            return rest.substring(1, end).replace("\"\"", "\"");
        }
        return rest.substring(0, rest.indexOf(' '));
    }

    /** The label's text. */
    public static String label(OtherObject label) {
        String sql = label.createSql();
        int is = sql.lastIndexOf(" IS '");
        return sql.substring(is + 5, sql.length() - 1).replace("''", "'");
    }
}
