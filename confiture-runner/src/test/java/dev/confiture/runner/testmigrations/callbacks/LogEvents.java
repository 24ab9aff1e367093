package dev.confiture.runner.testmigrations.callbacks;

import dev.confiture.api.Callback;
import dev.confiture.api.MigrationContext;

/** Logs every event it sees, with how many migrations are recorded at that moment. */
public class LogEvents implements Callback {

    @Override
    public boolean supports(String event) {
        return !event.equals("afterMigrateError");
    }

    @Override
    public void handle(String event, MigrationContext ctx) {
        ctx.execute("INSERT INTO cb_log (what, recorded) VALUES ('java " + event + "', (SELECT count(*) FROM confiture_migrations))");
    }
}
