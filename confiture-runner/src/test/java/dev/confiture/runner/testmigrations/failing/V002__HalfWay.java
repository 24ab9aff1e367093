package dev.confiture.runner.testmigrations.failing;

import dev.confiture.api.Migration;
import dev.confiture.api.MigrationContext;

/** Creates a table, then fails: nothing of it may stay. */
public class V002__HalfWay implements Migration {
    @Override
    public void up(MigrationContext ctx) {
        ctx.execute("CREATE TABLE java_half (id int)");
        ctx.execute("INSERT INTO java_half VALUES ('not a number')");
    }
}
