package dev.confiture.runner.testmigrations.dup;

import dev.confiture.api.Migration;
import dev.confiture.api.MigrationContext;

public class V002__AlsoTwo implements Migration {
    @Override
    public void up(MigrationContext ctx) {
        ctx.execute("SELECT 1");
    }
}
