package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;

import dev.confiture.model.ConfitureException;
import dev.confiture.runner.db.MigrationLock;
import dev.confiture.runner.db.TableName;
import dev.confiture.runner.report.MigrationOutcome;
import dev.confiture.runner.report.RepairReport;
import dev.confiture.runner.report.RepairReport.RepairChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** confiture:repair: the tracking table realigned with files edited on purpose, and missing rows removed only when asked. */
class MigrationRepairTest extends WithRunnerFixture {

    @BeforeEach
    void applyUsersAndBio() {
        f.writeUsersAndBio();
        f.runner().migrate(null, false);
    }

    private String row(String version) {
        return f.query("SELECT name || ':' || checksum || ':' || coalesce(up_checksum, '-') || ':' || kind"
                + " FROM confiture_migrations WHERE version = '" + version + "'").get(0);
    }

    @Test
    void anEditedUpFileGetsItsChecksumsRecordedAndMigrateGoesOn() {
        String before = row("001");
        Path up = f.write("002_bio.up.sql", "ALTER TABLE users ADD COLUMN IF NOT EXISTS bio text;\n");
        f.write("003_posts.up.sql", "CREATE TABLE posts (id int);\n");
        assertThatThrownBy(() -> f.runner().migrate(null, false)).hasMessageContaining("confiture:repair");

        RepairReport report = f.runner().repair(false);

        assertThat(report.changes()).extracting(RepairChange::version, RepairChange::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("002", "realigned"));
        assertThat(report.realigned()).isEqualTo(1);
        assertThat(f.log).anyMatch(l -> l.startsWith("Realigned 002_bio: up file " + up + " edited: checksum "));
        assertThat(f.log).anyMatch(l -> l.startsWith("Repaired confiture_migrations: 1 realigned, 0 removed"));
        assertThat(f.log).contains("Target database: " + f.settings().describe());
        assertThat(row("001")).isEqualTo(before);
        // the schema itself is untouched: repair runs nothing of the migration
        assertThat(f.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'bio'"))
                .containsExactly("1");
        assertThat(f.runner().status().migrations()).extracting(e -> e.version() + ":" + e.status())
                .containsExactly("001:applied", "002:applied", "003:pending");
        assertThat(f.runner().migrate(null, false).migrations()).extracting(MigrationOutcome::version).containsExactly("003");
    }

    @Test
    void anEditedDownFileIsRecordedSoTheWarningStops() {
        f.write("002_bio.down.sql", "ALTER TABLE users DROP COLUMN IF EXISTS bio;\n");
        f.runner().migrate(null, false);
        assertThat(f.log).anyMatch(l -> l.startsWith("WARNING:") && l.contains("002_bio.down.sql"));

        RepairReport report = f.runner().repair(false);
        assertThat(report.changes()).singleElement().satisfies(c -> assertThat(c.detail()).contains("down file")
                .contains("002_bio.down.sql edited or added"));
        f.log.clear();
        f.runner().migrate(null, false);
        assertThat(f.log).noneMatch(l -> l.startsWith("WARNING:"));
    }

    @Test
    void aMissingMigrationIsKeptUnlessRemoveMissingAndSaysSo() throws Exception {
        Files.delete(dir.resolve("002_bio.up.sql"));
        Files.delete(dir.resolve("002_bio.down.sql"));

        RepairReport kept = f.runner().repair(false);
        assertThat(kept.changes()).extracting(RepairChange::action).containsExactly("missing_kept");
        assertThat(kept.missingKept()).isEqualTo(1);
        assertThat(f.log).anyMatch(l -> l.equals("Kept 002_bio: its files are gone: record kept (remove it with"
                + " -Dconfiture.removeMissing=true)"));
        assertThat(f.appliedVersions()).containsExactly("001", "002");
        assertThatThrownBy(() -> f.runner().migrate(null, false)).hasMessageContaining("its file is missing");

        RepairReport removed = f.runner().repair(true);
        assertThat(removed.changes()).extracting(RepairChange::action).containsExactly("removed");
        assertThat(f.log).contains("Removed 002_bio: its files are gone: record removed");
        assertThat(f.appliedVersions()).containsExactly("001");
        assertThat(f.runner().migrate(null, false).migrations()).isEmpty();
    }

    @Test
    void aRenamedFileAndARowWithoutUpChecksumAreRealigned() throws Exception {
        Files.move(dir.resolve("002_bio.up.sql"), dir.resolve("002_user_bio.up.sql"));
        Files.move(dir.resolve("002_bio.down.sql"), dir.resolve("002_user_bio.down.sql"));
        f.db.execute("UPDATE confiture_migrations SET up_checksum = NULL WHERE version = '001'");

        RepairReport report = f.runner().repair(false);

        assertThat(report.changes()).extracting(c -> c.version() + ":" + c.detail()).containsExactly(
                "001:up file checksum recorded (" + row("001").split(":")[2].substring(0, 12) + ")",
                "002:name bio -> user_bio");
        assertThat(row("002")).startsWith("user_bio:");
        assertThat(row("001").split(":")[2]).hasSize(64);
    }

    @Test
    void nothingToRepairChangesNothingAndCreatesNoTable() {
        RepairReport report = f.runner().repair(true);
        assertThat(report.changes()).isEmpty();
        assertThat(f.log).anyMatch(l -> l.startsWith("Nothing to repair in confiture_migrations: 2 applied migration(s) match"));

        RunnerFixture empty = new RunnerFixture(dir);
        try {
            assertThat(empty.runner().repair(true).changes()).isEmpty();
            assertThat(empty.tableExists("confiture_migrations")).isFalse();
        } finally {
            empty.close();
        }
    }

    @Test
    void repairWaitsForTheMigrationLockAndChangesNothingWhenItTimesOut() throws Exception {
        f.write("002_bio.up.sql", "ALTER TABLE users ADD COLUMN IF NOT EXISTS bio text;\n");
        String before = row("002");
        try (Connection holder = f.db.connect();
             PreparedStatement ps = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            ps.setLong(1, MigrationLock.keyFor(TableName.parse(null)));
            ps.execute();
            assertThatThrownBy(() -> f.runner(f.config().withLockTimeout(Duration.ofSeconds(1))).repair(false))
                    .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code()).isEqualTo("LOCK_TIMEOUT"));
        }
        assertThat(row("002")).isEqualTo(before);
    }
}
