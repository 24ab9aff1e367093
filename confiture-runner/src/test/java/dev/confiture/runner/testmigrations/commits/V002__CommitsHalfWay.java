package dev.confiture.runner.testmigrations.commits;

import dev.confiture.api.Migration;
import dev.confiture.api.MigrationContext;

/** Creates a table, then tries to commit it on its own: the runner owns the transaction. */
public class V002__CommitsHalfWay implements Migration {
    @Override
    public void up(MigrationContext ctx) {
        ctx.execute("CREATE TABLE java_committed (id int)");
        ctx.execute("COMMIT");
        ctx.execute("INSERT INTO java_committed VALUES ('not a number')");
    }
}
