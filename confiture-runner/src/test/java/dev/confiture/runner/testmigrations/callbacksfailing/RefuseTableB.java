package dev.confiture.runner.testmigrations.callbacksfailing;

import java.sql.ResultSet;
import java.sql.Statement;

import dev.confiture.api.Callback;
import dev.confiture.api.MigrationContext;

/** Fails afterEachMigrate once a table b exists: the migration that made it is rolled back. */
public class RefuseTableB implements Callback {

    @Override
    public boolean supports(String event) {
        return event.equals("afterEachMigrate");
    }

    @Override
    public void handle(String event, MigrationContext ctx) throws Exception {
        try (Statement st = ctx.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT to_regclass('b') IS NOT NULL")) {
            rs.next();
            if (rs.getBoolean(1)) {
                throw new IllegalArgumentException("b is not welcome");
            }
        }
    }
}
