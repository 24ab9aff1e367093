package dev.confiture.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/**
 * Registrations analyse the store when autovacuum would have and does not run: without statistics,
 * a session's prepared statements keep the generic plan they made on a nearly empty store, a
 * sequential scan of intent_objects, and every registration and check grows with the store.
 */
class StorePlanningTest {

    @Test
    void registrationsAnalyseTheStoreWhenAutovacuumDoesNot() throws Exception {
        try (StoreFixture fixture = new StoreFixture(); CoordinationService service = fixture.initialised()) {
            fixture.db.execute("ALTER TABLE confiture_coordination.intent_objects SET (autovacuum_enabled = false);"
                    + " ALTER TABLE confiture_coordination.intents SET (autovacuum_enabled = false)");
            assertThat(reltuples(service)).isLessThanOrEqualTo(0);
            // autovacuum's rule: more than 50 changed rows on an empty table; the server's row
            // counters reach the shared statistics within about a second, so a few more registrations
            // may be needed than the rule says
            int registered = 0;
            while (reltuples(service) <= 0 && registered < 400) {
                service.register(StoreFixture.intent("agent" + registered, "feature_" + registered, "t" + registered, null));
                registered++;
                if (registered > 60) {
                    Thread.sleep(25);
                }
            }
            assertThat(reltuples(service)).as("intent_objects analysed after %d registrations", registered).isPositive();
        }
    }

    private static float reltuples(CoordinationService service) throws Exception {
        try (Statement st = service.store().connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT reltuples FROM pg_class WHERE oid = 'confiture_coordination.intent_objects'::regclass")) {
            rs.next();
            float value = rs.getFloat(1);
            service.store().connection().rollback();
            return value;
        }
    }
}
