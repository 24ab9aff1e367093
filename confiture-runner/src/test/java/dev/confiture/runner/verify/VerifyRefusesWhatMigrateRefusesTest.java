package dev.confiture.runner.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.sql.MigrationScript;
import dev.confiture.runner.shadow.ScratchDatabases;
import dev.confiture.testing.TestPostgres;
import dev.confiture.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify judges a migration's transaction control and psql meta-commands as migrate and validate do. */
class VerifyRefusesWhatMigrateRefusesTest {

    @TempDir
    Path project;

    private final List<DatabaseSettings> made = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aMigrationThatRollsItselfBackIsRefusedBeforeAnyScratchDatabaseIsMade() throws IOException {
        Path schema = write("db/schema/users.sql", "CREATE TABLE users (id int PRIMARY KEY, phone text);\n");
        write("db/migrations/001_users.up.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
        Path phone = write("db/migrations/002_phone.up.sql", "BEGIN;\nALTER TABLE users ADD COLUMN phone text;\nROLLBACK;\n");

        assertThatThrownBy(() -> verifier().verify(VerifyOptions.of(List.of(schema), project.resolve("db/migrations"))))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(MigrationScript.TRANSACTION_CONTROL);
                    assertThat(e.file()).isEqualTo(phone);
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.isFinding()).isTrue();
                    assertThat(e.getMessage()).contains(phone + ":1: 'BEGIN'", phone + ":3: 'ROLLBACK'");
                });
        assertThat(made).isEmpty();
    }

    @Test
    void aMigrationLinkedOutsideTheProjectIsRefusedBeforeAnyScratchDatabaseIsMade() throws IOException {
        // Issue 18: verify lists the migrations folder by the include rule, as migrate and validate do.
        Path schema = write("db/schema/users.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
        write("db/migrations/001_users.up.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
        Path link = Files.createSymbolicLink(project.resolve("db/migrations/002_passwd.up.sql"), Path.of("/etc/passwd"));

        assertThatThrownBy(() -> verifier().verify(VerifyOptions.of(List.of(schema), project.resolve("db/migrations"))
                .withIncludeScope(dev.confiture.model.files.IncludeScope.within(project))))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
                    assertThat(e.getMessage()).contains(link.toString(), "/etc/passwd");
                });
        assertThat(made).isEmpty();
    }

    @Test
    void aDownWithAMetaCommandIsRefusedToo() throws IOException {
        Path schema = write("db/schema/users.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
        write("db/migrations/001_users.up.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
        Path down = write("db/migrations/001_users.down.sql", "\\set ON_ERROR_STOP on\nDROP TABLE users;\n");

        assertThatThrownBy(() -> verifier().verify(VerifyOptions.of(List.of(schema), project.resolve("db/migrations"))))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(MigrationScript.META_COMMAND);
                    assertThat(e.file()).isEqualTo(down);
                    assertThat(e.line()).isEqualTo(1);
                });
        assertThat(made).isEmpty();
    }

    @Test
    void migrationsAreReplayedWithTheEnvironmentsPlaceholdersAndAnUnknownOneIsRefusedFirst() throws IOException {
        Path schema = write("db/schema/users.sql", "CREATE TABLE users (id int PRIMARY KEY, note text DEFAULT 'x');\n");
        write("db/migrations/001_users.up.sql", "CREATE TABLE ${table} (id int PRIMARY KEY, note text DEFAULT '${note}');\n");
        write("db/migrations/001_users.down.sql", "DROP TABLE ${table};\n");
        VerifyOptions options = VerifyOptions.of(List.of(schema), project.resolve("db/migrations"));

        assertThatThrownBy(() -> verifier().verify(options.withPlaceholders(
                new dev.confiture.sql.Placeholders(java.util.Map.of("table", "users"), true))))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(dev.confiture.sql.Placeholders.CODE_UNKNOWN);
                    assertThat(e.getMessage()).contains("001_users.up.sql:1: ${note}");
                });
        assertThat(made).isEmpty();

        VerifyReport report = verifier().verify(options.withPlaceholders(
                new dev.confiture.sql.Placeholders(java.util.Map.of("table", "users", "note", "x"), true)));
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    private SchemaVerifier verifier() {
        TestServer s = TestPostgres.server();
        ScratchDatabases real = ScratchDatabases.on(new DatabaseSettings(s.jdbcUrl(s.adminDatabase()), s.user(), s.password()));
        return new SchemaVerifier(new ScratchDatabases() {
            @Override
            public DatabaseSettings create() {
                DatabaseSettings d = real.create();
                made.add(d);
                return d;
            }

            @Override
            public void drop(DatabaseSettings database) {
                real.drop(database);
            }
        }, "the test server");
    }

    private Path write(String name, String content) throws IOException {
        Path file = project.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
