package dev.confiture.model.config;

import java.util.List;

/**
 * The {@code fleet:} of an environment (docs/fleet.md): the databases one run brings up to date, and
 * optionally the tenant schemas inside each of them.
 *
 * @param databases the {@code databases:} entries, in file order, names unique
 * @param tenants   the {@code tenants:} setting, or null when every database is one target
 */
public record Fleet(List<FleetDatabase> databases, FleetTenants tenants) {

    public Fleet {
        databases = List.copyOf(databases);
    }

    /**
     * One entry of {@code fleet.databases}.
     *
     * @param name     the entry's {@code name:}, the target name (and the prefix of its tenants' names)
     * @param settings where to connect
     * @param line     the entry's line in the environment file
     */
    public record FleetDatabase(String name, DatabaseSettings settings, int line) {
    }

    /**
     * {@code fleet.tenants}: the schemas, one target each, inside every database of the fleet.
     *
     * @param query a query whose first column lists the schemas, run on each database; null with {@code list}
     * @param list  the schemas, the same in every database; empty with {@code query}
     */
    public record FleetTenants(String query, List<String> list) {
        public FleetTenants {
            list = list == null ? List.of() : List.copyOf(list);
        }
    }
}
