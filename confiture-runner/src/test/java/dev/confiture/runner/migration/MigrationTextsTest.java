package dev.confiture.runner.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.sql.Placeholders;
import dev.confiture.sql.SqlStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTextsTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsReadOncePerRun() throws IOException {
        Path file = dir.resolve("1_a.up.sql");
        Files.writeString(file, "CREATE TABLE a (id int);");
        MigrationTexts texts = new MigrationTexts();

        String first = texts.read(file);
        Files.writeString(file, "CREATE TABLE b (id int);");

        assertThat(texts.read(file)).isSameAs(first);
        // A new run reads the file as it is now.
        assertThat(new MigrationTexts().read(file)).isEqualTo("CREATE TABLE b (id int);");
    }

    @Test
    void theSameTextIsCutOnceAndAnotherTextAgain() throws IOException {
        Path file = dir.resolve("1_a.up.sql");
        Files.writeString(file, "SELECT 1; SELECT 2;");
        MigrationTexts texts = new MigrationTexts();

        var cut = texts.cut(file, texts.read(file));

        assertThat(texts.cut(file, "SELECT 1; SELECT 2;")).isSameAs(cut);
        assertThat(texts.cut(file, "SELECT 3;").statements()).extracting(SqlStatement::sql).containsExactly("SELECT 3");
    }

    @Test
    void statementsThroughTheCacheAreTheStatementsWithout() throws IOException {
        Path file = dir.resolve("1_a.up.sql");
        Files.writeString(file, "CREATE TABLE ${t} (id int);\nINSERT INTO ${t} VALUES (1);\n");
        Placeholders placeholders = new Placeholders(java.util.Map.of("t", "things"), true);
        MigrationTexts texts = new MigrationTexts();

        List<SqlStatement> cached = MigrationStatements.of(file, placeholders, texts);

        assertThat(cached).isEqualTo(MigrationStatements.of(file, placeholders));
        assertThat(MigrationStatements.of(file, placeholders, texts)).isEqualTo(cached);
    }

    @Test
    void aRefusedStatementIsRefusedThroughTheCacheToo() throws IOException {
        Path file = dir.resolve("1_a.up.sql");
        Files.writeString(file, "CREATE TABLE a (id int);\nCOMMIT;\n");
        MigrationTexts texts = new MigrationTexts();

        assertThatThrownBy(() -> MigrationStatements.of(file, Placeholders.NONE, texts))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("COMMIT");
    }

    @Test
    void anUnreadableFileFailsWithItsCode() throws IOException {
        Path file = dir.resolve("1_a.up.sql");
        Files.write(file, new byte[] {'S', (byte) 0xC3, '(', ';'});

        assertThatThrownBy(() -> new MigrationTexts().read(file))
                .isInstanceOfSatisfying(ConfitureException.class,
                        e -> assertThat(e.code()).isEqualTo(MigrationStatements.UNREADABLE));
    }
}
