package dev.confiture.runner.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.config.Fleet;
import dev.confiture.model.config.Fleet.FleetDatabase;
import dev.confiture.model.config.Fleet.FleetTenants;
import dev.confiture.runner.RunnerConfig;
import dev.confiture.runner.fleet.FleetOutcome.State;
import dev.confiture.runner.report.RunnerText;
import dev.confiture.runner.report.StatusEntry;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two databases with two tenant schemas each, on the test server. */
class FleetExecutorTest {

    @TempDir
    Path dir;

    TestDatabase eu;
    TestDatabase us;
    RunnerConfig template;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws IOException {
        eu = TestPostgres.newDatabase("fleet_eu");
        us = TestPostgres.newDatabase("fleet_us");
        for (TestDatabase db : List.of(eu, us)) {
            db.execute("CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b; CREATE SCHEMA other");
        }
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        // unqualified names: each lands in the tenant schema the search_path names
        Files.writeString(migrations.resolve("001_items.up.sql"), "CREATE TABLE items (id int PRIMARY KEY);");
        Files.writeString(migrations.resolve("002_first_item.up.sql"), "INSERT INTO items VALUES (1);");
        template = new RunnerConfig(null, migrations, "confiture_migrations", null, null, Duration.ofSeconds(5));
    }

    @AfterEach
    void tearDown() {
        eu.close();
        us.close();
    }

    private static DatabaseSettings settings(TestDatabase db) {
        return new DatabaseSettings(db.jdbcUrl(), db.user(), db.password());
    }

    private List<FleetTarget> targets() {
        Fleet fleet = new Fleet(List.of(new FleetDatabase("eu", settings(eu), 1), new FleetDatabase("us", settings(us), 2)),
                new FleetTenants("select nspname from pg_namespace where nspname like 'tenant\\_%' order by 1", null));
        return FleetTargets.resolve(fleet, "confiture_migrations");
    }

    private FleetReport migrate(List<FleetTarget> targets, FleetOptions options) {
        return FleetExecutor.run("migrate", targets, options,
                FleetGoals.migrate(template, t -> RunnerText.lines(l -> log.add(t.name() + ": " + l))));
    }

    private static List<String> query(TestDatabase db, String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tenantsAreQueriedPerDatabase() {
        assertThat(targets()).extracting(FleetTarget::name).containsExactly("eu/tenant_a", "eu/tenant_b", "us/tenant_a", "us/tenant_b");
        assertThat(targets()).extracting(FleetTarget::trackingTable).containsOnly("tenant_a.confiture_migrations",
                "tenant_b.confiture_migrations");
    }

    @Test
    void aTenantQueryThatFailsOrNamesNoSchemaStopsBeforeAnyTarget() {
        Fleet bad = new Fleet(List.of(new FleetDatabase("eu", settings(eu), 1)), new FleetTenants("select nope from nowhere", null));
        assertThatThrownBy(() -> FleetTargets.resolve(bad, "confiture_migrations"))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code()).isEqualTo("FLEET_TENANT_QUERY_FAILED"))
                .hasMessageContaining("'eu'").hasMessageContaining("nowhere");
        Fleet odd = new Fleet(List.of(new FleetDatabase("eu", settings(eu), 1)), new FleetTenants("select 'Tenant; drop'", null));
        assertThatThrownBy(() -> FleetTargets.resolve(odd, "confiture_migrations"))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code()).isEqualTo("FLEET_TENANT_INVALID"))
                .hasMessageContaining("'Tenant; drop'");
    }

    @Test
    void withoutTenantsEachDatabaseIsOneTargetWithTheEnvironmentsTrackingTable() {
        Fleet fleet = new Fleet(List.of(new FleetDatabase("eu", settings(eu), 1), new FleetDatabase("us", settings(us), 2)), null);
        List<FleetTarget> targets = FleetTargets.resolve(fleet, "ops.migrations");
        assertThat(targets).extracting(FleetTarget::name).containsExactly("eu", "us");
        assertThat(targets).extracting(FleetTarget::trackingTable).containsOnly("ops.migrations");
        assertThat(targets).extracting(FleetTarget::tenant).containsOnly((String) null);
    }

    @Test
    void migrateBringsEveryTenantOfEveryDatabaseUpToDateEachWithItsOwnTrackingTable() {
        FleetReport first = migrate(targets(), new FleetOptions(2, true));

        assertThat(first.outcomes()).extracting(FleetOutcome::state).containsOnly(State.APPLIED);
        assertThat(first.outcomes()).extracting(FleetOutcome::applied).containsOnly(2);
        for (TestDatabase db : List.of(eu, us)) {
            for (String tenant : List.of("tenant_a", "tenant_b")) {
                assertThat(query(db, "SELECT version FROM " + tenant + ".confiture_migrations ORDER BY 1")).containsExactly("001", "002");
                assertThat(query(db, "SELECT id::text FROM " + tenant + ".items")).containsExactly("1");
            }
            assertThat(query(db, "SELECT count(*)::text FROM pg_tables WHERE tablename IN ('items', 'confiture_migrations')"
                    + " AND schemaname NOT LIKE 'tenant\\_%'")).containsExactly("0");
        }

        FleetReport again = migrate(targets(), new FleetOptions(2, true));
        assertThat(again.outcomes()).extracting(FleetOutcome::state).containsOnly(State.UP_TO_DATE);
        assertThat(again.summaryLines()).last().isEqualTo("Fleet migrate: 4 target(s): 0 applied, 4 up to date, 0 failed, 0 not started");

        FleetReport status = FleetExecutor.run("status", targets(), new FleetOptions(2, true),
                FleetGoals.status(template, t -> RunnerText.lines(log::add)));
        assertThat(status.outcomes()).extracting(FleetOutcome::currentVersion).containsOnly("002");
        assertThat(status.outcomes()).extracting(FleetOutcome::pending).containsOnly(0);
    }

    @Test
    void statusCountsPendingPerTarget() {
        FleetReport status = FleetExecutor.run("status", targets(), new FleetOptions(1, true),
                FleetGoals.status(template, t -> RunnerText.lines(log::add)));
        assertThat(status.outcomes()).extracting(FleetOutcome::state).containsOnly(State.PENDING);
        assertThat(status.outcomes()).extracting(FleetOutcome::pending).containsOnly(2);
        assertThat(status.summaryLines()).first().asString().startsWith("  eu/tenant_a").contains("2 pending");
    }

    @Test
    void failFastStopsStartingTargetsAndFalseRunsThemAll() {
        eu.execute("CREATE TABLE tenant_b.items (id int)"); // eu/tenant_b fails at 001

        FleetReport fast = migrate(targets(), new FleetOptions(1, true));
        assertThat(fast.outcomes()).extracting(FleetOutcome::state)
                .containsExactly(State.APPLIED, State.FAILED, State.NOT_STARTED, State.NOT_STARTED);
        assertThat(fast.failed().get(0).detail()).contains("001_items").contains("CREATE TABLE items");
        assertThat(query(us, "SELECT count(*)::text FROM pg_tables WHERE tablename = 'confiture_migrations'")).containsExactly("0");

        FleetReport all = migrate(targets(), new FleetOptions(1, false));
        assertThat(all.outcomes()).extracting(FleetOutcome::state)
                .containsExactly(State.UP_TO_DATE, State.FAILED, State.APPLIED, State.APPLIED);
        assertThat(all.summaryLines()).last().isEqualTo("Fleet migrate: 4 target(s): 2 applied, 1 up to date, 1 failed, 0 not started");
    }

    @Test
    void aFailingCanaryStartsNoOtherTarget() {
        us.execute("CREATE TABLE tenant_a.items (id int)");

        FleetReport report = migrate(targets(), new FleetOptions(4, false, "us/tenant_a"));

        assertThat(report.outcomes()).extracting(FleetOutcome::state)
                .containsExactly(State.NOT_STARTED, State.NOT_STARTED, State.FAILED, State.NOT_STARTED);
        assertThat(query(eu, "SELECT count(*)::text FROM pg_tables WHERE tablename = 'confiture_migrations'")).containsExactly("0");
    }

    @Test
    void aPassingCanaryLetsTheRestRun() {
        FleetReport report = migrate(targets(), new FleetOptions(4, true, "1"));
        assertThat(report.outcomes()).extracting(FleetOutcome::state).containsOnly(State.APPLIED);
    }

    private FleetReport run(String goal, FleetGoals.Goal what) {
        return FleetExecutor.run(goal, targets(), new FleetOptions(2, true), what.on(template, t -> RunnerText.lines(log::add)));
    }

    @Test
    void statusListsEveryMigrationOfEachTarget() {
        migrate(FleetSelection.select(targets(), "eu/tenant_a"), new FleetOptions(1, true));

        FleetReport status = run("status", FleetGoals::status);

        assertThat(status.outcomes().get(0).migrations()).extracting(StatusEntry::version, StatusEntry::status)
                .containsExactly(tuple("001", "applied"), tuple("002", "applied"));
        assertThat(status.outcomes().get(1).migrations()).extracting(StatusEntry::status).containsExactly("pending", "pending");
        assertThat(status.outcomes()).allSatisfy(o -> assertThat(o.migrations()).hasSize(2));
    }

    @Test
    void rollbackBaselineAndRepairActOnEveryTarget() throws IOException {
        Files.writeString(template.migrationsDir().resolve("002_first_item.down.sql"), "DELETE FROM items WHERE id = 1;");
        migrate(targets(), new FleetOptions(2, true));

        FleetReport rollback = run("rollback", FleetGoals.rollback(1, null));
        assertThat(rollback.outcomes()).extracting(FleetOutcome::state, FleetOutcome::applied, FleetOutcome::currentVersion)
                .containsOnly(tuple(State.ROLLED_BACK, 1, "001"));
        assertThat(query(us, "SELECT count(*)::text FROM tenant_b.items")).containsExactly("0");
        assertThat(rollback.summaryLines()).last()
                .isEqualTo("Fleet rollback: 4 target(s): 4 rolled back, 0 failed, 0 not started");

        FleetReport baseline = run("baseline", FleetGoals.baseline(null));
        assertThat(baseline.outcomes()).extracting(FleetOutcome::state, FleetOutcome::currentVersion)
                .containsOnly(tuple(State.BASELINED, "002"));
        assertThat(query(us, "SELECT count(*)::text FROM tenant_b.items")).as("baseline runs nothing").containsExactly("0");

        Files.writeString(template.migrationsDir().resolve("001_items.up.sql"), "CREATE TABLE items (id bigint PRIMARY KEY);");
        assertThat(run("status", FleetGoals::status).outcomes()).extracting(FleetOutcome::detail)
                .containsOnly("1 modified, 0 missing");
        FleetReport repair = run("repair", FleetGoals.repair(false));
        assertThat(repair.outcomes()).extracting(FleetOutcome::state, FleetOutcome::applied).containsOnly(tuple(State.REPAIRED, 1));
        assertThat(run("repair", FleetGoals.repair(false)).outcomes()).extracting(FleetOutcome::state)
                .containsOnly(State.UNCHANGED);
    }

    @Test
    void checkDatabaseFailsOnlyTheTargetsWhoseAppliedMigrationsDifferFromTheFiles() {
        migrate(targets(), new FleetOptions(2, true));
        eu.execute("UPDATE tenant_b.confiture_migrations SET checksum = 'edited', up_checksum = 'edited' WHERE version = '001'");

        FleetReport check = FleetExecutor.run("verify", targets(), new FleetOptions(2, false),
                FleetGoals.checkDatabase(template, t -> RunnerText.lines(log::add)));

        assertThat(check.outcomes()).extracting(FleetOutcome::state)
                .containsExactly(State.PASSED, State.FAILED, State.PASSED, State.PASSED);
        assertThat(check.failed().get(0).detail()).contains("001_items", "changed after it was applied");
        assertThat(check.summaryLines()).last().isEqualTo("Fleet verify: 4 target(s): 3 passed, 1 failed, 0 not started");
    }

    @Test
    void targetsInOneDatabaseShareAPooledSessionThatCarriesNothingFromOneTenantToTheNext() throws IOException {
        // each tenant records the session that migrated it and the search_path it ran with
        Files.writeString(template.migrationsDir().resolve("003_seen.up.sql"),
                "CREATE TABLE seen AS SELECT pg_backend_pid() AS pid, current_setting('search_path') AS path;");

        FleetReport report = migrate(targets(), new FleetOptions(4, true, null, 1));

        assertThat(report.outcomes()).extracting(FleetOutcome::state).containsOnly(State.APPLIED);
        for (TestDatabase db : List.of(eu, us)) {
            assertThat(query(db, "SELECT count(DISTINCT pid)::text FROM (SELECT pid FROM tenant_a.seen UNION ALL"
                    + " SELECT pid FROM tenant_b.seen) s")).as("one session per database under a budget of 1").containsExactly("1");
            assertThat(query(db, "SELECT path FROM tenant_a.seen")).containsExactly("tenant_a");
            assertThat(query(db, "SELECT path FROM tenant_b.seen")).containsExactly("tenant_b");
        }
    }
}
