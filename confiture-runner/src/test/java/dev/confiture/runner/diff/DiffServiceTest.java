package dev.confiture.runner.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.confiture.diff.DiffResult;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.runner.MigrationGenerator;
import dev.confiture.runner.migration.MigrationDiscovery;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.shadow.ScratchDatabases;
import dev.confiture.runner.shadow.ShadowDiff;
import dev.confiture.runner.shadow.SqlScript;
import dev.confiture.sql.Placeholders;
import dev.confiture.runner.catalog.CatalogReader;
import dev.confiture.runner.db.TrackingTable;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import dev.confiture.testing.TestServer;

/** The diff goal's service on real files and a real PostgreSQL (the test server doubles as shadow server). */
class DiffServiceTest {

    private static DatabaseSettings shadowServer;

    @TempDir
    Path project;

    @BeforeAll
    static void server() {
        TestServer s = TestPostgres.server();
        shadowServer = new DatabaseSettings(s.jdbcUrl(s.adminDatabase()), s.user(), s.password());
    }

    private DiffService.Request request(String from, String to, DatabaseSettings database) {
        return new DiffService.Request(project, from, to, List.of(project.resolve("db/schema")),
                project.resolve("db/migrations"), database, "shadow", shadowServer, null);
    }

    private DiffService.Request request(String from, String to, DatabaseSettings database, String mode,
                                        String trackingTable) {
        return new DiffService.Request(project, from, to, List.of(project.resolve("db/schema")),
                project.resolve("db/migrations"), database, mode, shadowServer, trackingTable);
    }

    private void write(String path, String sql) throws Exception {
        Path p = project.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, sql);
    }

    @Test
    void seedGuideStepsFourEightAndNine() throws Exception {
        // step 4: from an empty file to the users table
        write("empty.sql", "");
        write("db/schema/10_tables/users.sql", """
                CREATE TABLE users (
                    id BIGSERIAL PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE,
                    email TEXT NOT NULL,
                    created_at TIMESTAMP DEFAULT NOW()
                );
                """);
        DiffService service = new DiffService();
        DiffResult first = service.diff(request("empty.sql", "schema", null));
        assertThat(first.upSql()).contains("CREATE SEQUENCE public.users_id_seq AS bigint", "CREATE TABLE public.users (",
                "ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id");
        DiffService.Generated g1 = service.generate(project.resolve("db/migrations"), existing(), "create_users_table", first,
                "empty.sql", "schema");
        assertThat(g1.up().getFileName().toString()).isEqualTo("001_create_users_table.up.sql");
        assertThat(Files.readString(g1.down())).contains("DROP TABLE public.users");

        // step 8: add bio, diff the migrations against the schema files
        write("db/schema/10_tables/users.sql", Files.readString(project.resolve("db/schema/10_tables/users.sql"))
                .replace("created_at TIMESTAMP DEFAULT NOW()", "created_at TIMESTAMP DEFAULT NOW(),\n    bio TEXT"));
        DiffResult second = service.diff(request(null, null, null));
        assertThat(second.upSql()).isEqualTo("ALTER TABLE public.users ADD COLUMN bio text;\n");
        assertThat(second.downSql()).isEqualTo("-- WARNING: destructive: drop column public.users.bio\n"
                + "ALTER TABLE public.users DROP COLUMN bio;\n");
        DiffService.Generated g2 = service.generate(project.resolve("db/migrations"), existing(), "add_bio", second,
                "migrations", "schema");
        assertThat(g2.version()).isEqualTo("002");

        // step 9: the live database (as pg_dump would describe it) against the schema: nothing left once migrated
        try (TestDatabase db = TestPostgres.newDatabase("diffsvc")) {
            db.execute(Files.readString(g1.up()) + Files.readString(g2.up()));
            DatabaseSettings live = new DatabaseSettings(db.jdbcUrl(), db.user(), db.password());
            assertThat(service.diff(request("database", "schema", live)).isEmpty()).isTrue();
            assertThat(service.diff(request("database", "migrations", live)).isEmpty()).isTrue();
        }
    }

    /** Every migration of the test project, SQL and Java: what the diff goal now passes, as generate does. */
    private List<ResolvedMigration> existing() {
        return MigrationDiscovery.discover(project.resolve("db/migrations"), null, null);
    }

    private static DiffResult someChange() {
        return new DiffResult(List.of(new dev.confiture.diff.Change(
                dev.confiture.model.schema.ObjectRef.table(dev.confiture.model.schema.QualifiedName.of("public", "t")),
                dev.confiture.diff.Change.Kind.CREATE, "create table public.t", false)),
                List.of("CREATE TABLE public.t ()"), List.of("DROP TABLE public.t"), List.of());
    }

    /**
     * diff -Dconfiture.generate picked its version by its own rule: Java migrations were not counted (next to
     * SQL 001, 002 and Java 003, 005 it wrote 003) and a timestamp-numbered project got highest + 1 where generate writes the
     * current UTC time. Both now take it from MigrationFileName; the same folders give the same version.
     */
    @Test
    void diffGenerateAndGeneratePickTheSameNextVersion() throws Exception {
        DiffService service = new DiffService();
        ClassLoader loader = getClass().getClassLoader();
        String javaPackage = "dev.confiture.runner.testmigrations.ok";
        Path javaDir = project.resolve("java/db/migrations");
        Files.createDirectories(javaDir);
        Files.writeString(javaDir.resolve("001_users.up.sql"), "CREATE TABLE users (id int);");
        Files.writeString(javaDir.resolve("002_bio.up.sql"), "ALTER TABLE users ADD COLUMN bio text;");
        // V003__SeedAdminUsers and NamedByMethods (005) are Java migrations: the next one is 006 for both goals
        List<ResolvedMigration> withJava = MigrationDiscovery.discover(javaDir, loader, javaPackage);
        assertThat(service.generate(javaDir, withJava, "from_diff", someChange(), "a", "b").version()).isEqualTo("006");
        assertThat(MigrationGenerator.generate(javaDir, MigrationDiscovery.discover(javaDir, loader, javaPackage),
                "from_generate", null, null).version()).isEqualTo("007");

        Path stampDir = project.resolve("stamps/db/migrations");
        Files.createDirectories(stampDir);
        Files.writeString(stampDir.resolve("20200101000000_users.up.sql"), "CREATE TABLE users (id int);");
        List<ResolvedMigration> stamps = MigrationDiscovery.discover(stampDir, null, null);
        String fromGenerate = MigrationGenerator.nextVersion(stamps);
        String fromDiff = service.generate(stampDir, stamps, "from_diff", someChange(), "a", "b").version();
        // both are the current UTC time (a second may pass between the two calls), never 20200101000001
        assertThat(fromDiff).hasSize(14).isNotEqualTo("20200101000001").isGreaterThanOrEqualTo(fromGenerate);
    }

    @Test
    void migrationsAreListedAsMigrateListsThem() throws Exception {
        write("db/migrations/0010_y.up.sql", "");
        write("db/migrations/sub/0009_x.up.sql", "");
        write("db/migrations/0009_x.down.sql", "");
        // a sub-folder was not read, and a file migrate refuses was left out of the diff
        assertThat(DiffService.upMigrations(project.resolve("db/migrations"), IncludeScope.within(project)))
                .extracting(p -> p.getFileName().toString()).containsExactly("0009_x.up.sql", "0010_y.up.sql");
        write("db/migrations/notes.sql", "");
        assertThatThrownBy(() -> new DiffService().diff(request(null, "schema", null, "offline", null)))
                .isInstanceOfSatisfying(ConfitureException.class,
                        e -> assertThat(e.code()).isEqualTo("MIGRATION_BAD_FILE_NAME"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shadow", "offline"})
    void theMigrationsSideIsReadWithTheEnvironmentsPlaceholdersAsMigrateRunsThem(String mode) throws Exception {
        // Issue 12: diff builds the migrations side as migrate would run them on this environment.
        write("db/schema/audit.sql", "CREATE SCHEMA audit;\n"
                + "CREATE TABLE audit.events (id bigint PRIMARY KEY, note text DEFAULT 'on ci');\n");
        write("db/migrations/001_audit.up.sql", "-- ${not_checked_in_comments}\nCREATE SCHEMA ${audit_schema};\n"
                + "CREATE TABLE ${audit_schema}.events (id bigint PRIMARY KEY, note text DEFAULT 'on ${confiture:env}');\n");
        DiffService service = new DiffService();
        Placeholders values = new Placeholders(java.util.Map.of("audit_schema", "audit"), true).withBuiltIns("ci", null, null);

        assertThat(service.diff(request("migrations", "schema", null, mode, null).withPlaceholders(values)).isEmpty())
                .as("the migrations with audit_schema=audit make the schema files").isTrue();

        java.util.Set<String> before = shadowDatabases();
        assertThatThrownBy(() -> service.diff(request("migrations", "schema", null, mode, null)
                .withPlaceholders(new Placeholders(java.util.Map.of(), true).withBuiltIns("ci", null, null))))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(Placeholders.CODE_UNKNOWN);
                    assertThat(e.file()).isEqualTo(project.resolve("db/migrations/001_audit.up.sql"));
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("001_audit.up.sql:2: ${audit_schema}", "001_audit.up.sql:3: ${audit_schema}");
                });
        assertNoScratchDatabaseLeftSince(before, "refused before any scratch database");

        // placeholderReplacement: false: the file as written, which PostgreSQL (or the interpreter) refuses
        assertThatThrownBy(() -> service.diff(request("migrations", "schema", null, mode, null)
                .withPlaceholders(Placeholders.OFF)))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("001_audit.up.sql");
    }

    @Test
    void generateRefusesBadNamesEmptyDiffsAndOverwrites() throws Exception {
        DiffService service = new DiffService();
        DiffResult some = someChange();
        Path dir = project.resolve("db/migrations");
        assertThatThrownBy(() -> service.generate(dir, existing(), "bad name!", some, "a", "b"))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("letters, digits and underscores");
        DiffResult none = new DiffResult(List.of(), List.of(), List.of(), List.of());
        assertThatThrownBy(() -> service.generate(dir, existing(), "x", none, "a", "b"))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("No differences");
        assertThat(Files.exists(dir)).isFalse();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("001_x.up.sql"), "keep me");
        Files.writeString(dir.resolve("002_x.up.sql"), "keep me too");
        // the existing migrations passed say 001 is the highest: 002 is taken on disk, nothing is overwritten
        List<ResolvedMigration> stale = MigrationDiscovery.discover(dir, null, null).subList(0, 1);
        assertThatThrownBy(() -> service.generate(dir, stale, "x", some, "a", "b"))
                .isInstanceOfSatisfying(ConfitureException.class,
                        e -> assertThat(e.code()).isEqualTo("GENERATE_FILE_EXISTS"));
        assertThat(Files.readString(dir.resolve("002_x.up.sql"))).isEqualTo("keep me too");
        assertThat(Files.exists(dir.resolve("002_x.down.sql"))).isFalse();
        assertThat(service.generate(dir, existing(), "x", some, "a", "b").version()).isEqualTo("003");
    }

    @Test
    void badSourcesAndModesAreClearErrors() throws Exception {
        DiffService service = new DiffService();
        assertThatThrownBy(() -> service.diff(request("nope.sql", "schema", null)))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("confiture.from='nope.sql'")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> service.diff(request("database", "schema", null)))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("needs the environment's database");
        assertThatThrownBy(() -> service.diff(new DiffService.Request(project, "schema", "schema", List.of(),
                project, null, "psychic", null, null))).isInstanceOf(ConfitureException.class)
                .hasMessageContaining("'shadow' or 'offline'");
    }

    @Test
    void aFailingScriptNamesItsFileAndDropsTheScratchDatabase() throws Exception {
        write("broken.sql", "CREATE TABLE t (id integer);\nCREATE TABLE t (id integer);\n");
        write("db/schema/t.sql", "CREATE TABLE t (id integer);\n");
        DiffService service = new DiffService();
        java.util.Set<String> before = shadowDatabases();
        assertThatThrownBy(() -> service.diff(request("broken.sql", "schema", null)))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("broken.sql")
                .hasMessageContaining("already exists");
        assertNoScratchDatabaseLeftSince(before, "the scratch database is dropped");
    }

    @Test
    void whenBothSidesFailTheFromSidesErrorIsTheOneReportedAndNoScratchDatabaseIsLeft() throws Exception {
        write("broken_from.sql", "CREATE TABLE t (id integer);\nCREATE TABLE t (id integer);\n");
        write("broken_to.sql", "CREATE TABLE u (id integer);\nCREATE TABLE u (id integer);\n");
        java.util.Set<String> before = shadowDatabases();
        assertThatThrownBy(() -> new DiffService().diff(request("broken_from.sql", "broken_to.sql", null)))
                .isInstanceOf(ConfitureException.class).hasMessageContaining("broken_from.sql")
                .hasMessageNotContaining("broken_to.sql");
        assertNoScratchDatabaseLeftSince(before, "both scratch databases are dropped");
    }

    @Test
    void theTwoSidesAreBuiltAtOnceAndAFailingOneWaitsForTheOther() {
        java.util.concurrent.CountDownLatch bothStarted = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.atomic.AtomicBoolean fromFinished = new java.util.concurrent.atomic.AtomicBoolean();
        ShadowDiff.Side side = new ShadowDiff.Side(null, null);
        // each side waits for the other to start: run one after the other, they would wait in vain
        ShadowDiff.Both both = ShadowDiff.both(() -> meet(bothStarted, side), () -> meet(bothStarted, side));
        assertThat(both.from()).isSameAs(side);
        assertThat(both.to()).isSameAs(side);

        assertThatThrownBy(() -> ShadowDiff.both(() -> {
            sleep(300);
            fromFinished.set(true);
            return side;
        }, () -> {
            throw new ConfitureException("TO_FAILED", "the to side failed");
        })).hasMessage("the to side failed");
        assertThat(fromFinished).as("the from side finished before the failure was thrown").isTrue();

        assertThatThrownBy(() -> ShadowDiff.both(() -> {
            sleep(100);
            throw new ConfitureException("FROM_FAILED", "the from side failed");
        }, () -> {
            throw new ConfitureException("TO_FAILED", "the to side failed");
        })).hasMessage("the from side failed");
    }

    private static ShadowDiff.Side meet(java.util.concurrent.CountDownLatch latch, ShadowDiff.Side side) {
        latch.countDown();
        try {
            assertThat(latch.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the other side started").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return side;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * No scratch database that appeared since {@code before} is left. Other test JVMs may share the
     * server, and theirs are idle for a moment between their creation and first connection, and
     * between their last session and their drop: one seen now counts only if it is still there after
     * a wait far longer than another diff keeps its scratch database idle, so only a leak fails.
     */
    private static void assertNoScratchDatabaseLeftSince(java.util.Set<String> before, String what) throws Exception {
        java.util.Set<String> left = shadowDatabases();
        left.removeAll(before);
        for (long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
             !left.isEmpty() && System.nanoTime() < deadline; ) {
            Thread.sleep(200);
            left.retainAll(shadowDatabases());
        }
        assertThat(left).as(what).isEmpty();
    }

    /** The idle scratch databases of diff on the test server. */
    private static java.util.Set<String> shadowDatabases() throws Exception {
        TestServer s = TestPostgres.server();
        java.util.Set<String> names = new java.util.HashSet<>();
        try (var c = s.connect(s.adminDatabase()); var st = c.createStatement();
             var rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'confiture_shadow_%'"
                     + " AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = pg_database.datname)")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void shadowDiffOfTwoScripts() {
        ShadowDiff shadow = new ShadowDiff(ScratchDatabases.on(shadowServer), new CatalogReader());
        DiffResult r = shadow.diff(List.of(SqlScript.text("a", "CREATE TYPE mood AS ENUM ('sad', 'happy');")),
                List.of(SqlScript.text("b", "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');")));
        assertThat(r.up()).containsExactly("ALTER TYPE public.mood ADD VALUE 'ok' AFTER 'sad'");
    }

    private static final String USERS = "CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);\n";

    /** A real pg_dump of a database holding users, the tracking table, the coordination store and a scratch type. */
    private static String dumpWithOwnObjects() throws Exception {
        try (var in = DiffServiceTest.class.getResourceAsStream("pg_dump_with_own_objects.sql")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The coordination store as coordinate-init leaves it, in short. */
    private static final String COORDINATION_STORE = """
            CREATE SCHEMA confiture_coordination;
            CREATE TABLE confiture_coordination.intents (intent_id text PRIMARY KEY, agent_id text NOT NULL);
            CREATE INDEX intents_agent_idx ON confiture_coordination.intents (agent_id);
            CREATE TABLE confiture_coordination.history (history_id bigserial PRIMARY KEY,
                intent_id text NOT NULL REFERENCES confiture_coordination.intents ON DELETE CASCADE);
            COMMENT ON TABLE confiture_coordination.intents IS 'coordination intents';
            """;

    @ParameterizedTest
    @ValueSource(strings = {"offline", "shadow"})
    void aDumpHoldingConfituresOwnObjectsDiffsCleanAgainstTheSchemaFiles(String mode) throws Exception {
        write("dump.sql", dumpWithOwnObjects());
        write("db/schema/users.sql", USERS);
        DiffService service = new DiffService();
        DiffResult fromDump = service.diff(request("dump.sql", "schema", null, mode, null));
        assertThat(fromDump.upSql()).doesNotContain("DROP");
        assertThat(fromDump.changes()).isEmpty();
        assertThat(service.diff(request("schema", "dump.sql", null, mode, null)).changes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"offline", "shadow"})
    void aCustomTrackingTableInItsOwnSchemaIsLeftOutOfTheDiff(String mode) throws Exception {
        write("dump.sql", "CREATE SCHEMA ops;\n" + dumpWithOwnObjects()
                .replace("public.confiture_migrations", "ops.schema_history")
                .replace("confiture_migrations_", "schema_history_"));
        write("db/schema/users.sql", USERS);
        DiffService service = new DiffService();
        DiffResult r = service.diff(request("dump.sql", "schema", null, mode, "ops.schema_history"));
        assertThat(r.upSql()).doesNotContain("DROP");
        assertThat(r.changes()).isEmpty();
        // the same dump with the default tracking table configured: ops.schema_history is then a user table
        assertThat(service.diff(request("dump.sql", "schema", null, mode, null)).upSql())
                .contains("DROP TABLE ops.schema_history");
    }

    @ParameterizedTest
    @ValueSource(strings = {"offline", "shadow"})
    void aLiveDatabaseWithTrackingTableAndCoordinationStoreDiffsClean(String mode) throws Exception {
        write("db/schema/users.sql", USERS);
        DiffService service = new DiffService();
        try (TestDatabase db = TestPostgres.newDatabase("ownobjects")) {
            db.execute(USERS + COORDINATION_STORE);
            try (var c = db.connect()) {
                new TrackingTable("confiture_migrations").ensureExists(c);
                new TrackingTable("ops.schema_history").ensureExists(c);
            }
            DatabaseSettings live = new DatabaseSettings(db.jdbcUrl(), db.user(), db.password());
            DiffResult r = service.diff(request("database", "schema", live, mode, "ops.schema_history"));
            // confiture_migrations is not the configured tracking table here, so it is a user table
            assertThat(r.upSql()).isEqualTo("-- WARNING: destructive: drop table public.confiture_migrations\n"
                    + "DROP TABLE public.confiture_migrations;\n");
            assertThat(service.diff(request("database", "schema", live, mode, null)).upSql())
                    .doesNotContain("confiture_migrations", "confiture_coordination")
                    .contains("DROP TABLE ops.schema_history");
            try (var c = db.connect(); var st = c.createStatement()) {
                st.execute("DROP TABLE public.confiture_migrations");
            }
            assertThat(service.diff(request("database", "schema", live, mode, "ops.schema_history")).changes()).isEmpty();
            assertThat(service.diff(request("schema", "database", live, mode, "ops.schema_history")).changes()).isEmpty();
        }
    }
}
