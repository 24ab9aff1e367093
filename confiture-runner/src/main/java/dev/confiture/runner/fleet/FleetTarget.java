package dev.confiture.runner.fleet;

import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.config.SessionSetting;
import dev.confiture.runner.RunSettings;
import dev.confiture.runner.RunnerConfig;

/**
 * One database, or one tenant schema inside one, that a fleet goal acts on (docs/fleet.md).
 *
 * @param name          {@code eu}, or {@code eu/tenant_a} for a tenant
 * @param databaseName  the {@code fleet.databases} entry it belongs to
 * @param tenant        the tenant schema, or null for a database target
 * @param database      where to connect
 * @param trackingTable the tracking table: the environment's for a database target, the same table
 *                      inside the tenant schema for a tenant
 */
public record FleetTarget(String name, String databaseName, String tenant, DatabaseSettings database, String trackingTable) {

    /**
     * The runner configuration for this target: the template's migrations and settings, this target's
     * database and tracking table, and for a tenant {@code search_path} set to its schema, after the
     * environment's own session settings so that it wins.
     */
    public RunnerConfig configFor(RunnerConfig template) {
        RunSettings run = template.run();
        if (tenant != null) {
            List<SessionSetting> settings = new ArrayList<>(run.sessionSettings());
            settings.add(new SessionSetting("search_path", tenant, null, 0, "fleet tenant " + name));
            run = new RunSettings(run.environment(), run.placeholders(), settings, run.callbacksDir());
        }
        return new RunnerConfig(database, template.migrationsDir(), trackingTable, template.javaClassLoader(),
                template.javaPackage(), template.lockTimeout(), template.includeScope(), run, template.locations());
    }
}
