package dev.confiture.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Strings built to break out of SQL are stored verbatim or refused, and never executed. */
class HostileInputTest {

    private static final String INJECTION = "x'); DROP TABLE confiture_coordination.intents; --";
    private static final String QUOTES = "O'Brien \"the\" `agent` \\ $$ $tag$ ;";
    private static final String UNICODE = "agent-\u00e9\u4e2d\u6587-\uD83D\uDE80-\u202Eevil";

    private final StoreFixture fx = new StoreFixture();

    @AfterEach
    void drop() {
        fx.close();
    }

    @Test
    void hostileStringsInEveryFieldAreStoredVerbatim() throws Exception {
        fx.db.execute("CREATE TABLE victim (id int)");
        String longNotes = "n".repeat(Inputs.MAX_TEXT - INJECTION.length()) + INJECTION;
        for (String hostile : List.of(INJECTION, QUOTES, UNICODE)) {
            try (CoordinationService s = fx.initialised()) {
                String quotedTable = "\"" + hostile.replace("\"", "\"\"").substring(0, Math.min(40, hostile.length())) + "\"";
                IntentReport r = s.register(new RegisterRequest(hostile, "feature", quotedTable + ",victim",
                        "-- " + hostile + "\nALTER TABLE victim ADD COLUMN c text DEFAULT '" + hostile.replace("'", "''") + "'",
                        "high", "2"));
                assertThat(r.agentId()).isEqualTo(hostile);
                s.start(r.intentId(), hostile, hostile);
                TransitionReport done = s.complete(r.intentId(), hostile, "failed", longNotes);
                assertThat(done.changedBy()).isEqualTo(hostile);
                assertThat(s.status(hostile, "all").intents()).extracting(IntentReport::agentId).containsExactly(hostile);
                assertThat(s.history(r.intentId())).extracting(HistoryEntry::changedBy).containsOnly(hostile);
                assertThat(s.history(r.intentId()).get(1).reason()).isEqualTo(hostile);
                assertThat(s.history(r.intentId()).get(2).reason()).isEqualTo(longNotes);
                assertThat(s.check(new CheckRequest(hostile + "2", quotedTable, null)).conflicts()).isEmpty();
            }
        }
        try (Connection c = fx.db.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM confiture_coordination.intents")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
            try (ResultSet rs = st.executeQuery("SELECT schema_changes, notes FROM confiture_coordination.intents"
                    + " WHERE agent_id = '" + INJECTION.replace("'", "''") + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains(INJECTION);
                assertThat(rs.getString(2)).isEqualTo(longNotes);
            }
            // the schema changes were read, never run
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = 'victim'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void nulCharactersAreRefusedNamingTheField() {
        try (CoordinationService s = fx.initialised()) {
            assertThatThrownBy(() -> s.register(new RegisterRequest("al\0ice", "f", "users", null, null, null)))
                    .isInstanceOf(ConfitureException.class)
                    .hasMessageContaining("agentId contains a NUL character (\\u0000) at position 3, which PostgreSQL text cannot store");
            assertThatThrownBy(() -> s.register(new RegisterRequest("alice", "f", "users", "SELECT '\0'", null, null)))
                    .hasMessageContaining("schemaChanges contains a NUL character");
            assertThatThrownBy(() -> s.register(new RegisterRequest("alice", "f", "us\0ers", null, null, null)))
                    .hasMessageContaining("tablesAffected contains a NUL character");
            IntentReport r = s.register(new RegisterRequest("alice", "f", "users", null, null, null));
            assertThatThrownBy(() -> s.complete(r.intentId(), "alice", null, "no\0tes")).hasMessageContaining("notes contains a NUL");
            assertThatThrownBy(() -> s.abandon(r.intentId(), "alice", "re\0ason")).hasMessageContaining("reason contains a NUL");
            assertThatThrownBy(() -> s.start(r.intentId(), "a\0b", null)).hasMessageContaining("agentId contains a NUL");
            assertThatThrownBy(() -> s.status("a\0b", null)).hasMessageContaining("agentId contains a NUL");
            // refused calls changed nothing
            assertThat(s.status(null, "all").intents()).singleElement()
                    .satisfies(i -> assertThat(i.status()).isEqualTo("REGISTERED"));
            assertThat(s.history(r.intentId())).hasSize(1);
        }
    }

    @Test
    void overlongValuesAreRefusedWithTheLimit() {
        try (CoordinationService s = fx.initialised()) {
            assertThatThrownBy(() -> s.register(new RegisterRequest("a".repeat(201), "f", "users", null, null, null)))
                    .hasMessageContaining("agentId is 201 characters long; at most 200 are accepted");
            assertThatThrownBy(() -> s.register(new RegisterRequest("alice", "f", "users",
                    "x".repeat(Inputs.MAX_SCHEMA_CHANGES + 1), null, null)))
                    .hasMessageContaining("schemaChanges is 1000001 characters long");
            assertThat(s.status(null, "all").intents()).isEmpty();
        }
    }
}
