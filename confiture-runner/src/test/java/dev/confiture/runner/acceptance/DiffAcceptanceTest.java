package dev.confiture.runner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.confiture.diff.DiffResult;
import dev.confiture.diff.OnlineDiff;
import dev.confiture.diff.OnlineStep;
import dev.confiture.diff.OwnObjects;
import dev.confiture.lint.LintEngine;
import dev.confiture.lint.LintMigration;
import dev.confiture.lint.LintScope;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.sql.SqlStatements;
import dev.confiture.runner.catalog.CatalogReader;
import dev.confiture.runner.diff.DiffService;
import dev.confiture.runner.shadow.SqlScript;
import dev.confiture.testing.TestPostgres;
import dev.confiture.testing.TestServer;

/**
 * The diff engine's acceptance tests: every case of {@code src/test/resources/acceptance/*.yaml}
 * (see {@link AcceptanceCase}) runs through one loop, the way the diff goal works by default (shadow
 * mode: both sides built in real databases and read by {@link CatalogReader}):
 * <ol>
 *   <li>build {@code old} in one fresh database and {@code new} in another, and read both catalogs;</li>
 *   <li>diff old -> new with {@link SchemaDiff#compare};</li>
 *   <li>apply the up SQL to the old database as {@code migrate} would (one transaction unless a
 *       statement cannot run in one) and require its catalog to equal the new one;</li>
 *   <li>apply the down SQL and require the catalog to equal the old one again;</li>
 *   <li>where the online form ({@link OnlineDiff}) differs from the plain one, the same with its
 *       migrations (ups in order, then downs in reverse order), and lint finds nothing in them.</li>
 * </ol>
 * Catalogs are compared field by field by {@link CatalogDifferences}, not by the engine itself.
 * {@code {role}} in a case's DDL stands for a role this test creates for grants and owners.
 */
class DiffAcceptanceTest {

    private static final String ROLE_PLACEHOLDER = "{role}";

    /**
     * Empties a case database back to what {@code CREATE DATABASE} gives: every extension and user schema
     * dropped, {@code public} made again as PostgreSQL 15 and later make it. Reusing two databases this way
     * instead of creating two per case keeps the suite fast on a busy server ({@code DROP DATABASE} waits
     * for a checkpoint); {@link #wipe} checks the result against a database never used.
     */
    private static final String WIPE = """
            DO $$
            DECLARE x text;
            BEGIN
              FOR x IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
                EXECUTE format('DROP EXTENSION %I CASCADE', x);
              END LOOP;
              FOR x IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema')
                  AND nspname NOT LIKE 'pg\\_%' LOOP
                EXECUTE format('DROP SCHEMA %I CASCADE', x);
              END LOOP;
            END $$;
            CREATE SCHEMA public AUTHORIZATION pg_database_owner;
            GRANT USAGE ON SCHEMA public TO PUBLIC;
            COMMENT ON SCHEMA public IS 'standard public schema';
            """;

    private static String role;
    private static CaseDatabase oldDb;
    private static CaseDatabase newDb;
    private static SchemaModel pristine;
    private static final java.util.Set<String> WIPES_CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void prepare() throws SQLException {
        role = "confiture_acc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        admin("CREATE ROLE " + role + " NOLOGIN");
        oldDb = new CaseDatabase(TestPostgres.newDatabase("acc_old"));
        newDb = new CaseDatabase(TestPostgres.newDatabase("acc_new"));
        pristine = read(newDb);
    }

    @AfterAll
    static void cleanUp() throws SQLException {
        for (CaseDatabase db : new CaseDatabase[] {oldDb, newDb}) {
            if (db != null) {
                db.close();
            }
        }
        // the case databases are gone, so nothing refers to the role any more
        admin("DROP ROLE IF EXISTS " + role);
    }

    @TestFactory
    Stream<DynamicTest> everyCase() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.title(), () -> runCase(c)));
    }

    /**
     * Offline mode, as {@code confiture.mode=offline} diffs: the DDL interpreter's models of old and new
     * are compared (no database); the SQL is then held to the same standard, applied to the old database
     * up and down and judged by the catalogs.
     */
    @TestFactory
    Stream<DynamicTest> everyCaseOffline() throws IOException {
        return cases().stream().filter(c -> c.knownFailure() == null)
                .map(c -> DynamicTest.dynamicTest(c.title() + " (offline)", () -> runOffline(c)));
    }

    private static void runOffline(AcceptanceCase c) throws Exception {
        run(c, c.offlineKnownFailure(), "offlineKnownFailure", true);
    }

    /** The interpreter's model of a case's DDL, as offline mode reads a file. */
    private static SchemaModel interpreted(AcceptanceCase c, String side, String ddl) {
        return DiffService.offline(List.of(SqlScript.text(c.name() + " (" + side + ")", ddl.replace(ROLE_PLACEHOLDER, role))));
    }

    private static void runCase(AcceptanceCase c) throws Exception {
        run(c, c.knownFailure(), "knownFailure", false);
    }

    /** Checks the case; one flagged as known to fail ({@code flag} names the key) must still fail, so a fix is noticed. */
    private static void run(AcceptanceCase c, String knownFailure, String flag, boolean offline) throws Exception {
        if (knownFailure == null) {
            checkInFreshSessionsOnFailure(c, offline);
            return;
        }
        try {
            checkInFreshSessionsOnFailure(c, offline);
        } catch (Throwable expected) {
            System.out.println("[acceptance] " + flag + " still fails: " + c.title() + " (" + knownFailure + ")");
            return;
        }
        fail("%s is marked %s (%s) but now passes: remove the flag", c.title(), flag, knownFailure);
    }

    /** Checks the case; after a failure both sessions are closed, so the next case starts from new ones. */
    private static void checkInFreshSessionsOnFailure(AcceptanceCase c, boolean offline) throws SQLException {
        try {
            check(c, offline);
        } catch (Throwable failure) {
            oldDb.discard();
            newDb.discard();
            throw failure;
        }
    }

    private static void check(AcceptanceCase c, boolean offline) throws SQLException {
        {
            // the two sides are independent: built at the same time, as ShadowDiff builds them
            CompletableFuture<SchemaModel> newSide = CompletableFuture.supplyAsync(() -> fresh(newDb, c.newDdl()));
            SchemaModel oldModel = fresh(oldDb, c.oldDdl());
            SchemaModel newModel;
            try {
                newModel = newSide.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            DiffResult diff = offline ? SchemaDiff.compare(interpreted(c, "old", c.oldDdl()), interpreted(c, "new", c.newDdl()))
                    : SchemaDiff.compare(oldModel, newModel);
            if (c.noChange()) {
                assertThat(diff.isEmpty()).as("%s: expected no change, the engine wrote:%n%s", c.title(), diff.upSql())
                        .isTrue();
                return;
            }
            assertThat(diff.isEmpty()).as("%s: old and new build the same catalog; mark the case noChange: true",
                    c.title()).isFalse();
            if (c.destructive() != null) {
                // review warnings (a conversion through text) are not destructive ones
                assertThat(diff.warnings().stream().anyMatch(w -> w.startsWith("destructive: ")))
                        .as("%s: destructive warnings %s", c.title(), diff.warnings())
                        .isEqualTo(c.destructive());
            }
            apply(oldDb, diff.up(), c, "up", diff);
            assertSame(read(oldDb), newModel, c, "after up", diff);
            apply(oldDb, diff.down(), c, "down", diff);
            assertSame(read(oldDb), oldModel, c, "after down", diff);
            if (!offline) {
                // the online plan is made from the catalogs' models, whichever mode made the plain diff:
                // checked once, against the plain diff of the same models
                checkOnline(c, oldModel, newModel, diff);
            }
        }
    }

    /**
     * The online form (docs/diff.md) of the same change, where it differs from the plain one: its
     * migrations applied in order take the old database to the new catalog, their downs in reverse order
     * take it back.
     */
    private static void checkOnline(AcceptanceCase c, SchemaModel oldModel, SchemaModel newModel, DiffResult plain)
            throws SQLException {
        List<OnlineStep> steps = OnlineDiff.plan(oldModel, newModel, OwnObjects.DEFAULT, null).steps();
        if (steps.size() == 1 && steps.get(0).up().subList(1, steps.get(0).up().size()).equals(plain.up())) {
            return; // the plain form under a lock_timeout header: checked above
        }
        List<String> up = new ArrayList<>();
        List<String> down = new ArrayList<>();
        steps.forEach(s -> up.addAll(s.up()));
        steps.forEach(s -> down.addAll(0, s.down()));
        DiffResult online = new DiffResult(plain.changes(), up, down, plain.warnings());
        for (OnlineStep s : steps) {
            apply(oldDb, s.up(), c, "online up (" + s.purpose() + ")", online);
        }
        assertSame(read(oldDb), newModel, c, "after the online form's ups", online);
        for (int i = steps.size() - 1; i >= 0; i--) {
            apply(oldDb, steps.get(i).down(), c, "online down (" + steps.get(i).purpose() + ")", online);
        }
        assertSame(read(oldDb), oldModel, c, "after the online form's downs", online);
        // what the online form writes passes lint, judged after the old schema as a migration before it
        List<LintMigration> migrations = new ArrayList<>();
        migrations.add(new LintMigration("000_old.sql", "000_old.sql", c.oldDdl().replace(ROLE_PLACEHOLDER, role)));
        for (int i = 0; i < steps.size(); i++) {
            String name = String.format("%03d_%s.sql", i + 1, steps.get(i).name("step"));
            migrations.add(new LintMigration(name, name, steps.get(i).upSql()));
        }
        assertThat(new LintEngine().lint(migrations, LintScope.all(15)).findings())
                .as("%s: lint on the online form:%n%s", c.title(), online.upSql()).isEmpty();
        System.out.println("[acceptance] online form checked: " + c.title() + " (" + steps.size() + " migrations)");
    }

    private static void assertSame(SchemaModel actual, SchemaModel expected, AcceptanceCase c, String step,
                                   DiffResult diff) {
        List<String> differences = CatalogDifferences.between(actual, expected);
        if (!differences.isEmpty()) {
            fail("%s: catalog %s differs from the target:%n%s%n-- up:%n%s-- down:%n%s", c.title(), step,
                    String.join("\n", differences), diff.upSql(), diff.downSql());
        }
    }

    /** As {@code migrate} runs a migration: in one transaction unless a statement cannot run in one. */
    private static void apply(CaseDatabase db, List<String> statements, AcceptanceCase c, String step, DiffResult diff)
            throws SQLException {
        boolean transactional = statements.stream().noneMatch(SqlStatements::requiresNoTransaction);
        Connection conn = db.session();
        try (Statement st = conn.createStatement()) {
            conn.setAutoCommit(!transactional);
            String current = null;
            try {
                for (String s : statements) {
                    current = s;
                    st.execute(s);
                }
                if (transactional) {
                    conn.commit();
                }
            } catch (SQLException e) {
                fail("%s: PostgreSQL refused the %s SQL at%n  %s%n%s%n-- up:%n%s-- down:%n%s", c.title(), step, current,
                        e.getMessage(), diff.upSql(), diff.downSql());
            }
        }
        db.release();
    }

    /** Empties the database; the first wipe of each is checked against a database never used (the recipe is what matters). */
    private static void wipe(CaseDatabase db) throws SQLException {
        db.execute(WIPE);
        if (WIPES_CHECKED.add(db.name())) {
            List<String> left = CatalogDifferences.between(read(db), pristine);
            assertThat(left).as("wiping %s left objects behind", db.name()).isEmpty();
        }
    }

    /** The database emptied, loaded with the DDL, and its catalog. */
    private static SchemaModel fresh(CaseDatabase db, String ddl) {
        try {
            wipe(db);
            load(db, ddl);
            return read(db);
        } catch (SQLException e) {
            throw new IllegalStateException(db.name() + ": " + e.getMessage(), e);
        }
    }

    private static void load(CaseDatabase db, String ddl) throws SQLException {
        if (!ddl.isBlank()) {
            db.execute(ddl.replace(ROLE_PLACEHOLDER, role));
        }
    }

    private static SchemaModel read(CaseDatabase db) throws SQLException {
        return new CatalogReader().read(db.session());
    }

    static List<AcceptanceCase> cases() throws IOException {
        URL dir = DiffAcceptanceTest.class.getResource("/acceptance");
        assertThat(dir).as("test resources folder acceptance/").isNotNull();
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<AcceptanceCase> out = new ArrayList<>();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                out.addAll(AcceptanceCase.fromYaml(f.getFileName().toString(), yaml().load(in)));
            }
        }
        return out;
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static void admin(String sql) throws SQLException {
        TestServer s = TestPostgres.server();
        try (Connection c = s.connect(s.adminDatabase()); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
