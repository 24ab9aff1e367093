package dev.confiture.coordination;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.schema.ObjectRef;

/** Reads the parts of an {@link ObjectRef} identity ({@code public."Users".bio}) to find the table an object belongs to. */
public final class ObjectIdentities {

    private ObjectIdentities() {
    }

    /**
     * The table a table, column, constraint, trigger or policy belongs to, as {@code schema.table}
     * (quoted as SQL needs); null for objects that stand alone (functions, types, indexes named
     * only by schema and name).
     */
    public static String owningTable(ObjectRef ref) {
        List<String> parts = split(ref.identity());
        return switch (ref.kind()) {
            case TABLE -> parts.size() == 2 ? ref.identity() : null;
            case COLUMN, CONSTRAINT, TRIGGER, POLICY -> parts.size() == 3 ? join(parts.subList(0, 2)) : null;
            default -> null;
        };
    }

    /** The dot-separated parts of an identity, as written (quotes kept), stopping at an argument list. */
    public static List<String> split(String identity) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < identity.length(); i++) {
            char c = identity.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                break;
            } else if (!quoted && c == '.') {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }

    private static String join(List<String> parts) {
        return String.join(".", parts);
    }
}
