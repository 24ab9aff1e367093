package dev.confiture.runner.testmigrations.dup;

import dev.confiture.runner.api.Migration;
import dev.confiture.runner.api.MigrationContext;

public class V002__AlsoTwo implements Migration {
    @Override
    public void up(MigrationContext ctx) {
        ctx.execute("SELECT 1");
    }
}
