package dev.confiture.runner.verify.javamigrations.agree;

import dev.confiture.api.Migration;
import dev.confiture.api.MigrationContext;

/** A Java migration that the schema files agree with, and whose down undoes its up. */
public class V002__AddAuditColumn implements Migration {

    @Override
    public void up(MigrationContext ctx) {
        ctx.execute("ALTER TABLE users ADD COLUMN updated_at timestamptz");
    }

    @Override
    public void down(MigrationContext ctx) {
        ctx.execute("ALTER TABLE users DROP COLUMN updated_at");
    }
}
