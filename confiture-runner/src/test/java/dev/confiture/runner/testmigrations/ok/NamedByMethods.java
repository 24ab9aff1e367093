package dev.confiture.runner.testmigrations.ok;

import dev.confiture.api.Migration;
import dev.confiture.api.MigrationContext;

/** Version and name from methods instead of the class name; irreversible (no down). */
public class NamedByMethods implements Migration {

    @Override
    public String version() {
        return "005";
    }

    @Override
    public String name() {
        return "audit_table";
    }

    @Override
    public void up(MigrationContext ctx) {
        ctx.execute("CREATE TABLE audit (id int)");
    }
}
