package dev.confiture.runner.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.RunnerConfig;
import dev.confiture.runner.db.MigrationLock;
import dev.confiture.runner.db.TrackingTable;
import dev.confiture.runner.migration.MigrationDiscovery;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaBuilderTest {

    @TempDir
    Path project;

    private TestDatabase db;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void layout() throws Exception {
        write("db/schema/00_common/extensions.sql", "-- nothing yet\n");
        write("db/schema/10_tables/users.sql", """
                CREATE TABLE users (
                    id BIGINT PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE
                );
                CREATE INDEX idx_users_username ON users (username);
                """);
        write("db/schema/10_tables/9_roles.sql", "CREATE TABLE roles (name TEXT PRIMARY KEY);\n");
        write("db/seeds/common/00_users.sql", "INSERT INTO users VALUES (1, 'admin'), (2, 'editor');\n");
        write("db/seeds/development/00_more.sql", "INSERT INTO users VALUES (3, 'dev');\n");
        write("db/seeds/test/00_test.sql", "INSERT INTO users VALUES (4, 'tester');\n");
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    private Path write(String relative, String content) throws Exception {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private DatabaseSettings settings() {
        if (db == null) {
            db = TestPostgres.newDatabase("build");
        }
        return new DatabaseSettings(db.jdbcUrl(), db.user(), db.password());
    }

    private SchemaBuilder.Request request(boolean schemaOnly, boolean apply, boolean recreate, boolean protectedEnv) {
        return request(schemaOnly, apply, recreate, protectedEnv, apply ? settings() : null);
    }

    private SchemaBuilder.Request request(boolean schemaOnly, boolean apply, boolean recreate, boolean protectedEnv,
                                          DatabaseSettings database) {
        return new SchemaBuilder.Request("local", project,
                List.of(project.resolve("db/environments/../schema"), project.resolve("db/seeds/common"),
                        project.resolve("db/seeds/development")),
                List.of(project.resolve("db/seeds/common"), project.resolve("db/seeds/development")),
                schemaOnly, project.resolve("target/confiture/schema_local.sql"), apply,
                database == null ? null : RunnerConfig.of(database, project.resolve("db/migrations")), recreate, protectedEnv);
    }

    private SchemaBuilder builder() {
        return new SchemaBuilder(log::add);
    }

    private List<String> column(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private List<String> tables() throws SQLException {
        return column("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    }

    @Test
    void writesADeterministicScriptWithHashAndFileCommentsInDiscoveryOrder() throws Exception {
        SchemaBuilder.Result first = builder().build(request(false, false, false, false));
        byte[] firstBytes = Files.readAllBytes(first.outputFile());
        String text = new String(firstBytes, StandardCharsets.UTF_8);

        assertThat(first.applied()).isFalse();
        assertThat(first.files()).isEqualTo(5);
        assertThat(first.seedFiles()).isEqualTo(2);
        assertThat(text).startsWith("-- Confiture schema for environment: local\n");
        assertThat(text).contains("-- SHA-256 of the inputs: " + first.sha256() + "\n");
        assertThat(first.sha256()).matches("[0-9a-f]{64}");
        // numeric-aware order: 9_roles before users; schema before seeds; relative paths only
        assertThat(text.indexOf("-- File: db/schema/00_common/extensions.sql"))
                .isLessThan(text.indexOf("-- File: db/schema/10_tables/9_roles.sql"));
        assertThat(text.indexOf("-- File: db/schema/10_tables/9_roles.sql"))
                .isLessThan(text.indexOf("-- File: db/schema/10_tables/users.sql"));
        assertThat(text.indexOf("-- File: db/schema/10_tables/users.sql"))
                .isLessThan(text.indexOf("-- File: db/seeds/common/00_users.sql"));
        assertThat(text).contains("-- File: db/seeds/development/00_more.sql").doesNotContain("00_test.sql");
        assertThat(text).doesNotContain(project.toString());

        SchemaBuilder.Result again = builder().build(request(false, false, false, false));
        assertThat(Files.readAllBytes(again.outputFile())).isEqualTo(firstBytes);
        assertThat(again.sha256()).isEqualTo(first.sha256());

        write("db/schema/10_tables/9_roles.sql", "CREATE TABLE roles (name TEXT PRIMARY KEY, label TEXT);\n");
        SchemaBuilder.Result changed = builder().build(request(false, false, false, false));
        assertThat(changed.sha256()).isNotEqualTo(first.sha256());
    }

    @Test
    void hashCoversPathsAndFileBoundaries() {
        Path f = Path.of("x");
        String a = SchemaScript.hash(List.of(new BuildSource("a.sql", f, "SELECT 1;\n", false),
                new BuildSource("b.sql", f, "SELECT 2;\n", false)));
        String movedText = SchemaScript.hash(List.of(new BuildSource("a.sql", f, "SELECT 1;\nSELECT 2;\n", false),
                new BuildSource("b.sql", f, "", false)));
        String renamed = SchemaScript.hash(List.of(new BuildSource("a.sql", f, "SELECT 1;\n", false),
                new BuildSource("c.sql", f, "SELECT 2;\n", false)));
        assertThat(a).isNotEqualTo(movedText).isNotEqualTo(renamed);
    }

    @Test
    void schemaOnlyLeavesSeedsOut() throws Exception {
        SchemaBuilder.Result result = builder().build(request(true, false, false, false));
        String text = Files.readString(result.outputFile());
        assertThat(result.files()).isEqualTo(3);
        assertThat(result.seedFiles()).isZero();
        assertThat(text).doesNotContain("db/seeds/").doesNotContain("INSERT");
    }

    @Test
    void aLinkLeavingTheProjectIsRefusedNamingTheLinkAndNothingIsWritten() throws Exception {
        // build reads the same files validate reads: /etc/passwd through a link in db/schema is refused
        Path link = project.resolve("db/schema/10_tables/99_passwd.sql");
        java.nio.file.Files.createSymbolicLink(link, Path.of("/etc/passwd"));
        assertThatThrownBy(() -> builder().build(request(false, false, false, false)))
                .isInstanceOfSatisfying(dev.confiture.model.ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
                    assertThat(e.getMessage()).contains(link.toString(), "/etc/passwd");
                });
        assertThat(project.resolve("target/confiture/schema_local.sql")).doesNotExist();
        // a link inside the project is followed
        java.nio.file.Files.delete(link);
        write("shared/audit.sql", "CREATE TABLE audit (id int);\n");
        java.nio.file.Files.createSymbolicLink(project.resolve("db/schema/20_audit.sql"), Path.of("../../shared/audit.sql"));
        assertThat(builder().build(request(false, false, false, false)).statements()).isEqualTo(6);
    }

    @Test
    void applyFalseNeedsNoDatabase() {
        SchemaBuilder.Result result = builder().build(request(false, false, false, false));
        assertThat(result.applied()).isFalse();
        assertThat(result.database()).isNull();
        assertThat(result.statements()).isEqualTo(5);
        assertThat(db).isNull();
    }

    @Test
    void appliesSchemaAndSeedsToAnEmptyDatabaseAndRecordsEveryMigrationAsBaseline() throws Exception {
        write("db/migrations/001_create_users.up.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);\n");
        write("db/migrations/001_create_users.down.sql", "DROP TABLE users;\n");
        write("db/migrations/002_add_username.up.sql", "ALTER TABLE users ADD COLUMN username TEXT;\n");

        SchemaBuilder.Result result = builder().build(request(false, true, false, false));

        assertThat(result.applied()).isTrue();
        assertThat(result.recreated()).isFalse();
        assertThat(result.statements()).isEqualTo(5);
        assertThat(result.baselined()).containsExactly("001", "002");
        assertThat(result.database()).doesNotContain("password");
        assertThat(tables()).containsExactly("confiture_migrations", "roles", "users");
        assertThat(column("SELECT username FROM users ORDER BY id")).containsExactly("admin", "editor", "dev");
        assertThat(column("SELECT indexname FROM pg_indexes WHERE tablename = 'users' ORDER BY 1"))
                .contains("idx_users_username");
        List<ResolvedMigration> onDisk = MigrationDiscovery.discover(project.resolve("db/migrations"), null, null);
        assertThat(column("SELECT version || ' ' || name || ' ' || kind || ' ' || checksum FROM confiture_migrations ORDER BY version"))
                .containsExactly("001 create_users baseline " + onDisk.get(0).checksum(),
                        "002 add_username baseline " + onDisk.get(1).checksum());
    }

    @Test
    void repeatableMigrationsAreRecordedAsAppliedSoMigrateDoesNotRunThemAgain() throws Exception {
        write("db/migrations/001_create_users.up.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);\n");
        write("db/migrations/R__user_ids.sql", "CREATE OR REPLACE VIEW user_ids AS SELECT id FROM users;\n");

        SchemaBuilder.Result result = builder().build(request(false, true, false, false));

        assertThat(result.baselined()).containsExactly("001", "R__user_ids");
        String checksum = dev.confiture.runner.migration.Checksums.ofUp(project.resolve("db/migrations/R__user_ids.sql"));
        assertThat(column("SELECT version || ' ' || kind || ' ' || checksum FROM confiture_migrations ORDER BY version"))
                .containsExactly("001 baseline " + MigrationDiscovery.discover(project.resolve("db/migrations"), null, null)
                        .get(0).checksum(), "R__user_ids repeatable " + checksum);
    }

    @Test
    void withoutMigrationsNoTrackingTableIsCreated() throws Exception {
        SchemaBuilder.Result result = builder().build(request(true, true, false, false));
        assertThat(result.baselined()).isEmpty();
        assertThat(tables()).containsExactly("roles", "users");
    }

    @Test
    void aNonEmptyDatabaseIsRefusedWithoutRecreateAndNothingChanges() throws Exception {
        settings();
        db.execute("CREATE TABLE legacy (id INT); CREATE VIEW legacy_v AS SELECT id FROM legacy;"
                + " CREATE FUNCTION f(a INT) RETURNS INT LANGUAGE sql AS 'SELECT a'");

        assertThatThrownBy(() -> builder().build(request(false, true, false, false)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("BUILD_DATABASE_NOT_EMPTY");
                    assertThat(e.isFinding()).isTrue();
                    assertThat(e.getMessage()).contains("table public.legacy", "view public.legacy_v",
                            "function public.f(a integer)", "-Dconfiture.recreate=true", "Nothing was changed");
                });
        assertThat(tables()).containsExactly("legacy");
    }

    @Test
    void recreateDropsTheDatabaseAndBuildsItAgain() throws Exception {
        settings();
        db.execute("CREATE TABLE legacy (id INT)");

        SchemaBuilder.Result result = builder().build(request(true, true, true, false));

        assertThat(result.recreated()).isTrue();
        assertThat(tables()).containsExactly("roles", "users");
        assertThat(column("SELECT count(*) FROM users")).containsExactly("0");
        assertThat(log).anyMatch(l -> l.startsWith("Recreating database " + db.name()));

        // and a second build with recreate works the same on the database it built
        builder().build(request(false, true, true, false));
        assertThat(column("SELECT count(*) FROM users")).containsExactly("3");
    }

    @Test
    void buildNamesTheTargetDatabaseBeforeChangingIt() throws Exception {
        settings();
        builder().build(request(false, true, true, false));
        assertThat(log.get(0)).isEqualTo("Target database: " + db.jdbcUrl() + " as " + db.user());
        assertThat(log.get(1)).startsWith("Recreating database " + db.name());
    }

    @Test
    void recreateIsRefusedForAProtectedEnvironment() throws Exception {
        settings();
        db.execute("CREATE TABLE precious (id INT)");

        assertThatThrownBy(() -> builder().build(request(false, true, true, true)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("BUILD_PROTECTED");
                    assertThat(e.getMessage()).contains("protected", "Nothing was changed");
                });
        assertThat(tables()).containsExactly("precious");
    }

    @Test
    void aProtectedEnvironmentMayStillBeBuiltIntoAnEmptyDatabase() throws Exception {
        builder().build(request(true, true, false, true));
        assertThat(tables()).containsExactly("roles", "users");
    }

    @Test
    void aFailingStatementNamesFileLineStatementAndMessageAndRollsEverythingBack() throws Exception {
        write("db/schema/20_posts.sql", """
                -- posts belong to users
                CREATE TABLE posts (
                    id BIGINT PRIMARY KEY,
                    author_id BIGNT NOT NULL
                );
                """);
        assertThatThrownBy(() -> builder().build(request(false, true, false, false)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("BUILD_STATEMENT_FAILED");
                    assertThat(e.file()).isEqualTo(Path.of("db/schema/20_posts.sql"));
                    assertThat(e.line()).isEqualTo(4); // the line of PostgreSQL's error position
                    assertThat(e.getMessage())
                            .startsWith("db/schema/20_posts.sql:4: ERROR: type \"bignt\" does not exist")
                            .contains("CREATE TABLE posts (", "author_id BIGNT NOT NULL")
                            .contains("from line 2 of db/schema/20_posts.sql", "schema_local.sql")
                            .contains("rolled back");
                });
        // the schema files before it ran in the same transaction: none of their tables stayed
        assertThat(tables()).isEmpty();
    }

    @Test
    void anErrorWithoutPositionNamesTheStatementsFirstLine() throws Exception {
        write("db/seeds/development/10_posts.sql", """
                INSERT INTO users VALUES (10, 'x');

                INSERT INTO users VALUES
                    (1, 'duplicate');
                """);
        assertThatThrownBy(() -> builder().build(request(false, true, false, false)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(Path.of("db/seeds/development/10_posts.sql"));
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("duplicate key value violates unique constraint \"users_pkey\"",
                            "Detail: Key (id)=(1) already exists.");
                });
        assertThat(tables()).isEmpty();
    }

    @Test
    void scriptLinesPointIntoTheWrittenFile() throws Exception {
        SchemaBuilder.Result result = builder().build(request(false, false, false, false));
        List<String> lines = Files.readAllLines(result.outputFile());
        SchemaScript script = SchemaBuilder.compose(request(false, false, false, false));
        for (MappedStatement statement : script.statements()) {
            String first = statement.sql().lines().findFirst().orElseThrow();
            assertThat(lines.get(statement.scriptLine() - 1)).as(statement.toString()).contains(first);
        }
    }

    @Test
    void aFileWhoseLastStatementLacksASemicolonIsTerminatedInTheWrittenScript() throws Exception {
        write("db/schema/10_tables/5_no_semicolon.sql", "CREATE TABLE tags (name TEXT PRIMARY KEY)\n-- no ; above");
        SchemaBuilder.Result result = builder().build(request(false, true, false, false));

        String text = Files.readString(result.outputFile());
        // Cut as psql cuts it, the written script keeps the file's statement apart from the next file's.
        assertThat(dev.confiture.sql.SqlSplitter.split(text)).extracting(dev.confiture.sql.SqlStatement::sql)
                .contains("CREATE TABLE tags (name TEXT PRIMARY KEY)", "CREATE TABLE roles (name TEXT PRIMARY KEY)");
        assertThat(tables()).contains("tags", "roles", "users");
        // Line numbers of the following files still point into the written script.
        List<String> lines = Files.readAllLines(result.outputFile());
        for (MappedStatement statement : SchemaBuilder.compose(request(false, false, false, false)).statements()) {
            String first = statement.sql().lines().findFirst().orElseThrow();
            assertThat(lines.get(statement.scriptLine() - 1)).as(statement.toString()).contains(first);
        }
    }

    @Test
    void aStatementThatCannotRunInATransactionGetsAHint() throws Exception {
        write("db/schema/30_concurrently.sql", "\nCREATE INDEX CONCURRENTLY idx_roles ON roles (name);\n");
        assertThatThrownBy(() -> builder().build(request(true, true, false, false)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(Path.of("db/schema/30_concurrently.sql"));
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("cannot run inside a transaction block", "move this statement to a migration");
                });
        assertThat(tables()).isEmpty();
    }

    @Test
    void brokenMigrationsChangeNothing() throws Exception {
        write("db/migrations/001_a.up.sql", "SELECT 1;\n");
        write("db/migrations/001_b.up.sql", "SELECT 2;\n");
        settings();
        db.execute("CREATE TABLE legacy (id INT)");
        assertThatThrownBy(() -> builder().build(request(true, true, true, false)))
                .isInstanceOfSatisfying(ConfitureException.class,
                        e -> assertThat(e.getMessage()).contains("001_a.up.sql", "001_b.up.sql"));
        assertThat(tables()).containsExactly("legacy"); // not even recreated
    }

    @Test
    void aFailedBuildLeavesNoTrackingTableBehind() throws Exception {
        write("db/migrations/001_create_users.up.sql", "CREATE TABLE users (id BIGINT PRIMARY KEY);\n");
        write("db/schema/20_broken.sql", "CREATE TABLE broken (id NOPE);\n");
        assertThatThrownBy(() -> builder().build(request(true, true, false, false)))
                .isInstanceOfSatisfying(ConfitureException.class,
                        e -> assertThat(e.file()).isEqualTo(Path.of("db/schema/20_broken.sql")));
        assertThat(tables()).isEmpty();
        // and the next build, once fixed, goes through
        write("db/schema/20_broken.sql", "CREATE TABLE broken (id INT);\n");
        assertThat(builder().build(request(true, true, false, false)).baselined()).containsExactly("001");
    }

    @Test
    void theBuildWaitsForTheMigrationLock() throws Exception {
        settings();
        TrackingTable tracking = new TrackingTable("confiture_migrations");
        try (MigrationLock held = MigrationLock.acquire(db.connect(), tracking.name(), java.time.Duration.ofSeconds(1), h -> { })) {
            SchemaBuilder.Request base = request(true, true, false, false);
            SchemaBuilder.Request impatient = new SchemaBuilder.Request("local", project, base.includes(), base.seedIncludes(),
                    true, base.outputFile(), true, base.runner().withLockTimeout(java.time.Duration.ofMillis(300)), false, false);
            assertThatThrownBy(() -> builder().build(impatient))
                    .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code()).isEqualTo("LOCK_TIMEOUT"));
            assertThat(log).anyMatch(l -> l.startsWith("Waiting for the migration lock, held by"));
        }
        assertThat(tables()).isEmpty();
    }

    @Test
    void extensionObjectsAndAnEmptyTrackingTableDoNotCountButAppliedMigrationsDo() throws Exception {
        settings();
        db.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto; CREATE TABLE confiture_migrations (version TEXT PRIMARY KEY)");
        try (Connection c = db.connect()) {
            assertThat(UserObjects.list(c, "confiture_migrations")).isEmpty();
            db.execute("INSERT INTO confiture_migrations VALUES ('001')");
            assertThat(UserObjects.list(c, "confiture_migrations")).extracting(Object::toString)
                    .containsExactly("table public.confiture_migrations");
        }
    }

    @Test
    void userObjectsListsEveryKindButNotImplicitTypes() throws Exception {
        settings();
        db.execute("""
                CREATE SCHEMA app;
                CREATE TABLE app.t (id SERIAL PRIMARY KEY);
                CREATE VIEW app.v AS SELECT id FROM app.t;
                CREATE MATERIALIZED VIEW app.mv AS SELECT id FROM app.t;
                CREATE SEQUENCE app.s;
                CREATE FUNCTION app.f() RETURNS INT LANGUAGE sql AS 'SELECT 1';
                CREATE PROCEDURE app.p() LANGUAGE sql AS 'SELECT 1';
                CREATE TYPE app.mood AS ENUM ('ok');
                CREATE TYPE app.pair AS (a INT, b INT);
                CREATE DOMAIN app.positive AS INT CHECK (VALUE > 0);
                CREATE TYPE app.floatrange AS RANGE (subtype = float8);
                """);
        try (Connection c = db.connect()) {
            assertThat(UserObjects.list(c, null)).extracting(Object::toString).containsExactlyInAnyOrder(
                    "schema app", "table app.t", "view app.v", "materialized view app.mv", "sequence app.s",
                    "sequence app.t_id_seq", "function app.f()", "procedure app.p()", "enum type app.mood", "composite type app.pair",
                    "domain app.positive", "range type app.floatrange");
        }
    }

    /** The coordination store is Confiture's: a database that holds only it is empty for build (it was counted before). */
    @Test
    void theCoordinationStoreIsNotAUserObject() throws Exception {
        settings();
        db.execute("CREATE SCHEMA confiture_coordination; CREATE TABLE confiture_coordination.intents (id int);"
                + " CREATE FUNCTION confiture_coordination.f() RETURNS int LANGUAGE sql AS 'SELECT 1'");
        try (Connection c = db.connect()) {
            assertThat(UserObjects.list(c, "confiture_migrations")).isEmpty();
            db.execute("CREATE TABLE public.t (id int)");
            assertThat(UserObjects.list(c, "confiture_migrations")).extracting(Object::toString)
                    .containsExactly("table public.t");
        }
    }

    @Test
    void anEmptyDatabaseHasNoUserObjects() throws Exception {
        settings();
        try (Connection c = db.connect()) {
            assertThat(UserObjects.list(c, "confiture_migrations")).isEmpty();
        }
    }

    @Test
    void recreateFailsNamingOtherSessionsAndLeavesTheDatabaseAlone() throws Exception {
        settings();
        db.execute("CREATE TABLE legacy (id INT)");
        Properties props = new Properties();
        props.setProperty("user", db.user());
        if (db.password() != null) {
            props.setProperty("password", db.password());
        }
        props.setProperty("ApplicationName", "someone-else");
        try (Connection other = java.sql.DriverManager.getConnection(db.jdbcUrl(), props)) {
            assertThat(other.isValid(1)).isTrue();
            assertThatThrownBy(() -> builder().build(request(false, true, true, false)))
                    .isInstanceOfSatisfying(ConfitureException.class, e -> {
                        assertThat(e.code()).isEqualTo("BUILD_DATABASE_IN_USE");
                        assertThat(e.getMessage()).contains("1 other session is connected", "application 'someone-else'",
                                "pg_terminate_backend");
                    });
            assertThat(other.isValid(1)).isTrue();
        }
        assertThat(tables()).containsExactly("legacy");
    }

    @Test
    void aSessionThatEndsWhileRecreateLooksDoesNotRefuseIt() throws Exception {
        settings();
        db.execute("CREATE TABLE legacy (id INT)");
        Connection other = db.connect();
        assertThat(other.isValid(1)).isTrue();
        // closed while the build looks at the database's sessions, well within the grace it gives them
        java.util.concurrent.ScheduledExecutorService closer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            closer.schedule(() -> {
                other.close();
                return null;
            }, DatabaseRecreator.CLOSING_GRACE_MILLIS / 4, java.util.concurrent.TimeUnit.MILLISECONDS);
            SchemaBuilder.Result result = builder().build(request(false, true, true, false));
            assertThat(result.recreated()).isTrue();
        } finally {
            closer.shutdownNow();
            other.close();
        }
        assertThat(tables()).containsExactly("roles", "users");
    }

    @Test
    void aMissingDatabaseIsNamedAndRecreateCreatesIt() throws Exception {
        String name = "confiture_build_missing_" + Long.toHexString(System.nanoTime());
        settings();
        DatabaseSettings missing = new DatabaseSettings(db.jdbcUrl().replace(db.name(), name), db.user(), db.password());
        SchemaBuilder.Request plain = request(true, true, false, false, missing);
        assertThatThrownBy(() -> builder().build(plain))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("BUILD_DATABASE_MISSING");
                    assertThat(e.getMessage()).contains(name, "-Dconfiture.recreate=true");
                });
        SchemaBuilder.Request recreate = request(true, true, true, false, missing);
        try {
            SchemaBuilder.Result result = builder().build(recreate);
            assertThat(result.applied()).isTrue();
        } finally {
            try (Connection admin = TestPostgres.server().connect(TestPostgres.server().adminDatabase());
                 Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    @Test
    void theMaintenanceDatabaseIsNeverRecreated() {
        settings();
        DatabaseSettings postgres = new DatabaseSettings(db.jdbcUrl().replace(db.name(), "postgres"), db.user(), db.password());
        SchemaBuilder.Request recreate = request(true, true, true, false, postgres);
        assertThatThrownBy(() -> builder().build(recreate))
                .isInstanceOfSatisfying(ConfitureException.class,
                        e -> assertThat(e.code()).isEqualTo("BUILD_RECREATE_REFUSED"));
    }

    @Test
    void aFileThatIsNotUtf8IsNamed() throws Exception {
        Files.write(project.resolve("db/schema/10_tables/latin1.sql"), new byte[] {'-', '-', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> builder().build(request(true, false, false, false)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("BUILD_INPUT_UNREADABLE");
                    assertThat(e.file()).isEqualTo(Path.of("db/schema/10_tables/latin1.sql"));
                });
    }

    @Test
    void psqlMetaCommandsOfADumpAreSkippedAndTheLogSaysWhichLines() throws Exception {
        write("db/schema/10_tables/9_dump.sql", "\\restrict AbC123\nCREATE TABLE dumped (id int);\n\\unrestrict AbC123\n");
        builder().build(request(true, true, false, false));
        assertThat(tables()).contains("dumped");
        assertThat(log).contains("Skipping 2 psql meta-command line(s), which are not SQL: "
                + "db/schema/10_tables/9_dump.sql:1 \\restrict, db/schema/10_tables/9_dump.sql:3 \\unrestrict");
        assertThat(log).noneMatch(l -> l.contains("AbC123"));
    }

    @Test
    void aFileThatIsNotUtf8SaysWhereTheFirstBadByteIs() throws Exception {
        Files.write(project.resolve("db/schema/10_tables/latin1.sql"), new byte[] {'-', '-', '\n', '-', '-', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> builder().build(request(true, false, false, false)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.file()).isEqualTo(Path.of("db/schema/10_tables/latin1.sql"));
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("UTF-8", "offset 6", "0xE9");
                });
    }

    @Test
    void transactionControlInAFileIsRefusedBeforeAnythingRuns() throws Exception {
        write("db/schema/10_tables/9_roles.sql", "BEGIN;\nCREATE TABLE roles (name TEXT PRIMARY KEY);\nCOMMIT;\n");
        assertThatThrownBy(() -> builder().build(request(true, true, false, false)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("BUILD_TRANSACTION_CONTROL");
                    assertThat(e.file()).isEqualTo(Path.of("db/schema/10_tables/9_roles.sql"));
                    assertThat(e.line()).isEqualTo(1);
                });
        assertThat(tables()).isEmpty();
        // savepoints, and BEGIN ATOMIC bodies, are fine
        write("db/schema/10_tables/9_roles.sql", """
                CREATE TABLE roles (name TEXT PRIMARY KEY);
                SAVEPOINT s1;
                ROLLBACK TO SAVEPOINT s1;
                CREATE FUNCTION role_count() RETURNS bigint LANGUAGE sql
                BEGIN ATOMIC
                  SELECT count(*) FROM roles;
                END;
                """);
        builder().build(request(true, true, false, false));
        assertThat(tables()).containsExactly("roles", "users");
    }

    @Test
    void seedsWrittenAsCopyFromStdinAreLoaded() throws Exception {
        write("db/seeds/development/00_more.sql", """
                COPY users (id, username) FROM stdin;
                3\tdev
                4\tops
                \\.
                INSERT INTO users VALUES (5, 'after-copy');
                """);
        builder().build(request(false, true, false, false));
        assertThat(column("SELECT username FROM users ORDER BY id"))
                .containsExactly("admin", "editor", "dev", "ops", "after-copy");
    }

    @Test
    void anUnterminatedStatementIsNamedWithItsFile() throws Exception {
        write("db/schema/10_tables/broken.sql", "CREATE FUNCTION f() RETURNS INT LANGUAGE sql AS $$ SELECT 1;\n");
        assertThatThrownBy(() -> builder().build(request(true, true, false, false)))
                .isInstanceOfSatisfying(ConfitureException.class,
                        e -> assertThat(e.getMessage()).contains("broken.sql"));
        assertThat(tables()).isEmpty();
    }
}
