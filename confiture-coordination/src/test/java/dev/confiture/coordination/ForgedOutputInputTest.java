package dev.confiture.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No value can print a line of its own: control characters are refused in every field that a
 * text report or a log line shows, and numbers are bounded and stored as written.
 */
class ForgedOutputInputTest {

    /** Newline, carriage return, escape, tab, DEL, a C1 control (NEL) and the Unicode line separator. */
    private static final List<String> CONTROLS = List.of("\n", "\r", "\u001b", "\t", "\u007f", "\u0085", "\u2028");
    private static final String FORGED = "x\n[INFO] Intent int_aaaaaaaaaaaa marked as COMPLETED";

    private final StoreFixture fx = new StoreFixture();

    @AfterEach
    void drop() {
        fx.close();
    }

    private static void refused(String field, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(ConfitureException.class)
                .hasMessageContaining(field)
                .hasMessageContaining("control character");
    }

    @Test
    void controlCharactersAreRefusedInEveryRegisterField() {
        try (CoordinationService s = fx.initialised()) {
            for (String c : CONTROLS) {
                refused("agentId", () -> s.register(new RegisterRequest("ali" + c + "ce", "f", "users", null, null, null)));
                refused("featureName", () -> s.register(new RegisterRequest("alice", "fe" + c + "at", "users", null, null, null)));
                refused("tablesAffected", () -> s.register(new RegisterRequest("alice", "f", "\"us" + c + "ers\"", null, null, null)));
                refused("riskLevel", () -> s.register(new RegisterRequest("alice", "f", "users", null, "low" + c, null)));
                refused("estimatedHours", () -> s.register(new RegisterRequest("alice", "f", "users", null, null, "3" + c)));
                refused("schemaChanges", () -> s.register(new RegisterRequest("alice", "f", null,
                        "ALTER TABLE \"us" + c + "ers\" ADD COLUMN bio text", null, null)));
            }
            refused("agentId", () -> s.register(new RegisterRequest(FORGED, "f", "users", null, null, null)));
            assertThat(s.status(null, "all").intents()).isEmpty();
        }
    }

    @Test
    void controlCharactersAreRefusedInCheckStatusAndTransitions() {
        try (CoordinationService s = fx.initialised()) {
            IntentReport r = s.register(new RegisterRequest("alice", "f", "users", null, null, null));
            for (String c : CONTROLS) {
                refused("agentId", () -> s.check(new CheckRequest("bo" + c + "b", "users", null)));
                refused("tablesAffected", () -> s.check(new CheckRequest("bob", "\"a" + c + "\"", null)));
                refused("schemaChanges", () -> s.check(new CheckRequest("bob", null, "DROP TABLE \"a" + c + "b\"")));
                refused("agentId", () -> s.status("al" + c + "ice", null));
                refused("agentId", () -> s.start(r.intentId(), "al" + c + "ice", null));
                refused("notes", () -> s.start(r.intentId(), "alice", "note" + c + "s"));
                refused("notes", () -> s.complete(r.intentId(), "alice", null, "done" + c));
                refused("outcome", () -> s.complete(r.intentId(), "alice", "success" + c, null));
                refused("reason", () -> s.abandon(r.intentId(), "alice", FORGED + c));
                refused("agentId", () -> s.resolveIntentId(null, "ali" + c + "ce", null));
            }
            assertThat(s.history(r.intentId())).hasSize(1);
            assertThat(s.status(null, null).intents()).singleElement()
                    .satisfies(i -> assertThat(i.status()).isEqualTo("REGISTERED"));
        }
    }

    @Test
    void sqlTextKeepsItsLinesAndTabs() {
        try (CoordinationService s = fx.initialised()) {
            IntentReport r = s.register(new RegisterRequest("alice", "f", "users,\n\tprofiles",
                    "ALTER TABLE users\r\n\tADD COLUMN bio text;\nCREATE TABLE profiles (id int);", null, null));
            assertThat(r.tables()).containsExactly("public.users", "public.profiles");
        }
    }

    @Test
    void estimatedHoursAreBoundedAndStoredAsWritten() throws Exception {
        try (CoordinationService s = fx.initialised()) {
            Consumer<String> bad = h -> assertThatThrownBy(
                    () -> s.register(new RegisterRequest("alice", "f", "users", null, null, h)))
                    .isInstanceOf(ConfitureException.class).hasMessageContaining("estimatedHours");
            for (String h : List.of("0", "0.00", "-1", "10000.01", "1e3", "1E-2", "1.234", "Infinity", "NaN", "0x10",
                    "99999999999999999999", "1,5")) {
                bad.accept(h);
            }
            assertThatThrownBy(() -> s.register(new RegisterRequest("alice", "f", "users", null, null, "0")))
                    .hasMessageContaining("estimatedHours 0 is not more than 0");
            assertThatThrownBy(() -> s.register(new RegisterRequest("alice", "f", "users", null, null, "10001")))
                    .hasMessageContaining("estimatedHours 10001 is more than 10000");
            assertThatThrownBy(() -> s.register(new RegisterRequest("alice", "f", "users", null, null, "1.234")))
                    .hasMessageContaining("at most 2 decimal places");
            assertThat(s.status(null, "all").intents()).isEmpty();
            for (String h : List.of("1.50", "10000", "0.25", " 3 ")) {
                s.register(new RegisterRequest("alice", "f", "users", null, null, h));
            }
        }
        try (Connection c = fx.db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT estimated_hours::text FROM confiture_coordination.intents"
                     + " ORDER BY registered_at")) {
            List<String> stored = new java.util.ArrayList<>();
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
            assertThat(stored).containsExactly("1.50", "10000", "0.25", "3");
        }
    }

    @Test
    void textReportsEscapeControlCharactersOfStoredValues() {
        // values written before the store refused them still print on one line each
        TransitionReport t = new TransitionReport("int_aaaaaaaaaaaa", "al\nice", "f", "feature/f_001", "REGISTERED",
                "ABANDONED", "al\nice", FORGED, null, List.of("public.\"a\u001bb\""), "2026-11-28T12:00:00Z");
        List<String> lines = TextReports.transition(t);
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).doesNotContain("\n", "\r", "\u001b"));
        Conflict c = new Conflict("int_aaaaaaaaaaaa", "ev\ril", "f\n", "table", "warning", List.of("public.\"x\ny\""), "s\nt");
        assertThat(TextReports.check(new CheckReport("b\nob", List.of(c))))
                .allSatisfy(l -> assertThat(l).doesNotContain("\n", "\r"));
    }
}
