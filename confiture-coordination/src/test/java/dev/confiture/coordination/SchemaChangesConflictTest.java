package dev.confiture.coordination;

import static dev.confiture.coordination.StoreFixture.intent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conflicts found from what {@code schemaChanges} touches, through the product's extractor: names
 * as PostgreSQL resolves them, IF NOT EXISTS, ONLY, signatures, bodies that are not statements.
 */
class SchemaChangesConflictTest {

    private static StoreFixture fx;
    private static CoordinationService s;
    private static IntentReport alice;

    @BeforeAll
    static void aliceRegisters() {
        fx = new StoreFixture();
        s = fx.initialised();
        alice = s.register(intent("alice", "user_profiles", "users,profiles", String.join("\n",
                "ALTER TABLE users ADD COLUMN bio TEXT;",
                "CREATE TABLE \"Profiles\" (id bigint PRIMARY KEY);",
                "CREATE TYPE app.mood AS ENUM ('happy', 'sad');",
                "CREATE UNIQUE INDEX users_email_idx ON public.users (email);",
                "ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);",
                "CREATE OR REPLACE FUNCTION app.add(a integer, b integer DEFAULT 0) RETURNS integer",
                "  LANGUAGE sql AS $body$ SELECT a + b; ALTER TABLE ledger ADD COLUMN x int; $body$;")));
    }

    @AfterAll
    static void close() {
        s.close();
        fx.close();
    }

    private static List<Conflict> check(String sql) {
        return s.check(new CheckRequest("bob", null, sql)).conflicts();
    }

    private static List<String> errors(String sql) {
        return check(sql).stream().filter(Conflict::isError).map(c -> c.type() + " " + String.join(",", c.objects())).toList();
    }

    @Test
    void aliceObjectsAndTablesAreRecorded() {
        assertThat(alice.tables()).contains("public.users", "public.profiles", "public.\"Profiles\"", "public.orders");
        assertThat(alice.tables()).doesNotContain("public.ledger");
    }

    @Test
    void sameColumnWrittenDifferentlyIsOneColumn() {
        assertThat(errors("ALTER TABLE IF EXISTS ONLY \"public\".users ADD COLUMN IF NOT EXISTS \"bio\" varchar(10)"))
                .containsExactly("column public.users.bio");
        assertThat(errors("ALTER TABLE Users DROP COLUMN Bio")).containsExactly("column public.users.bio");
        // "Bio" quoted is another column: only the shared table remains, as a warning
        assertThat(errors("ALTER TABLE users ADD COLUMN \"Bio\" text")).isEmpty();
        assertThat(check("ALTER TABLE users ADD COLUMN \"Bio\" text")).extracting(Conflict::severity).containsExactly("warning");
    }

    @Test
    void quotedTableIsNotTheFoldedOne() {
        assertThat(check("ALTER TABLE profiles ADD COLUMN x int")).extracting(Conflict::objects)
                .containsExactly(List.of("public.profiles"));
        assertThat(check("ALTER TABLE \"Profiles\" ADD COLUMN x int")).extracting(Conflict::objects)
                .containsExactly(List.of("public.\"Profiles\""));
        assertThat(check("ALTER TABLE \"PROFILES\" ADD COLUMN x int")).isEmpty();
    }

    @Test
    void functionsConflictBySignature() {
        assertThat(errors("CREATE FUNCTION app.add(x int4, y int4) RETURNS int LANGUAGE sql AS $$ SELECT x $$"))
                .containsExactly("function app.add(integer, integer)");
        assertThat(errors("DROP FUNCTION IF EXISTS app.add(integer, integer)")).containsExactly("function app.add(integer, integer)");
        // another overload is another function
        assertThat(check("CREATE FUNCTION app.add(x bigint) RETURNS bigint LANGUAGE sql AS 'SELECT x'")).isEmpty();
    }

    @Test
    void typesIndexesAndConstraintsAreErrors() {
        assertThat(errors("DROP TYPE app.mood")).containsExactly("type app.mood");
        assertThat(errors("DROP INDEX IF EXISTS users_email_idx")).containsExactly("index public.users_email_idx");
        assertThat(errors("ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_check"))
                .containsExactly("constraint public.orders.orders_total_check");
        assertThat(check("ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_check").get(0).suggestion())
                .contains("both change this constraint").contains("agree which change wins");
    }

    @Test
    void dollarQuotedBodiesAreNotStatements() {
        assertThat(check("ALTER TABLE ledger ADD COLUMN y int")).isEmpty();
        assertThat(check("DO $$ BEGIN ALTER TABLE users ADD COLUMN bio text; END $$")).isEmpty();
    }

    @Test
    void schemaChangesFromAFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db/bob.sql"), "-- bob's change\nALTER TABLE users ADD COLUMN bio text;\n");
        String sql = SchemaChanges.resolve("db/bob.sql", dir);
        assertThat(errors(sql)).containsExactly("column public.users.bio");
        assertThat(SchemaChanges.resolve("ALTER TABLE x ADD COLUMN y int", dir)).isEqualTo("ALTER TABLE x ADD COLUMN y int");
        assertThatThrownBy(() -> SchemaChanges.resolve("db/missing.sql", dir))
                .hasMessageContaining("schemaChanges names the file db/missing.sql, which does not exist");
        Files.write(dir.resolve("db/bad.sql"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        assertThatThrownBy(() -> SchemaChanges.resolve("db/bad.sql", dir)).hasMessageContaining("Could not read schemaChanges file");
    }

    @Test
    void storedObjectsKeepStatementLines() throws Exception {
        try (var c = fx.db.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT identity, line FROM confiture_coordination.intent_objects"
                     + " WHERE kind = 'TYPE'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("app.mood");
            assertThat(rs.getInt(2)).isEqualTo(3);
        }
    }
}
