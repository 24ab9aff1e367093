package dev.confiture.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The store's session never keeps a server-side prepared statement: a generic plan made while the
 * store was nearly empty would stay a sequential scan of {@code intent_objects} until the tables
 * are analysed, which never happens on a server with autovacuum off, and every registration and
 * check would then grow with the store.
 */
class StorePlanningTest {

    @Test
    void repeatedRegistrationsAndChecksLeaveNoPreparedStatementInTheStoresSession() throws Exception {
        try (StoreFixture fixture = new StoreFixture(); CoordinationService service = fixture.initialised()) {
            // pgjdbc switches a statement to a named server-side one after its fifth use
            for (int i = 0; i < 8; i++) {
                service.register(StoreFixture.intent("agent" + i, "feature_" + i, "t" + i, null));
                service.check(new CheckRequest("other", "t" + i, null));
            }
            List<String> prepared = new ArrayList<>();
            try (Statement st = service.store().connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT statement FROM pg_prepared_statements")) {
                while (rs.next()) {
                    prepared.add(rs.getString(1));
                }
            }
            service.store().connection().rollback();
            assertThat(prepared).isEmpty();
        }
    }
}
