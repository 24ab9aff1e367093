package dev.confiture.runner.verify.javamigrations.leaky;

import dev.confiture.api.Migration;
import dev.confiture.api.MigrationContext;

/** A Java migration whose down forgets the index its up created. */
public class V002__AddAuditColumn implements Migration {

    @Override
    public void up(MigrationContext ctx) {
        ctx.execute("ALTER TABLE users ADD COLUMN updated_at timestamptz");
        ctx.execute("CREATE INDEX users_email_lower_idx ON users (lower(email))");
    }

    @Override
    public void down(MigrationContext ctx) {
        ctx.execute("ALTER TABLE users DROP COLUMN updated_at");
    }
}
