package dev.confiture.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what is decided by the store, from the database role a connection logged in as:
 * an intent belongs to the role that registered it, and the agentId a caller types changes nothing.
 */
class StoreRolesTest {

    private final StoreFixture fx = new StoreFixture();
    private final LoginRoles roles = new LoginRoles(fx.db);
    private String owner;
    private String alice;
    private String bob;
    private String carol;
    private String rita;

    @BeforeEach
    void store() {
        // the store's owner is an ordinary role that may create roles and schemas, not a superuser
        owner = roles.create("coord_owner", "CREATEROLE");
        fx.db.execute("GRANT CREATE ON DATABASE " + fx.db.name() + " TO " + owner);
        try (CoordinationService s = roles.service(owner)) {
            s.init();
        }
        alice = roles.create("coord_alice", "", "confiture_agent");
        bob = roles.create("coord_bob", "", "confiture_agent");
        carol = roles.create("coord_carol", "", "confiture_coordinator");
        rita = roles.create("coord_rita", "", "confiture_reader");
    }

    @AfterEach
    void drop() {
        fx.close();
        roles.close();
    }

    private IntentReport aliceRegisters() {
        try (CoordinationService s = roles.service(alice)) {
            return s.register(new RegisterRequest("alice", "user_profiles", "users", "ALTER TABLE users ADD COLUMN bio text",
                    "medium", "3"));
        }
    }

    @Test
    void anotherAgentCannotChangeAnIntentWhateverAgentIdItTypes() {
        IntentReport a = aliceRegisters();
        assertThat(a.ownerRole()).isEqualTo(alice);
        try (CoordinationService s = roles.service(bob)) {
            for (String label : new String[] {"bob", "alice"}) {
                for (Runnable call : new Runnable[] {
                        () -> s.start(a.intentId(), label, null),
                        () -> s.complete(a.intentId(), label, "success", null),
                        () -> s.abandon(a.intentId(), label, "mine now")}) {
                    assertThatThrownBy(call::run).isInstanceOfSatisfying(ConfitureException.class,
                                    e -> assertThat(e.code()).isEqualTo("COORDINATION_NOT_INTENT_OWNER"))
                            .hasMessageContaining("belongs to role " + alice)
                            .hasMessageContaining(bob)
                            .hasMessageContaining("confiture_coordinator");
                }
            }
            // bob still sees it, and still conflicts with it
            assertThat(s.status(null, null).intents()).extracting(IntentReport::intentId, IntentReport::status)
                    .containsExactly(tuple(a.intentId(), "REGISTERED"));
            assertThat(s.check(new CheckRequest("bob", "users", null)).conflicts()).hasSize(1);
        }
        try (CoordinationService s = roles.service(alice)) {
            assertThat(s.start(a.intentId(), "alice", null).status()).isEqualTo("IN_PROGRESS");
            assertThat(s.history(a.intentId())).extracting(HistoryEntry::changedBy, HistoryEntry::changedByRole)
                    .containsExactly(tuple("alice", alice), tuple("alice", alice));
        }
    }

    @Test
    void typingSomeoneElsesAgentIdHidesNothingFromTheirChecks() {
        IntentReport a = aliceRegisters();
        IntentReport spoof;
        try (CoordinationService s = roles.service(bob)) {
            // bob calls himself alice: his registration still sees her intent, as another agent's
            spoof = s.register(new RegisterRequest("alice", "bios", "users", "ALTER TABLE users ADD COLUMN bio text",
                    null, null));
            assertThat(spoof.conflicts()).extracting(Conflict::intentId).containsExactly(a.intentId());
            assertThat(spoof.ownerRole()).isEqualTo(bob);
        }
        try (CoordinationService s = roles.service(alice)) {
            // and alice's own check sees bob's intent, though it carries her label
            assertThat(s.check(new CheckRequest("alice", null, "ALTER TABLE users ADD COLUMN bio text")).conflicts())
                    .extracting(Conflict::intentId, Conflict::severity)
                    .containsExactly(tuple(spoof.intentId(), "error"));
            // her own intent (same label, same role) is still not a conflict with herself
            assertThat(s.check(new CheckRequest("alice", "users", null)).conflicts())
                    .extracting(Conflict::intentId).containsExactly(spoof.intentId());
        }
    }

    @Test
    void aCoordinatorMayChangeAnyonesIntentAndTheHistorySaysWhoDid() {
        IntentReport a = aliceRegisters();
        try (CoordinationService s = roles.service(carol)) {
            TransitionReport t = s.abandon(a.intentId(), "carol-the-lead", "alice left the team");
            assertThat(t.changedBy()).isEqualTo("carol-the-lead");
            assertThat(t.changedByRole()).isEqualTo(carol);
            assertThat(t.ownerRole()).isEqualTo(alice);
            assertThat(s.history(a.intentId())).extracting(HistoryEntry::toStatus, HistoryEntry::changedBy,
                    HistoryEntry::changedByRole).containsExactly(
                    tuple("REGISTERED", "alice", alice),
                    tuple("ABANDONED", "carol-the-lead", carol));
            // and may register like an agent
            assertThat(s.register(new RegisterRequest("carol", "audit", "audit", null, null, null)).ownerRole()).isEqualTo(carol);
        }
    }

    @Test
    void aReaderMayCheckAndListButNotRegister() {
        IntentReport a = aliceRegisters();
        try (CoordinationService s = roles.service(rita)) {
            assertThat(s.check(new CheckRequest("rita", "users", null)).conflicts()).hasSize(1);
            assertThat(s.status(null, "all").intents()).hasSize(1);
            assertThat(s.history(a.intentId())).hasSize(1);
            assertThatThrownBy(() -> s.register(new RegisterRequest("rita", "f", "orders", null, null, null)))
                    .isInstanceOfSatisfying(ConfitureException.class,
                            e -> assertThat(e.code()).isEqualTo("COORDINATION_PERMISSION_DENIED"))
                    .hasMessageContaining(rita)
                    .hasMessageContaining("confiture_agent");
            assertThatThrownBy(() -> s.abandon(a.intentId(), "rita", "no")).hasMessageContaining(rita);
        }
        try (CoordinationService s = roles.service(alice)) {
            assertThat(s.status(null, "all").intents()).singleElement()
                    .satisfies(i -> assertThat(i.status()).isEqualTo("REGISTERED"));
        }
    }

    @Test
    void theDatabaseItselfRefusesDirectWritesAndOnlyTheOwnerMayDelete() throws Exception {
        IntentReport a = aliceRegisters();
        String id = a.intentId();
        for (String role : new String[] {bob, alice, carol, rita}) {
            try (Connection c = roles.connect(role); Statement st = c.createStatement()) {
                for (String sql : new String[] {
                        "UPDATE confiture_coordination.intents SET status = 'ABANDONED' WHERE intent_id = '" + id + "'",
                        "DELETE FROM confiture_coordination.intents WHERE intent_id = '" + id + "'",
                        "DELETE FROM confiture_coordination.history",
                        "INSERT INTO confiture_coordination.history (intent_id, to_status, changed_by) VALUES ('" + id
                                + "', 'COMPLETED', 'alice')",
                        "UPDATE confiture_coordination.intent_objects SET active = false",
                        "TRUNCATE confiture_coordination.conflicts"}) {
                    assertThatThrownBy(() -> st.execute(sql)).as(role + ": " + sql).isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
                }
            }
        }
        try (Connection c = roles.connect(owner); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("DELETE FROM confiture_coordination.intents WHERE intent_id = '" + id + "'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void initOnAnUpToDateStoreSucceedsForAnyoneAndAnUpgradeNeedsTheOwner() {
        for (String role : new String[] {bob, rita, carol}) {
            try (CoordinationService s = roles.service(role)) {
                assertThat(s.init().appliedSteps()).isEmpty();
            }
        }
        // pretend the store is one version behind: only its owner may upgrade it
        fx.db.execute("DELETE FROM confiture_coordination.schema_version WHERE version = " + StoreSchema.latestVersion());
        try (CoordinationService s = roles.service(carol)) {
            assertThatThrownBy(s::init).isInstanceOfSatisfying(ConfitureException.class,
                            e -> assertThat(e.code()).isEqualTo("COORDINATION_NOT_STORE_OWNER"))
                    .hasMessageContaining(owner).hasMessageContaining(carol);
        }
    }

    @Test
    void aRoleWithoutAnyGroupIsToldWhichGrantItNeeds() {
        String nobody = roles.create("coord_nobody", "");
        try (CoordinationService s = roles.service(nobody)) {
            assertThatThrownBy(() -> s.status(null, null)).isInstanceOfSatisfying(ConfitureException.class,
                            e -> assertThat(e.code()).isEqualTo("COORDINATION_PERMISSION_DENIED"))
                    .hasMessageContaining(nobody).hasMessageContaining("GRANT confiture_reader TO " + nobody);
        }
    }

    @Test
    void aVersionOneStoreIsUpgradedInPlaceAndItsIntentsGoToTheUpgradingRole() throws Exception {
        try (StoreFixture old = new StoreFixture()) {
            StoreSchema.BOOTSTRAP.forEach(old.db::execute);
            StoreSchema.STEPS.get(0).statements().forEach(old.db::execute);
            old.db.execute("INSERT INTO confiture_coordination.schema_version (version, description) VALUES (1, 'v1')");
            old.db.execute("INSERT INTO confiture_coordination.intents (intent_id, agent_id, feature_name, sequence, branch,"
                    + " status, risk_level, tables) VALUES ('int_0123456789ab', 'alice', 'legacy', 1, 'feature/legacy_001',"
                    + " 'REGISTERED', 'low', ARRAY['public.users'])");
            old.db.execute("INSERT INTO confiture_coordination.history (intent_id, to_status, changed_by, reason)"
                    + " VALUES ('int_0123456789ab', 'REGISTERED', 'alice', 'registered')");
            old.db.execute("INSERT INTO confiture_coordination.feature_sequences VALUES ('legacy', 1)");
            try (CoordinationService s = old.service()) {
                assertThat(s.init().appliedSteps()).hasSize(StoreSchema.latestVersion() - 1);
                IntentReport legacy = s.status(null, null).intents().get(0);
                assertThat(legacy.ownerRole()).isEqualTo(old.db.user());
                assertThat(s.history("int_0123456789ab")).singleElement()
                        .satisfies(h -> assertThat(h.changedByRole()).isNull());
                assertThat(s.complete("int_0123456789ab", "lead", null, "closed after the upgrade").status())
                        .isEqualTo("COMPLETED");
                assertThat(s.register(new RegisterRequest("alice", "legacy", "users", null, null, null)).branch())
                        .isEqualTo("feature/legacy_002");
            }
            try (Connection c = old.db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT has_table_privilege('confiture_reader', 'confiture_coordination.intents',"
                         + " 'SELECT'), has_table_privilege('confiture_agent', 'confiture_coordination.intents', 'UPDATE')")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
                assertThat(rs.getBoolean(2)).isFalse();
            }
        }
    }
}
