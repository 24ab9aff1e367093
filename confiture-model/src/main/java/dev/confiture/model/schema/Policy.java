package dev.confiture.model.schema;

import java.util.List;

/** A row-level security policy: {@code command} ALL/SELECT/INSERT/UPDATE/DELETE, roles (PUBLIC when empty). */
public record Policy(String name, QualifiedName table, boolean permissive, String command, List<String> roles,
                     String using, String withCheck) {
    public Policy {
        roles = List.copyOf(roles);
    }
}
