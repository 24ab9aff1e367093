package dev.confiture.coordination;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/** A fresh database per test, and services connected to it. */
final class StoreFixture implements AutoCloseable {

    final TestDatabase db = TestPostgres.newDatabase("coord");
    final DatabaseSettings settings = new DatabaseSettings(db.jdbcUrl(), db.user(), db.password());

    CoordinationService service() {
        return CoordinationService.open(settings);
    }

    CoordinationService initialised() {
        CoordinationService s = service();
        s.init();
        return s;
    }

    static RegisterRequest intent(String agent, String feature, String tables, String sql) {
        return new RegisterRequest(agent, feature, tables, sql, "medium", "3");
    }

    @Override
    public void close() {
        db.close();
    }
}
