package dev.confiture.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;

/**
 * The check's one read (store step 5): {@code overlapping_objects}, run as one autocommit
 * statement, with a plan that uses the partial indexes whatever the statistics say.
 */
class CheckReadTest {

    @Test
    void theCheckReadsThroughTheIndexesWithAPlanMadeOnItsFirstCall() throws Exception {
        try (StoreFixture fixture = new StoreFixture(); CoordinationService service = fixture.initialised()) {
            service.register(StoreFixture.intent("alice", "profiles", "users", "ALTER TABLE users ADD COLUMN bio text"));
            // 3,000 other intents on 1,000 other tables, written directly (the test's role owns the store)
            fixture.db.execute("INSERT INTO confiture_coordination.intents (intent_id, agent_id, feature_name, sequence,"
                    + " branch, status, risk_level, tables, owner_role) SELECT 'int_' || lpad(to_hex(n), 12, '0'), 'agent' || n % 50,"
                    + " 'f' || n, 1, 'feature/f' || n || '_001', 'REGISTERED', 'low', ARRAY['public.t' || n % 1000], current_user"
                    + " FROM generate_series(1, 3000) n;"
                    + " INSERT INTO confiture_coordination.intent_objects (intent_id, kind, identity, table_identity, action,"
                    + " agent_id, feature_name, branch, registered_at, owner_role, ordinal) SELECT intent_id, 'TABLE', tables[1],"
                    + " tables[1], 'DECLARED', agent_id, feature_name, branch, registered_at, owner_role, 1"
                    + " FROM confiture_coordination.intents WHERE agent_id <> 'alice';"
                    + " ANALYZE confiture_coordination.intent_objects");
            // auto_explain sends the plans of the statements run inside the function to the session (the
            // driver hands them to the statement that ran it as warnings)
            try (Connection c = fixture.db.connect(); Statement st = c.createStatement()) {
                st.execute("LOAD 'auto_explain'");
                st.execute("SET auto_explain.log_min_duration = 0");
                st.execute("SET auto_explain.log_nested_statements = on");
                st.execute("SET client_min_messages = log");
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM confiture_coordination.overlapping_objects("
                        + "'carol', ARRAY['public.users'], ARRAY['public.users', 'public.users.bio'])")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(2);
                }
                // the generic plan (parameters, not the call's values) already on the first call; left
                // to itself, the server would plan each call with its values (a custom plan) for good
                assertThat(warnings(st.getWarnings()))
                        .contains("intent_objects_active_table_idx", "intent_objects_active_identity_idx")
                        .contains("ANY ($2)", "ANY ($3)")
                        .doesNotContain("Seq Scan on intent_objects", "'{public.users");
            }
            assertThat(service.check(new CheckRequest("carol", "users", "ALTER TABLE users ADD COLUMN bio text"))
                    .conflicts()).extracting(Conflict::intentId, Conflict::type)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(
                            service.status("alice", null).intents().get(0).intentId(), "column"));
            assertThat(service.store().connection().getAutoCommit()).as("the connection is back in transaction mode")
                    .isFalse();
        }
    }

    @Test
    void aCheckByARoleThatMayNotReadTheStoreIsToldWhichGrantItNeeds() {
        try (StoreFixture fixture = new StoreFixture(); LoginRoles roles = new LoginRoles(fixture.db)) {
            try (CoordinationService owner = fixture.initialised()) {
                owner.register(StoreFixture.intent("alice", "profiles", "users", null));
            }
            String nobody = roles.create("coord_nobody", "");
            try (CoordinationService s = roles.service(nobody)) {
                assertThatThrownBy(() -> s.check(new CheckRequest("nobody", "users", null)))
                        .isInstanceOfSatisfying(ConfitureException.class,
                                e -> assertThat(e.code()).isEqualTo("COORDINATION_PERMISSION_DENIED"))
                        .hasMessageContaining(nobody).hasMessageContaining("GRANT confiture_reader TO " + nobody);
                // the refused read left the session usable, in transaction mode
                fixture.db.execute("GRANT confiture_reader TO " + nobody);
                assertThat(s.check(new CheckRequest("nobody", "users", null)).conflicts()).hasSize(1);
            }
        }
    }

    @Test
    void readersMayRunTheCheckFunctionAndNobodyElse() throws Exception {
        try (StoreFixture fixture = new StoreFixture(); CoordinationService service = fixture.initialised();
             Connection c = fixture.db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT has_function_privilege('confiture_reader', f, 'EXECUTE'),"
                     + " has_function_privilege('public', f, 'EXECUTE') FROM (SELECT"
                     + " 'confiture_coordination.overlapping_objects(text, text[], text[])'::regprocedure AS f) x")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getBoolean(2)).isFalse();
        }
    }

    private static String warnings(SQLWarning w) {
        StringBuilder sb = new StringBuilder();
        for (; w != null; w = w.getNextWarning()) {
            sb.append(w.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
