package dev.confiture.coordination;

import static dev.confiture.coordination.StoreFixture.intent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoordinationServiceTest {

    private final StoreFixture fx = new StoreFixture();

    @AfterEach
    void drop() {
        fx.close();
    }

    @Test
    void initIsIdempotentAndVersioned() throws Exception {
        try (CoordinationService s = fx.service()) {
            InitReport first = s.init();
            assertThat(first.schemaVersion()).isEqualTo(StoreSchema.latestVersion());
            assertThat(first.appliedSteps()).hasSize(StoreSchema.STEPS.size());
            InitReport second = s.init();
            assertThat(second.appliedSteps()).isEmpty();
        }
        try (CoordinationService again = fx.service()) {
            assertThat(again.init().appliedSteps()).isEmpty();
        }
        try (Connection c = fx.db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables"
                     + " WHERE table_schema = 'confiture_coordination'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("conflicts,feature_sequences,history,intent_objects,intents,schema_version");
        }
    }

    @Test
    void everyGoalOnAnUninitialisedStoreSaysToRunInit() {
        try (CoordinationService s = fx.service()) {
            List<Runnable> calls = List.of(
                    () -> s.register(intent("alice", "f", "users", null)),
                    () -> s.check(new CheckRequest("bob", "users", null)),
                    () -> s.status(null, null),
                    () -> s.start("int_000000000000", "alice", null),
                    () -> s.complete("int_000000000000", "alice", "success", null),
                    () -> s.abandon("int_000000000000", "alice", "why"),
                    () -> s.history("int_000000000000"));
            for (Runnable call : calls) {
                assertThatThrownBy(call::run).isInstanceOf(ConfitureException.class)
                        .hasMessageContaining("is not initialised")
                        .hasMessageContaining("mvn confiture:coordinate-init -Dconfiture.coordinationUrl=" + fx.db.jdbcUrl());
            }
        }
    }

    @Test
    void storeFromAnOlderReleaseMustBeUpgradedAndNewerOneIsRefused() {
        try (CoordinationService s = fx.initialised()) {
            fx.db.execute("DELETE FROM confiture_coordination.schema_version");
            fx.db.execute("INSERT INTO confiture_coordination.schema_version VALUES (0, 'older', now())");
        }
        try (CoordinationService s = fx.service()) {
            assertThatThrownBy(() -> s.status(null, null)).hasMessageContaining("version 0")
                    .hasMessageContaining("Run: mvn confiture:coordinate-init");
            fx.db.execute("INSERT INTO confiture_coordination.schema_version VALUES (99, 'future', now())");
            assertThatThrownBy(() -> s.status(null, null)).hasMessageContaining("version 99, newer than this Confiture");
            assertThatThrownBy(s::init).hasMessageContaining("newer than this Confiture");
        }
    }

    @Test
    void registrationAllocatesIdAndPerFeatureBranches() {
        try (CoordinationService s = fx.initialised()) {
            IntentReport a = s.register(intent("alice", "user_profiles", "users,profiles", null));
            IntentReport b = s.register(intent("bob", "user_profiles", "accounts", null));
            IntentReport c = s.register(intent("carol", "billing", "invoices", null));
            assertThat(a.intentId()).matches("int_[0-9a-f]{12}");
            assertThat(a.branch()).isEqualTo("feature/user_profiles_001");
            assertThat(b.branch()).isEqualTo("feature/user_profiles_002");
            assertThat(c.branch()).isEqualTo("feature/billing_001");
            assertThat(a.status()).isEqualTo("REGISTERED");
            assertThat(a.riskLevel()).isEqualTo("medium");
            assertThat(a.tables()).containsExactly("public.users", "public.profiles");
            assertThat(a.registeredAt()).endsWith("Z");
            assertThat(s.history(a.intentId())).singleElement()
                    .satisfies(h -> {
                        assertThat(h.fromStatus()).isNull();
                        assertThat(h.toStatus()).isEqualTo("REGISTERED");
                        assertThat(h.changedBy()).isEqualTo("alice");
                    });
        }
    }

    @Test
    void intentIdCollisionIsRetried() {
        List<String> ids = new java.util.ArrayList<>(List.of("int_aaaaaaaaaaaa", "int_aaaaaaaaaaaa", "int_aaaaaaaaaaaa",
                "int_bbbbbbbbbbbb"));
        try (CoordinationService plain = fx.initialised();
             CoordinationService s = new CoordinationService(plain.store(), TouchedObjectsExtractor.standard(),
                     () -> ids.remove(0))) {
            assertThat(s.register(intent("alice", "one", "t1", null)).intentId()).isEqualTo("int_aaaaaaaaaaaa");
            IntentReport second = s.register(intent("bob", "two", "t2", null));
            assertThat(second.intentId()).isEqualTo("int_bbbbbbbbbbbb");
            assertThat(second.branch()).isEqualTo("feature/two_001");
            assertThat(ids).isEmpty();
        }
    }

    @Test
    void registrationValidatesItsFields() {
        try (CoordinationService s = fx.initialised()) {
            assertThatThrownBy(() -> s.register(new RegisterRequest("alice", "f", "users", null, "extreme", null)))
                    .hasMessageContaining("riskLevel 'extreme' is not one of low, medium, high, critical");
            assertThatThrownBy(() -> s.register(new RegisterRequest("alice", "f", "users", null, "low", "-1")))
                    .hasMessageContaining("estimatedHours -1 is negative");
            assertThatThrownBy(() -> s.register(new RegisterRequest("alice", "f", "users", null, "low", "three")))
                    .hasMessageContaining("estimatedHours 'three' is not a number");
            assertThatThrownBy(() -> s.register(new RegisterRequest("alice", "f", "users", null, "low", "NaN")))
                    .hasMessageContaining("is not a number");
            assertThatThrownBy(() -> s.register(new RegisterRequest(null, "f", "users", null, "low", null)))
                    .hasMessageContaining("agentId is required");
            assertThatThrownBy(() -> s.register(new RegisterRequest("alice", "bad name", "users", null, "low", null)))
                    .hasMessageContaining("a space at position 4");
            assertThatThrownBy(() -> s.register(new RegisterRequest("alice", "f", null, "SELECT 1", "low", null)))
                    .hasMessageContaining("declares nothing");
            assertThat(s.status(null, "all").intents()).isEmpty();
            assertThat(s.register(new RegisterRequest("alice", "f", "users", null, "CRITICAL", "1.5")).riskLevel())
                    .isEqualTo("critical");
        }
    }

    @Test
    void seedFlowBobChecksUsersAndSeesAlice() {
        try (CoordinationService s = fx.initialised()) {
            IntentReport alice = s.register(new RegisterRequest("alice", "user_profiles", "users,profiles",
                    "ALTER TABLE users ADD COLUMN bio TEXT; CREATE TABLE profiles (id bigint PRIMARY KEY, user_id bigint)",
                    "medium", "3"));
            assertThat(alice.conflicts()).isEmpty();

            CheckReport check = s.check(new CheckRequest("bob", "users", null));
            assertThat(check.agentId()).isEqualTo("bob");
            assertThat(check.conflicts()).singleElement().satisfies(c -> {
                assertThat(c.intentId()).isEqualTo(alice.intentId());
                assertThat(c.agentId()).isEqualTo("alice");
                assertThat(c.featureName()).isEqualTo("user_profiles");
                assertThat(c.type()).isEqualTo("table");
                assertThat(c.severity()).isEqualTo("warning");
                assertThat(c.objects()).containsExactly("public.users");
                assertThat(c.suggestion()).contains("Coordinate with alice (" + alice.intentId() + ") on public.users")
                        .contains("rebase onto feature/user_profiles_001");
            });

            // alice's own check never conflicts with herself
            assertThat(s.check(new CheckRequest("alice", "users", null)).conflicts()).isEmpty();
            // an unrelated table is free
            assertThat(s.check(new CheckRequest("bob", "orders", null)).conflicts()).isEmpty();
        }
    }

    @Test
    void sameColumnIsAnErrorWithAConcreteSuggestion() {
        try (CoordinationService s = fx.initialised()) {
            IntentReport alice = s.register(intent("alice", "user_profiles", "users",
                    "ALTER TABLE users ADD COLUMN bio TEXT"));
            CheckReport check = s.check(new CheckRequest("bob", null, "alter table public.USERS add column if not exists BIO varchar(200);"));
            assertThat(check.conflicts()).singleElement().satisfies(c -> {
                assertThat(c.type()).isEqualTo("column");
                assertThat(c.severity()).isEqualTo("error");
                assertThat(c.objects()).containsExactly("public.users.bio");
                assertThat(c.suggestion()).isEqualTo("Coordinate with alice (" + alice.intentId() + ") on public.users.bio:"
                        + " both add this column; rebase onto feature/user_profiles_001 after it completes, or pick another name");
            });
            // a different column of the same table is only a table warning
            CheckReport other = s.check(new CheckRequest("bob", null, "ALTER TABLE users ADD COLUMN avatar text"));
            assertThat(other.conflicts()).extracting(Conflict::severity, Conflict::objects)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("warning", List.of("public.users")));
        }
    }

    @Test
    void conflictsFoundAtRegistrationAreStoredAndShownByStatusOnBothSides() {
        try (CoordinationService s = fx.initialised()) {
            IntentReport alice = s.register(intent("alice", "user_profiles", "users", "ALTER TABLE users ADD COLUMN bio TEXT"));
            IntentReport bob = s.register(intent("bob", "bios", null, "ALTER TABLE users ADD COLUMN bio text"));
            assertThat(bob.conflicts()).extracting(Conflict::intentId, Conflict::severity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(alice.intentId(), "error"));

            StatusReport status = s.status(null, null);
            assertThat(status.intents()).extracting(IntentReport::intentId).containsExactly(alice.intentId(), bob.intentId());
            assertThat(status.intents().get(1).conflicts()).isEqualTo(bob.conflicts());
            assertThat(status.intents().get(0).conflicts()).singleElement().satisfies(c -> {
                assertThat(c.intentId()).isEqualTo(bob.intentId());
                assertThat(c.agentId()).isEqualTo("bob");
                assertThat(c.suggestion()).contains("Coordinate with bob").contains("feature/bios_001");
            });

            // once bob abandons, alice's conflict is no longer open
            s.abandon(bob.intentId(), "bob", "duplicate of alice's work");
            assertThat(s.status(null, null).intents()).singleElement().satisfies(i -> assertThat(i.conflicts()).isEmpty());
            assertThat(s.check(new CheckRequest("carol", "users", null)).conflicts()).hasSize(1);
        }
    }

    @Test
    void statusFiltersByAgentAndState() {
        try (CoordinationService s = fx.initialised()) {
            IntentReport a = s.register(intent("alice", "fa", "a", null));
            IntentReport b = s.register(intent("bob", "fb", "b", null));
            IntentReport c = s.register(intent("alice", "fc", "c", null));
            s.start(b.intentId(), "bob", null);
            s.complete(c.intentId(), "alice", "partial", "half of it");

            assertThat(ids(s.status(null, null))).containsExactly(a.intentId(), b.intentId());
            assertThat(ids(s.status("alice", null))).containsExactly(a.intentId());
            assertThat(ids(s.status("alice", "all"))).containsExactly(a.intentId(), c.intentId());
            assertThat(ids(s.status(null, "in_progress"))).containsExactly(b.intentId());
            assertThat(ids(s.status(null, "COMPLETED"))).containsExactly(c.intentId());
            assertThat(ids(s.status(null, "all"))).hasSize(3);
            assertThatThrownBy(() -> s.status(null, "done")).hasMessageContaining("status 'done' is not one of REGISTERED,"
                    + " IN_PROGRESS, COMPLETED, ABANDONED, active or all");
        }
    }

    @Test
    void lifecycleFollowsTheContractAndKeepsHistory() {
        try (CoordinationService s = fx.initialised()) {
            IntentReport a = s.register(intent("alice", "user_profiles", "users", null));
            TransitionReport started = s.start(a.intentId(), "alice", "working on it");
            assertThat(started.fromStatus()).isEqualTo("REGISTERED");
            assertThat(started.status()).isEqualTo("IN_PROGRESS");
            assertThatThrownBy(() -> s.start(a.intentId(), "alice", null))
                    .hasMessageContaining("Intent " + a.intentId() + " is IN_PROGRESS; it cannot become IN_PROGRESS");
            TransitionReport done = s.complete(a.intentId(), "alice", "success", "User profiles implemented and tested");
            assertThat(done.status()).isEqualTo("COMPLETED");
            assertThat(done.outcome()).isEqualTo("success");
            assertThat(done.tables()).containsExactly("public.users");
            assertThatThrownBy(() -> s.abandon(a.intentId(), "alice", "late"))
                    .hasMessageContaining("is COMPLETED; it cannot become ABANDONED (COMPLETED is final)");
            assertThatThrownBy(() -> s.complete(a.intentId(), "alice", null, null)).hasMessageContaining("is COMPLETED");

            assertThat(s.history(a.intentId())).extracting(HistoryEntry::fromStatus, HistoryEntry::toStatus,
                    HistoryEntry::changedBy, HistoryEntry::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(null, "REGISTERED", "alice", "registered"),
                    org.assertj.core.groups.Tuple.tuple("REGISTERED", "IN_PROGRESS", "alice", "working on it"),
                    org.assertj.core.groups.Tuple.tuple("IN_PROGRESS", "COMPLETED", "alice", "User profiles implemented and tested"));

            // REGISTERED may complete directly; ABANDONED is final
            IntentReport b = s.register(intent("bob", "quick", "t", null));
            assertThat(s.complete(b.intentId(), "bob", null, null).outcome()).isEqualTo("success");
            IntentReport c = s.register(intent("carol", "gone", "t", null));
            assertThatThrownBy(() -> s.abandon(c.intentId(), "carol", " ")).hasMessageContaining("reason is required");
            assertThat(s.abandon(c.intentId(), "carol", "Requirements changed").reason()).isEqualTo("Requirements changed");
            assertThatThrownBy(() -> s.start(c.intentId(), "carol", null))
                    .hasMessageContaining("is ABANDONED; it cannot become IN_PROGRESS (ABANDONED is final)");
            assertThatThrownBy(() -> s.complete(c.intentId(), "carol", "maybe", null))
                    .hasMessageContaining("outcome 'maybe' is not one of success, partial, failed");
        }
    }

    @Test
    void unknownAndMalformedIntentIdsAreRefused() {
        try (CoordinationService s = fx.initialised()) {
            assertThatThrownBy(() -> s.start("int_0123456789ab", "alice", null))
                    .hasMessageContaining("There is no intent int_0123456789ab");
            assertThatThrownBy(() -> s.start("int_XYZ", "alice", null))
                    .hasMessageContaining("expected int_ followed by 12 lowercase hex digits");
            assertThatThrownBy(() -> s.start("int_0123456789ab'; DROP TABLE x; --", "alice", null))
                    .hasMessageContaining("is not an intent id");
        }
    }

    @Test
    void completedAndAbandonedIntentsNoLongerConflict() {
        try (CoordinationService s = fx.initialised()) {
            IntentReport a = s.register(intent("alice", "fa", "users", null));
            assertThat(s.check(new CheckRequest("bob", "users", null)).conflicts()).hasSize(1);
            s.start(a.intentId(), "alice", null);
            assertThat(s.check(new CheckRequest("bob", "users", null)).conflicts()).hasSize(1);
            s.complete(a.intentId(), "alice", "success", null);
            assertThat(s.check(new CheckRequest("bob", "users", null)).conflicts()).isEmpty();
        }
    }

    @Test
    void intentIdMayBeFoundFromTheAgentsOneActiveIntent() {
        try (CoordinationService s = fx.initialised()) {
            IntentReport a = s.register(intent("alice", "user_profiles", "users", null));
            assertThat(s.resolveIntentId(null, "alice", null)).isEqualTo(a.intentId());
            assertThat(s.resolveIntentId(" ", "alice", "user_profiles")).isEqualTo(a.intentId());
            assertThat(s.resolveIntentId(a.intentId(), "bob", "other")).isEqualTo(a.intentId());
            IntentReport b = s.register(intent("alice", "billing", "invoices", null));
            assertThatThrownBy(() -> s.resolveIntentId(null, "alice", null))
                    .hasMessageContaining("There are 2 active intents of alice: " + a.intentId() + " (feature/user_profiles_001), "
                            + b.intentId() + " (feature/billing_001); give -Dconfiture.intentId=...");
            assertThat(s.resolveIntentId(null, "alice", "billing")).isEqualTo(b.intentId());
            s.complete(b.intentId(), "alice", null, null);
            assertThatThrownBy(() -> s.resolveIntentId(null, "alice", "billing"))
                    .hasMessageContaining("There is no active intent of alice for feature billing");
            assertThatThrownBy(() -> s.resolveIntentId(null, "carol", null)).hasMessageContaining("no active intent of carol");
            assertThatThrownBy(() -> s.resolveIntentId(null, null, null)).hasMessageContaining("intentId is required");
        }
    }

    @Test
    void unreachableStoreIsAClearErrorWithoutThePassword() {
        dev.confiture.model.config.DatabaseSettings bad = new dev.confiture.model.config.DatabaseSettings(
                "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2", "alice", "hunter2-secret");
        assertThatThrownBy(() -> CoordinationService.open(bad))
                .hasMessageContaining("Could not connect to the coordination store jdbc:postgresql://127.0.0.1:1/nowhere")
                .hasMessageNotContaining("hunter2-secret");
    }

    private static List<String> ids(StatusReport r) {
        return r.intents().stream().map(IntentReport::intentId).toList();
    }
}
