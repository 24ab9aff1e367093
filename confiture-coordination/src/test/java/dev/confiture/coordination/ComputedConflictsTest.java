package dev.confiture.coordination;

import static dev.confiture.coordination.StoreFixture.intent;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Store step 3: conflicts are computed from the intents' objects when status reads them, and say
 * what the registrations that met them said: the same pairs, in the same order, each conflict's
 * objects in the order the later registration saw them.
 */
class ComputedConflictsTest {

    private final StoreFixture fx = new StoreFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void statusShowsEachPairAsItsLaterRegistrationSawIt() {
        try (CoordinationService s = fx.initialised()) {
            IntentReport alice = s.register(intent("alice", "profiles", "orders",
                    "ALTER TABLE users ADD COLUMN bio text;\nCREATE FUNCTION app.score(integer) RETURNS integer"
                            + " LANGUAGE sql AS $$ SELECT 1 $$;"));
            // bob declares the function before the column: alice's side lists them in that order
            IntentReport bob = s.register(intent("bob", "scores", null,
                    "CREATE OR REPLACE FUNCTION app.score(integer) RETURNS integer LANGUAGE sql AS $$ SELECT 2 $$;\n"
                            + "ALTER TABLE users ADD COLUMN bio text;"));
            IntentReport carol = s.register(intent("carol", "orders", "orders", null));
            assertThat(bob.conflicts()).extracting(Conflict::type).containsExactly("column", "function");

            StatusReport status = s.status(null, null);
            assertThat(status.intents()).extracting(IntentReport::intentId)
                    .containsExactly(alice.intentId(), bob.intentId(), carol.intentId());
            assertThat(status.intents().get(0).conflicts())
                    .extracting(Conflict::intentId, Conflict::type, Conflict::severity, Conflict::objects)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(bob.intentId(), "function", "error", List.of("app.score(integer)")),
                            org.assertj.core.groups.Tuple.tuple(bob.intentId(), "column", "error", List.of("public.users.bio")),
                            org.assertj.core.groups.Tuple.tuple(carol.intentId(), "table", "warning", List.of("public.orders")));
            assertThat(status.intents().get(1).conflicts()).isEqualTo(bob.conflicts());
            assertThat(status.intents().get(2).conflicts()).isEqualTo(carol.conflicts());
        }
    }

    @Test
    void aFinishedIntentListsOnlyTheIntentsItWasActiveWith() {
        try (CoordinationService s = fx.initialised()) {
            IntentReport alice = s.register(intent("alice", "profiles", "users", null));
            IntentReport bob = s.register(intent("bob", "bios", "users", null));
            s.complete(alice.intentId(), "alice", "success", null);
            IntentReport carol = s.register(intent("carol", "later", "users", null));
            assertThat(carol.conflicts()).extracting(Conflict::intentId).containsExactly(bob.intentId());

            IntentReport finished = s.status(null, "completed").intents().get(0);
            assertThat(finished.intentId()).isEqualTo(alice.intentId());
            assertThat(finished.conflicts()).extracting(Conflict::intentId).containsExactly(bob.intentId());
            // and the active ones no longer list it
            assertThat(s.status(null, null).intents()).allSatisfy(i -> assertThat(i.conflicts())
                    .extracting(Conflict::intentId).doesNotContain(alice.intentId()));
        }
    }

    @Test
    void aVersionTwoStoreIsUpgradedInPlaceAndItsIntentsConflictAsBefore() throws Exception {
        try (StoreFixture old = new StoreFixture()) {
            StoreSchema.BOOTSTRAP.forEach(old.db::execute);
            for (StoreSchema.Step step : StoreSchema.STEPS.subList(0, 2)) {
                step.statements().forEach(old.db::execute);
                old.db.execute("INSERT INTO confiture_coordination.schema_version (version, description) VALUES ("
                        + step.version() + ", 'v" + step.version() + "')");
            }
            // two intents registered through version 2's function, objects in declaration order
            try (Connection c = old.db.connect()) {
                registerV2(c, "int_00000000000a", "alice", "profiles",
                        "[{\"kind\": \"TABLE\", \"identity\": \"public.users\", \"table_identity\": \"public.users\","
                                + " \"action\": \"DECLARED\", \"line\": 0},"
                                + " {\"kind\": \"COLUMN\", \"identity\": \"public.users.bio\", \"table_identity\": \"public.users\","
                                + " \"action\": \"CREATE\", \"line\": 1}]");
                registerV2(c, "int_00000000000b", "bob", "bios",
                        "[{\"kind\": \"COLUMN\", \"identity\": \"public.users.bio\", \"table_identity\": \"public.users\","
                                + " \"action\": \"CREATE\", \"line\": 1}]");
            }
            try (CoordinationService s = old.service()) {
                InitReport upgrade = s.init();
                assertThat(upgrade.schemaVersion()).isEqualTo(StoreSchema.latestVersion());
                assertThat(upgrade.appliedSteps()).first().asString().startsWith("3: ");
                assertThat(upgrade.appliedSteps()).hasSize(StoreSchema.latestVersion() - 2);
                assertThat(s.init().appliedSteps()).isEmpty();

                List<IntentReport> intents = s.status(null, null).intents();
                assertThat(intents).extracting(IntentReport::intentId).containsExactly("int_00000000000a", "int_00000000000b");
                assertThat(intents.get(0).conflicts()).extracting(Conflict::intentId, Conflict::type, Conflict::objects)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("int_00000000000b", "column",
                                List.of("public.users.bio")));
                assertThat(intents.get(1).conflicts()).extracting(Conflict::intentId).containsExactly("int_00000000000a");

                IntentReport carol = s.register(intent("carol", "later", null, "ALTER TABLE users ADD COLUMN bio text"));
                assertThat(carol.conflicts()).extracting(Conflict::intentId)
                        .containsExactly("int_00000000000a", "int_00000000000b");
            }
            try (Connection c = old.db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT string_agg(intent_id || ':' || ordinal, ',' ORDER BY intent_id, ordinal)"
                         + " FROM confiture_coordination.intent_objects WHERE intent_id LIKE 'int_00000000000_'),"
                         + " has_function_privilege('confiture_agent', 'confiture_coordination.register_intent(text, text, text,"
                         + " text, numeric, text[], text, jsonb)', 'EXECUTE'),"
                         + " has_function_privilege('confiture_reader', 'confiture_coordination.register_intent(text, text, text,"
                         + " text, numeric, text[], text, jsonb)', 'EXECUTE'),"
                         + " to_regprocedure('confiture_coordination.record_conflicts(text, jsonb)') IS NULL")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("int_00000000000a:1,int_00000000000a:2,int_00000000000b:1");
                assertThat(rs.getBoolean(2)).as("agents still register").isTrue();
                assertThat(rs.getBoolean(3)).as("readers still may not").isFalse();
                assertThat(rs.getBoolean(4)).as("record_conflicts is gone").isTrue();
            }
        }
    }

    private static void registerV2(Connection c, String id, String agent, String feature, String objects) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT o_branch FROM confiture_coordination.register_intent("
                + "?, ?, ?, 'medium', 1, ARRAY['public.users'], NULL, ?::jsonb)")) {
            ps.setString(1, id);
            ps.setString(2, agent);
            ps.setString(3, feature);
            ps.setString(4, objects);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("feature/" + feature + "_");
            }
        }
    }
}
