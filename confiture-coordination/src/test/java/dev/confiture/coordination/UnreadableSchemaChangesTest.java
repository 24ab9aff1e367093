package dev.confiture.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL the interpreter cannot read, or a schemaChanges path that names no .sql file, is an error, never "no conflicts". */
class UnreadableSchemaChangesTest {

    private final StoreFixture fx = new StoreFixture();

    @AfterEach
    void drop() {
        fx.close();
    }

    @Test
    void checkWithATypoFailsNamingTheStatementAndLine() {
        try (CoordinationService s = fx.initialised()) {
            s.register(new RegisterRequest("alice", "f", "users", "ALTER TABLE users ADD COLUMN bio text", null, null));
            assertThatThrownBy(() -> s.check(new CheckRequest("bob", null, "ALTR TABLE users ADD COLUMN bio text")))
                    .isInstanceOfSatisfying(ConfitureException.class, e -> {
                        assertThat(e.code()).isEqualTo("COORDINATION_UNREADABLE_SQL");
                        assertThat(e.line()).isEqualTo(1);
                    })
                    .hasMessageContaining("ALTR TABLE users")
                    .hasMessageContaining("schemaChanges line 1");
            // one readable statement does not hide an unreadable one after it
            assertThatThrownBy(() -> s.check(new CheckRequest("bob", "orders",
                    "ALTER TABLE orders ADD COLUMN a int;\n\nALTR TABLE users ADD COLUMN bio text;")))
                    .hasMessageContaining("schemaChanges line 3").hasMessageContaining("ALTR TABLE");
        }
    }

    @Test
    void registerWithATypoStoresNothing() {
        try (CoordinationService s = fx.initialised()) {
            assertThatThrownBy(() -> s.register(new RegisterRequest("alice", "f", "users",
                    "ALTER TABLE users ADD COLUMN bio text;\nALTR TABLE users DROP COLUMN name;", null, null)))
                    .isInstanceOf(ConfitureException.class).hasMessageContaining("schemaChanges line 2");
            assertThat(s.status(null, "all").intents()).isEmpty();
        }
    }

    @Test
    void errorsNameTheFileTheSqlCameFrom(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db/bob.sql"), "-- bob's change\nALTR TABLE users ADD COLUMN bio text;\n");
        SchemaChanges.Read read = SchemaChanges.read("db/bob.sql", dir);
        assertThat(read.file()).isEqualTo(dir.resolve("db/bob.sql"));
        try (CoordinationService s = fx.initialised()) {
            assertThatThrownBy(() -> s.check(new CheckRequest("bob", null, read.sql(), read.file())))
                    .isInstanceOfSatisfying(ConfitureException.class, e -> {
                        assertThat(e.file()).isEqualTo(dir.resolve("db/bob.sql"));
                        assertThat(e.line()).isEqualTo(2);
                    })
                    .hasMessageContaining("ALTR TABLE");
        }
    }

    @Test
    void aPathThatIsNotAnSqlFileIsRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("db/changes"));
        Files.writeString(dir.resolve("notes.txt"), "ALTER TABLE users ADD COLUMN bio text");
        assertThatThrownBy(() -> SchemaChanges.read("notes.txt", dir))
                .hasMessageContaining("notes.txt").hasMessageContaining("not a .sql file");
        assertThatThrownBy(() -> SchemaChanges.read("db/changes", dir))
                .hasMessageContaining("db/changes").hasMessageContaining("folder");
        assertThatThrownBy(() -> SchemaChanges.read("db/changes/profiles.sq", dir))
                .hasMessageContaining("db/changes/profiles.sq").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SchemaChanges.read("db/changes/missing.sql", dir))
                .hasMessageContaining("does not exist");
        // SQL text stays SQL text
        assertThat(SchemaChanges.read("ALTER TABLE x ADD COLUMN y int", dir).file()).isNull();
        assertThat(SchemaChanges.read("COMMIT", dir).sql()).isEqualTo("COMMIT");
    }

    @Test
    void statementsWithoutStructuralEffectAreNotErrors() {
        try (CoordinationService s = fx.initialised()) {
            assertThat(s.check(new CheckRequest("bob", "users",
                    "BEGIN; INSERT INTO users VALUES (1); SET lock_timeout = '1s'; COMMIT;")).conflicts()).isEmpty();
        }
    }
}
