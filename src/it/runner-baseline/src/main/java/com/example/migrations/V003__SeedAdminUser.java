package com.example.migrations;

import dev.confiture.api.Migration;
import dev.confiture.api.MigrationContext;

/** A Java migration from the project's own sources, between SQL migrations. */
public class V003__SeedAdminUser implements Migration {

    @Override
    public void up(MigrationContext ctx) {
        ctx.execute("INSERT INTO users (email, bio) VALUES ('admin@example.org', 'seeded by a Java migration')");
    }

    @Override
    public void down(MigrationContext ctx) {
        ctx.execute("DELETE FROM users WHERE email = 'admin@example.org'");
    }
}
