package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confiture.model.ConfitureException;
import dev.confiture.runner.report.MigrateReport;
import dev.confiture.runner.report.MigrationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** confiture.baselineOnMigrate: a database made by something else gets its first migrations recorded, not run. */
class BaselineOnMigrateTest extends WithRunnerFixture {

    @BeforeEach
    void writeMigrations() {
        f.write("001_users.up.sql", "CREATE TABLE users (id int PRIMARY KEY);");
        f.write("002_orders.up.sql", "CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users);");
        f.write("003_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;");
    }

    @Test
    void aNonEmptyDatabaseWithoutTrackingTableRecordsTheBaselineAndAppliesWhatIsNewer() {
        // what 001 and 002 create, made by hand (or by Flyway) before Confiture
        f.db.execute("CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users)");

        MigrateReport report = f.runner().migrate(null, false, MigrateOptions.DEFAULTS.withBaselineOnMigrate("002"));

        assertThat(report.migrations()).extracting(o -> o.version() + ":" + o.status())
                .containsExactly("001:baselined", "002:baselined", "003:applied");
        assertThat(f.query("SELECT version || ':' || kind FROM confiture_migrations ORDER BY version"))
                .containsExactly("001:baseline", "002:baseline", "003:sql");
        assertThat(f.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'bio'"))
                .containsExactly("1");
        assertThat(f.log).anyMatch(l -> l.startsWith("The database holds 2 object(s) (table public.orders, table public.users)"
                + " and no applied migration: confiture.baselineOnMigrate=true records 2 migration(s) up to version 002"));
        assertThat(f.log).contains("Baselined 001_users", "Baselined 002_orders")
                .anyMatch(l -> l.startsWith("Applied 1 migration(s) in "));

        // with a tracking table and applied rows, the option does nothing more
        MigrateReport again = f.runner().migrate(null, false, MigrateOptions.DEFAULTS.withBaselineOnMigrate("002"));
        assertThat(again.migrations()).isEmpty();
        assertThat(again.alreadyApplied()).isEqualTo(3);
    }

    @Test
    void theDefaultBaselineVersionIsOneAsInFlyway() {
        f.db.execute("CREATE TABLE users (id int PRIMARY KEY)");
        MigrateReport report = f.runner().migrate(null, false, new MigrateOptions(false, true, null));
        assertThat(report.migrations()).extracting(o -> o.version() + ":" + o.status())
                .containsExactly("001:baselined", "002:applied", "003:applied");
    }

    @Test
    void onAnEmptyDatabaseItIsANoOp() {
        MigrateReport report = f.runner().migrate(null, false, MigrateOptions.DEFAULTS.withBaselineOnMigrate("002"));
        assertThat(report.migrations()).extracting(MigrationOutcome::status).containsOnly("applied").hasSize(3);
        assertThat(f.query("SELECT DISTINCT kind FROM confiture_migrations")).containsExactly("sql");
        assertThat(f.log).noneMatch(l -> l.contains("baselineOnMigrate"));
    }

    @Test
    void aDryRunRecordsNothingButSaysWhatItWouldDo() {
        f.db.execute("CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users)");
        MigrateReport report = f.runner().migrate(null, true, MigrateOptions.DEFAULTS.withBaselineOnMigrate("002"));
        assertThat(report.migrations()).extracting(o -> o.version() + ":" + o.status())
                .containsExactly("001:baselined", "002:baselined", "003:would_apply");
        assertThat(f.tableExists("confiture_migrations")).isFalse();
        assertThat(f.log).anyMatch(l -> l.contains("confiture.baselineOnMigrate=true would record 2 migration(s)"));
    }

    @Test
    void withoutTheOptionTheFirstMigrationRunsOverTheExistingObjectsAndFails() {
        f.db.execute("CREATE TABLE users (id int PRIMARY KEY)");
        assertThatThrownBy(() -> f.runner().migrate(null, false)).isInstanceOf(ConfitureException.class)
                .hasMessageContaining("already exists");
        assertThat(f.appliedVersions()).isEmpty();
    }

    @Test
    void aBaselineVersionThatIsNotAVersionIsRefusedBeforeConnecting() {
        f.db.execute("CREATE TABLE users (id int PRIMARY KEY)");
        assertThatThrownBy(() -> f.runner().migrate(null, false, MigrateOptions.DEFAULTS.withBaselineOnMigrate("v2")))
                .hasMessageContaining("confiture.baselineVersion=v2 is not a version");
        assertThat(f.tableExists("confiture_migrations")).isFalse();
    }
}
