package dev.confiture.runner.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.RunnerConfig;
import dev.confiture.runner.migration.MigrationLocation;
import dev.confiture.runner.migration.MigrationLocations;
import dev.confiture.runner.shadow.ScratchDatabases;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import dev.confiture.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SchemaVerifier} against real PostgreSQL: the test server is the shadow server (reached
 * through a URL, as {@code confiture.shadowUrl} would), and one test uses the embedded default.
 */
class SchemaVerifierTest {

    private static final String USERS = """
            CREATE TABLE users (
                id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email text NOT NULL UNIQUE
            );
            """;

    @TempDir
    Path project;

    /** Every scratch database the verifier made, to prove none is left behind. */
    private final List<DatabaseSettings> made = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void scratchDatabasesAreGone() {
        TestServer s = TestPostgres.server();
        for (DatabaseSettings d : made) {
            assertThat(databaseExists(s, ScratchDatabases.databaseName(d.jdbcUrl()))).as("%s was dropped", d.jdbcUrl()).isFalse();
        }
    }

    // ---------------------------------------------------------------- agreement

    @Test
    void schemaFilesAndMigrationsThatAgreePass() {
        schema("10_tables/users.sql", USERS + "ALTER TABLE users ADD COLUMN bio text;\nCREATE INDEX users_bio_idx ON users (bio);\n");
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        migration("002_add_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;\nCREATE INDEX users_bio_idx ON users (bio);");
        migration("002_add_bio.down.sql", "DROP INDEX users_bio_idx;\nALTER TABLE users DROP COLUMN bio;");

        VerifyReport report = verify(options());

        assertThat(report.status()).isEqualTo("passed");
        assertThat(report.migrations()).isEqualTo(2);
        assertThat(report.schemaFiles()).isEqualTo(1);
        assertThat(report.check(VerifyCheck.DRIFT).status()).isEqualTo("passed");
        assertThat(report.check(VerifyCheck.DOWN).status()).isEqualTo("passed");
        assertThat(report.check(VerifyCheck.DOWN).summary()).startsWith("2 down migration(s) checked");
        assertThat(report.check(VerifyCheck.CHECKSUM).status()).isEqualTo("skipped");
        assertThat(made).hasSize(2);
        assertThat(log).contains("  002_add_bio up", "  002_add_bio down", "  001_create_users down");
        assertThat(VerifyText.lines(report)).last().asString().startsWith("Verify passed");
    }

    @Test
    void repeatableMigrationsAreReplayedAfterTheVersionedOnesAndLeftOutOfTheDownCheck() {
        schema("10_tables/users.sql", USERS + "ALTER TABLE users ADD COLUMN bio text;\n");
        schema("20_views/users_view.sql", "CREATE VIEW user_emails AS SELECT id, email FROM users;\n");
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users CASCADE;");
        migration("002_add_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;");
        migration("002_add_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;");
        migration("R__user_emails.sql", "CREATE OR REPLACE VIEW user_emails AS SELECT id, email FROM users;");

        VerifyReport report = verify(options());

        assertThat(report.passed()).as(VerifyText.failureMessage(report)).isTrue();
        assertThat(report.check(VerifyCheck.DRIFT).status()).isEqualTo("passed");
        assertThat(report.check(VerifyCheck.DOWN).summary()).startsWith("2 down migration(s) checked");
        assertThat(log).contains("  R__user_emails (repeatable)");
        assertThat(log.indexOf("  R__user_emails (repeatable)")).isGreaterThan(log.indexOf("  002_add_bio up"));

        // without the repeatable, the view of the schema files is drift: the replay did run it
        migration("R__user_emails.sql", "SELECT 1;");
        VerifyReport without = verify(options());
        assertThat(without.check(VerifyCheck.DRIFT).findings()).extracting(VerifyFinding::object)
                .anyMatch(o -> o != null && o.contains("user_emails"));
    }

    @Test
    void theMigrationsOfEveryLocationAreReplayedAsMigrateAppliesThem() throws IOException {
        // Issue 12: verify replays what migrate would apply, a jar's migrations (classpath: locations) included.
        schema("10_tables/users.sql", USERS);
        schema("10_tables/audit_log.sql", "CREATE TABLE audit_log (id bigint PRIMARY KEY, what text NOT NULL);\n");
        schema("20_views/audit_view.sql", "CREATE VIEW audit_whats AS SELECT what FROM audit_log;\n");
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        Path jar = project.resolve("repo/shared-migrations-1.0.jar");
        Files.createDirectories(jar.getParent());
        try (java.util.jar.JarOutputStream j = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (String[] entry : new String[][] {
                    {"db/shared/002_audit_log.up.sql", "CREATE TABLE audit_log (id bigint PRIMARY KEY, what text NOT NULL);"},
                    {"db/shared/002_audit_log.down.sql", "DROP TABLE audit_log CASCADE;"},
                    {"db/shared/R__audit_whats.sql", "CREATE OR REPLACE VIEW audit_whats AS SELECT what FROM audit_log;"}}) {
                j.putNextEntry(new java.util.jar.JarEntry(entry[0]));
                j.write(entry[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        List<MigrationLocation> locations = MigrationLocations.resolve(List.of("db/migrations", "classpath:db/shared"),
                project, List.of(jar));

        VerifyReport report = verify(options().withLocations(locations));

        assertThat(report.passed()).as(VerifyText.failureMessage(report)).isTrue();
        assertThat(report.migrations()).isEqualTo(2);
        assertThat(log).contains("  002_audit_log up", "  R__audit_whats (repeatable)", "  002_audit_log down");
        assertThat(report.check(VerifyCheck.DOWN).summary()).startsWith("2 down migration(s) checked");

        // the migrations folder alone (what verify replayed before) does not make the jar's table and view
        VerifyReport folderOnly = verify(options());
        assertThat(folderOnly.passed()).isFalse();
        assertThat(folderOnly.check(VerifyCheck.DRIFT).findings()).extracting(VerifyFinding::object)
                .anyMatch(o -> o != null && o.contains("audit_log"));
    }

    @Test
    void theEmbeddedDefaultWorksToo() {
        schema("users.sql", USERS);
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");

        VerifyReport report = SchemaVerifier.embedded().verify(options());

        assertThat(report.passed()).as(VerifyText.failureMessage(report)).isTrue();
        assertThat(report.scratch()).isEqualTo("embedded PostgreSQL");
    }

    @Test
    void theTrackingTableIsLeftOutOfTheComparison() {
        schema("users.sql", USERS);
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");

        VerifyReport report = verify(options().withTrackingTable("ops.schema_history"));

        assertThat(report.passed()).as(VerifyText.failureMessage(report)).isTrue();
    }

    // ---------------------------------------------------------------- drift

    @Test
    void aColumnTheMigrationsDoNotCreateIsListed() {
        schema("users.sql", USERS + "ALTER TABLE users ADD COLUMN bio text;\n");
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");

        VerifyReport report = verify(options());

        assertThat(report.status()).isEqualTo("failed");
        VerifyCheck drift = report.check(VerifyCheck.DRIFT);
        assertThat(drift.status()).isEqualTo("failed");
        assertThat(drift.findings()).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo("column public.users.bio");
            // the words validate uses for the same difference (Difference.describe)
            assertThat(f.message()).startsWith("the schema files: bio text; the migrations: absent (to match the schema files: ");
            assertThat(f.expected()).isEqualTo("schema files: bio text");
            assertThat(f.actual()).isEqualTo("migrations: absent");
        });
        assertThat(report.check(VerifyCheck.DOWN).status()).isEqualTo("passed");
        assertThat(VerifyText.failureMessage(report)).contains("[drift] column public.users.bio");
    }

    @Test
    void aDifferentTypeIsListedWithBothSides() {
        schema("users.sql", USERS.replace("email text", "email varchar(200)"));
        migration("001_create_users.up.sql", USERS);

        VerifyReport report = verify(options());

        VerifyCheck drift = report.check(VerifyCheck.DRIFT);
        assertThat(drift.findings()).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo("column public.users.email");
            assertThat(f.expected()).contains("character varying(200)");
            assertThat(f.actual()).contains("text");
        });
    }

    @Test
    void anExtraIndexAndAMissingTableAreBothListed() {
        schema("users.sql", USERS + "CREATE TABLE audit (id bigint PRIMARY KEY);\n");
        migration("001_create_users.up.sql", USERS + "CREATE INDEX users_email_lower_idx ON users (lower(email));");
        migration("001_create_users.down.sql", "DROP TABLE users;");

        VerifyReport report = verify(options());

        List<VerifyFinding> findings = report.check(VerifyCheck.DRIFT).findings();
        assertThat(findings).extracting(VerifyFinding::object)
                .contains("index public.users_email_lower_idx", "table public.audit");
        VerifyFinding index = findings.stream().filter(f -> f.object().equals("index public.users_email_lower_idx"))
                .findFirst().orElseThrow();
        assertThat(index.message()).isEqualTo("the schema files: absent; the migrations: INDEX ON public.users USING btree"
                + " (lower(email)) (to match the schema files: drop index public.users_email_lower_idx)");
        assertThat(index.expected()).isEqualTo("schema files: absent");
    }

    @Test
    void aMigrationThatFailsOnAnEmptyDatabaseIsNamedWithItsFileAndLine() {
        schema("users.sql", USERS);
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        migration("002_broken.up.sql", "-- adds a column\n\nALTER TABLE userz ADD COLUMN bio text;");

        VerifyReport report = verify(options());

        VerifyFinding f = report.check(VerifyCheck.DRIFT).findings().get(0);
        assertThat(f.migration()).isEqualTo("002_broken");
        assertThat(f.file()).endsWith("002_broken.up.sql");
        assertThat(f.line()).isEqualTo(3);
        assertThat(f.message()).contains("fails on an empty database").contains("userz");
        // The migration that did apply is still checked for its down.
        assertThat(report.check(VerifyCheck.DOWN).status()).isEqualTo("passed");
        assertThat(report.check(VerifyCheck.DOWN).summary()).startsWith("1 down migration(s) checked");
    }

    @Test
    void schemaFilesThatDoNotBuildAreNamedWithFileAndLine() {
        schema("users.sql", USERS + "\nCREATE INDEX bad_idx ON nowhere (x);\n");
        migration("001_create_users.up.sql", USERS);

        VerifyReport report = verify(options());

        VerifyFinding f = report.check(VerifyCheck.DRIFT).findings().get(0);
        assertThat(f.file()).endsWith("users.sql");
        assertThat(f.line()).isEqualTo(6);
        assertThat(f.message()).startsWith("the schema files do not build").contains("nowhere");
    }

    // ---------------------------------------------------------------- downs

    @Test
    void aDownThatDoesNotUndoItsUpIsNamedWithWhatItLeavesBehind() {
        schema("users.sql", USERS + "ALTER TABLE users ADD COLUMN bio text;\nCREATE INDEX users_email_lower_idx ON users (lower(email));\n");
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        migration("002_add_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;\nCREATE INDEX users_email_lower_idx ON users (lower(email));");
        migration("002_add_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;");

        VerifyReport report = verify(options());

        assertThat(report.check(VerifyCheck.DRIFT).status()).isEqualTo("passed");
        VerifyCheck down = report.check(VerifyCheck.DOWN);
        assertThat(down.status()).isEqualTo("failed");
        assertThat(down.findings()).singleElement().satisfies(f -> {
            assertThat(f.migration()).isEqualTo("002_add_bio");
            assertThat(f.object()).isEqualTo("index public.users_email_lower_idx");
            assertThat(f.message()).contains("does not undo its up: before the up: absent; after the down: ");
            assertThat(f.file()).endsWith("002_add_bio.down.sql");
        });
        // 001 is checked from a fresh database, so it is neither blamed nor skipped.
        assertThat(down.summary()).startsWith("2 down migration(s) checked");
        assertThat(made).hasSize(3);
    }

    @Test
    void aDownThatDropsTooMuchIsNamed() {
        schema("users.sql", USERS + "ALTER TABLE users ADD COLUMN bio text;\n");
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        migration("002_add_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;");
        migration("002_add_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;\nALTER TABLE users DROP CONSTRAINT users_email_key;");

        VerifyReport report = verify(options());

        VerifyFinding f = report.check(VerifyCheck.DOWN).findings().get(0);
        assertThat(f.migration()).isEqualTo("002_add_bio");
        assertThat(f.object()).contains("users_email_key");
        assertThat(f.message()).contains("; after the down: absent (to match before the up: ");
    }

    @Test
    void aDownThatFailsIsNamedWithItsFile() {
        schema("users.sql", USERS + "ALTER TABLE users ADD COLUMN bio text;\n");
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        migration("002_add_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;");
        migration("002_add_bio.down.sql", "ALTER TABLE users DROP COLUMN biography;");

        VerifyReport report = verify(options());

        VerifyCheck down = report.check(VerifyCheck.DOWN);
        assertThat(down.status()).isEqualTo("failed");
        VerifyFinding f = down.findings().get(0);
        assertThat(f.migration()).isEqualTo("002_add_bio");
        assertThat(f.message()).contains("the down of 002_add_bio fails").contains("biography");
        assertThat(f.file()).endsWith("002_add_bio.down.sql");
        assertThat(down.summary()).startsWith("2 down migration(s) checked");
    }

    @Test
    void anIrreversibleMigrationIsAWarningUnlessReversibilityIsRequired() {
        schema("users.sql", USERS + "ALTER TABLE users ADD COLUMN bio text;\nALTER TABLE users ADD COLUMN age integer;\n");
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        migration("002_add_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;");
        migration("003_add_age.up.sql", "ALTER TABLE users ADD COLUMN age integer;");
        migration("003_add_age.down.sql", "ALTER TABLE users DROP COLUMN age;");

        VerifyReport lenient = verify(options());

        assertThat(lenient.passed()).as(VerifyText.failureMessage(lenient)).isTrue();
        VerifyCheck down = lenient.check(VerifyCheck.DOWN);
        assertThat(down.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(VerifyFinding.WARNING);
            assertThat(f.migration()).isEqualTo("002_add_bio");
            assertThat(f.message()).contains("irreversible").contains("002_add_bio.down.sql");
        });
        // 003 above it and 001 below it (in a fresh database) are both checked.
        assertThat(down.summary()).isEqualTo("2 down migration(s) checked against the catalog before their up, 1 irreversible");

        VerifyReport strict = verify(options().withRequireReversible(true));

        assertThat(strict.passed()).isFalse();
        assertThat(strict.check(VerifyCheck.DOWN).findings()).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(VerifyFinding.ERROR));
        assertThat(VerifyText.failureMessage(strict)).contains("[down] migration 002_add_bio is irreversible");
        assertThat(strict.check(VerifyCheck.DOWN).findings().get(0).file())
                .isEqualTo(project.resolve("db/migrations/002_add_bio.up.sql").toString());

        VerifyReport relative = verify(options().withRequireReversible(true).withProjectDir(project));
        assertThat(relative.check(VerifyCheck.DOWN).findings().get(0).file()).isEqualTo("db/migrations/002_add_bio.up.sql");
    }

    @Test
    void belowAnIrreversibleFirstMigrationTheDownsAboveItAreStillComparedWithTheCatalogBeforeTheirUp() {
        // The catalog before 001 is not read (no down compares with it); the ones before 002 and 003 are.
        schema("users.sql", USERS + "ALTER TABLE users ADD COLUMN bio text;\nALTER TABLE users ADD COLUMN age integer;\n");
        migration("001_create_users.up.sql", USERS);
        migration("002_add_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;");
        migration("002_add_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;\nALTER TABLE users DROP CONSTRAINT users_email_key;");
        migration("003_add_age.up.sql", "ALTER TABLE users ADD COLUMN age integer;");
        migration("003_add_age.down.sql", "ALTER TABLE users DROP COLUMN age;");

        VerifyReport report = verify(options());

        assertThat(report.check(VerifyCheck.DRIFT).status()).isEqualTo("passed");
        VerifyCheck down = report.check(VerifyCheck.DOWN);
        assertThat(down.status()).isEqualTo("failed");
        assertThat(down.findings().get(0).migration()).isEqualTo("002_add_bio");
        assertThat(down.findings().get(0).object()).contains("users_email_key");
        assertThat(down.findings()).last().satisfies(f -> {
            assertThat(f.migration()).isEqualTo("001_create_users");
            assertThat(f.message()).contains("irreversible");
        });
        assertThat(down.summary()).isEqualTo("2 down migration(s) checked against the catalog before their up, 1 irreversible");
    }

    // ---------------------------------------------------------------- Java migrations

    @Test
    void javaMigrationsAreReplayedAndRolledBack() {
        schema("users.sql", USERS + "ALTER TABLE users ADD COLUMN updated_at timestamptz;\n");
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");

        VerifyReport report = verify(options().withJavaMigrations(getClass().getClassLoader(),
                "dev.confiture.runner.verify.javamigrations.agree"));

        assertThat(report.migrations()).isEqualTo(2);
        assertThat(report.passed()).as(VerifyText.failureMessage(report)).isTrue();
        assertThat(report.check(VerifyCheck.DOWN).summary()).startsWith("2 down migration(s) checked");
    }

    @Test
    void aJavaMigrationWhoseDownLeaksIsNamedByItsClass() {
        schema("users.sql", USERS + "ALTER TABLE users ADD COLUMN updated_at timestamptz;\n"
                + "CREATE INDEX users_email_lower_idx ON users (lower(email));\n");
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");

        VerifyReport report = verify(options().withJavaMigrations(getClass().getClassLoader(),
                "dev.confiture.runner.verify.javamigrations.leaky"));

        assertThat(report.check(VerifyCheck.DRIFT).status()).isEqualTo("passed");
        VerifyFinding f = report.check(VerifyCheck.DOWN).findings().get(0);
        assertThat(f.migration()).isEqualTo("002_add_audit_column");
        assertThat(f.object()).isEqualTo("index public.users_email_lower_idx");
        assertThat(f.file()).isEqualTo("dev.confiture.runner.verify.javamigrations.leaky.V002__AddAuditColumn");
    }

    // ---------------------------------------------------------------- checksums against a live database

    @Test
    void checksumsOfAppliedMigrationsAreCheckedAgainstALiveDatabase() throws IOException {
        schema("users.sql", USERS + "ALTER TABLE users ADD COLUMN bio text;\n");
        Path up1 = migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        migration("002_add_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;");
        migration("002_add_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;");
        try (TestDatabase live = TestPostgres.newDatabase("verify_live")) {
            DatabaseSettings liveSettings = new DatabaseSettings(live.jdbcUrl(), live.user(), live.password());
            new MigrationRunner(RunnerConfig.of(liveSettings, project.resolve("db/migrations")), null).migrate("001", false);

            VerifyReport clean = verify(options().withLiveDatabase(liveSettings));
            assertThat(clean.check(VerifyCheck.CHECKSUM).status()).isEqualTo("passed");
            assertThat(clean.check(VerifyCheck.CHECKSUM).summary()).startsWith("1 applied migration(s)");

            Files.writeString(up1, USERS + "-- edited after it was applied\n");
            VerifyReport edited = verify(options().withLiveDatabase(liveSettings));
            VerifyCheck checksum = edited.check(VerifyCheck.CHECKSUM);
            assertThat(checksum.status()).isEqualTo("failed");
            assertThat(checksum.findings()).singleElement().satisfies(f -> {
                assertThat(f.migration()).isEqualTo("001_create_users");
                assertThat(f.message()).contains("was changed after it was applied");
            });

            Files.delete(up1);
            Files.delete(project.resolve("db/migrations/001_create_users.down.sql"));
            VerifyReport missing = verify(options().withLiveDatabase(liveSettings));
            assertThat(missing.check(VerifyCheck.CHECKSUM).findings()).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("is applied").contains("file is missing"));
        }
    }

    @Test
    void anEditedDownFileOfAnAppliedMigrationIsAWarningNamingTheDownFile() throws IOException {
        schema("users.sql", USERS + "ALTER TABLE users ADD COLUMN bio text;\n");
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        migration("002_add_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;");
        Path down = migration("002_add_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;");
        try (TestDatabase live = TestPostgres.newDatabase("verify_live")) {
            DatabaseSettings liveSettings = new DatabaseSettings(live.jdbcUrl(), live.user(), live.password());
            new MigrationRunner(RunnerConfig.of(liveSettings, project.resolve("db/migrations")), null).migrate(null, false);

            Files.writeString(down, "ALTER TABLE users DROP COLUMN IF EXISTS bio;");
            VerifyCheck checksum = verify(options().withLiveDatabase(liveSettings)).check(VerifyCheck.CHECKSUM);

            assertThat(checksum.status()).isEqualTo("passed");
            assertThat(checksum.findings()).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(VerifyFinding.WARNING);
                assertThat(f.migration()).isEqualTo("002_add_bio");
                assertThat(f.file()).isEqualTo(down.toString());
                assertThat(f.message()).contains(down.toString()).contains("edited");
            });
        }
    }

    @Test
    void anUnreachableLiveDatabaseCouldNotRunAndLeavesNothingBehind() {
        schema("users.sql", USERS);
        migration("001_create_users.up.sql", USERS);
        DatabaseSettings nowhere = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/none", "nobody", "s3cret");

        assertThatThrownBy(() -> verify(options().withLiveDatabase(nowhere)))
                .isInstanceOf(ConfitureException.class)
                .satisfies(e -> assertThat(((ConfitureException) e).isFinding()).isFalse())
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("s3cret");
        assertThat(made).isEmpty();
    }

    @Test
    void aShadowServerThatRefusesCreateDatabaseCouldNotRunAndKeepsThePasswordOut() {
        schema("users.sql", USERS);
        migration("001_create_users.up.sql", USERS);
        TestServer s = TestPostgres.server();
        String role = "confiture_nocreatedb_" + Long.toHexString(System.nanoTime());
        execute(s, "CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD 'Sh4dowPw'");
        try {
            DatabaseSettings admin = new DatabaseSettings(s.jdbcUrl(s.adminDatabase()), role, "Sh4dowPw");

            assertThatThrownBy(() -> SchemaVerifier.onServer(admin).verify(options()))
                    .isInstanceOf(ConfitureException.class)
                    .satisfies(e -> assertThat(((ConfitureException) e).isFinding()).isFalse())
                    .hasMessageContaining("CREATE DATABASE")
                    .hasMessageContaining(role)
                    .hasMessageNotContaining("Sh4dowPw");
        } finally {
            execute(s, "DROP ROLE " + role);
        }
    }

    private static void execute(TestServer s, String sql) {
        try (Connection c = s.connect(s.adminDatabase()); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    @Test
    void theSchemaFilesDatabaseIsDroppedOnceItsCatalogIsReadWhileTheMigrationsStillReplay() throws Exception {
        schema("users.sql", USERS);
        migration("001_create_users.up.sql", USERS);
        java.util.concurrent.CountDownLatch dropped = new java.util.concurrent.CountDownLatch(1);
        ScratchDatabases noting = countingDrops(recording(ScratchDatabases.on(shadowAdmin())), dropped);
        // The replay's first migration waits (on the verifier's own thread) until a drop happened: only the
        // early drop of the schema files' database can happen then; without it, this would wait in vain.
        boolean[] droppedDuringReplay = {false};
        VerifyOptions options = waitingAtLine(line -> line.contains("001_create_users up"), dropped, 60, droppedDuringReplay);

        VerifyReport report = new SchemaVerifier(noting, "the test server").verify(options);

        assertThat(report.status()).isEqualTo("passed");
        assertThat(droppedDuringReplay[0]).as("a scratch database was dropped while the migrations replayed").isTrue();
        assertThat(made).hasSize(2); // and @AfterEach proves both were dropped
    }

    @Test
    void theReplayDatabaseIsDroppedBeforeTheDownCheckWhenTheNewestMigrationHasNoDown() throws Exception {
        schema("users.sql", USERS);
        migration("001_create_users.up.sql", USERS); // no down: irreversible, nothing is rolled back in A
        java.util.concurrent.CountDownLatch dropped = new java.util.concurrent.CountDownLatch(2);
        ScratchDatabases noting = countingDrops(recording(ScratchDatabases.on(shadowAdmin())), dropped);
        // The down check's first line waits until both databases are dropped: the replay's one can only be
        // dropped by then if it went as soon as its catalog was read; at the end of the run it would come too late.
        boolean[] bothDroppedBeforeTheDownCheck = {false};
        VerifyOptions options = waitingAtLine(line -> line.startsWith("Rolling back"), dropped, 30,
                bothDroppedBeforeTheDownCheck);

        VerifyReport report = new SchemaVerifier(noting, "the test server").verify(options);

        assertThat(report.status()).isEqualTo("passed");
        assertThat(log).anyMatch(line -> line.startsWith("Rolling back 1 migration(s)"));
        assertThat(bothDroppedBeforeTheDownCheck[0]).as("both scratch databases were dropped before the down check").isTrue();
        assertThat(made).hasSize(2); // and @AfterEach proves both were dropped, once each
    }

    /** {@code real}'s scratch databases, each drop counting {@code dropped} down once it is done. */
    private static ScratchDatabases countingDrops(ScratchDatabases real, java.util.concurrent.CountDownLatch dropped) {
        return new ScratchDatabases() {
            @Override
            public DatabaseSettings create() {
                return real.create();
            }

            @Override
            public void drop(DatabaseSettings database) {
                real.drop(database);
                dropped.countDown();
            }
        };
    }

    /**
     * The options, whose log (kept in {@link #log}) stops the verifier's thread at a line {@code at} accepts
     * until {@code latch} opens, for at most {@code seconds}; {@code opened[0]} then says whether it did.
     */
    private VerifyOptions waitingAtLine(java.util.function.Predicate<String> at, java.util.concurrent.CountDownLatch latch,
            int seconds, boolean[] opened) {
        return options().withLog(line -> {
            log.add(line);
            if (at.test(line)) {
                try {
                    opened[0] = latch.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    @Test
    void anEarlyDropThatFailsIsReportedAtTheEndAndTheOtherDatabaseIsStillDropped() {
        schema("users.sql", USERS);
        migration("001_create_users.up.sql", USERS);
        ScratchDatabases real = recording(ScratchDatabases.on(shadowAdmin()));
        java.util.concurrent.atomic.AtomicInteger drops = new java.util.concurrent.atomic.AtomicInteger();
        ScratchDatabases firstDropFails = new ScratchDatabases() {
            @Override
            public DatabaseSettings create() {
                return real.create();
            }

            @Override
            public void drop(DatabaseSettings database) {
                real.drop(database); // dropped all the same, so that @AfterEach finds nothing left behind
                if (drops.incrementAndGet() == 1) {
                    throw new ConfitureException("SHADOW_DATABASE_FAILED", "the first drop was refused");
                }
            }
        };
        assertThatThrownBy(() -> new SchemaVerifier(firstDropFails, "the test server").verify(options()))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("the first drop was refused");
        assertThat(drops).hasValue(2);
    }

    @Test
    void whenOneOfTheTwoScratchDatabasesCannotBeMadeTheOtherIsDroppedAndTheErrorSaysWhy() {
        schema("users.sql", USERS);
        migration("001_create_users.up.sql", USERS);
        ScratchDatabases real = recording(ScratchDatabases.on(shadowAdmin()));
        java.util.concurrent.atomic.AtomicInteger creates = new java.util.concurrent.atomic.AtomicInteger();
        ScratchDatabases secondFails = new ScratchDatabases() {
            @Override
            public DatabaseSettings create() {
                if (creates.incrementAndGet() == 2) {
                    throw new ConfitureException("SHADOW_DATABASE_FAILED", "no room for a second scratch database");
                }
                return real.create();
            }

            @Override
            public void drop(DatabaseSettings database) {
                real.drop(database);
            }
        };
        assertThatThrownBy(() -> new SchemaVerifier(secondFails, "the test server").verify(options()))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("no room for a second scratch database");
        assertThat(creates).hasValue(2);
        assertThat(made).hasSize(1); // and @AfterEach proves it was dropped
    }

    private VerifyReport verify(VerifyOptions options) {
        return new SchemaVerifier(recording(ScratchDatabases.on(shadowAdmin())), "the test server").verify(options);
    }

    private VerifyOptions options() {
        return VerifyOptions.of(schemaFiles(), project.resolve("db/migrations")).withLog(log::add);
    }

    /** The test server reached the way confiture.shadowUrl reaches a server: a URL with credentials. */
    private static DatabaseSettings shadowAdmin() {
        TestServer s = TestPostgres.server();
        return new DatabaseSettings(s.jdbcUrl(s.adminDatabase()), s.user(), s.password());
    }

    private ScratchDatabases recording(ScratchDatabases real) {
        return new ScratchDatabases() {
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
        };
    }

    private List<Path> schemaFiles() {
        Path dir = project.resolve("db/schema");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path schema(String name, String sql) {
        return write(project.resolve("db/schema").resolve(name), sql);
    }

    private Path migration(String name, String sql) {
        return write(project.resolve("db/migrations").resolve(name), sql);
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean databaseExists(TestServer s, String name) {
        try (Connection c = s.connect(s.adminDatabase()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            return rs.getInt(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
