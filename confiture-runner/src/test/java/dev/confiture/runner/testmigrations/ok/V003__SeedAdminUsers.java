package dev.confiture.runner.testmigrations.ok;

import java.sql.PreparedStatement;

import dev.confiture.api.Migration;
import dev.confiture.api.MigrationContext;

/** A Java migration between two SQL ones: seeds rows through a prepared statement. */
public class V003__SeedAdminUsers implements Migration {

    @Override
    public void up(MigrationContext ctx) throws Exception {
        try (PreparedStatement ps = ctx.connection().prepareStatement("INSERT INTO users (email) VALUES (?)")) {
            for (String email : new String[] {"root@example.org", "ops@example.org"}) {
                ps.setString(1, email);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public void down(MigrationContext ctx) {
        ctx.execute("DELETE FROM users WHERE email IN ('root@example.org', 'ops@example.org')");
    }
}
