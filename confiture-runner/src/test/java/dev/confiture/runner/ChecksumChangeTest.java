package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;

import dev.confiture.model.ConfitureException;
import dev.confiture.runner.report.MigrationOutcome;
import dev.confiture.runner.report.StatusReport;
import org.junit.jupiter.api.Test;

/** Which file of an applied migration changed, line endings that are not a change, and old tracking rows. */
class ChecksumChangeTest extends WithRunnerFixture {

    private static final String USERS_UP = "CREATE TABLE users (\n  id serial PRIMARY KEY\n);\n";
    private static final String BIO_UP = "ALTER TABLE users ADD COLUMN bio text;\n";
    private static final String BIO_DOWN = "ALTER TABLE users DROP COLUMN bio;\n";

    private void usersAndBio() {
        f.write("001_users.up.sql", USERS_UP);
        f.write("001_users.down.sql", "DROP TABLE users;\n");
        f.write("002_bio.up.sql", BIO_UP);
        f.write("002_bio.down.sql", BIO_DOWN);
    }

    @Test
    void anEditedUpFileIsRefusedNamingTheUpFile() {
        usersAndBio();
        f.runner().migrate(null, false);
        Path up = f.write("002_bio.up.sql", "ALTER TABLE users ADD COLUMN bio varchar(10);\n");
        f.write("003_posts.up.sql", "CREATE TABLE posts (id int);");

        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("MIGRATION_CHECKSUM_MISMATCH");
                    assertThat(e.file()).isEqualTo(up);
                    assertThat(e.getMessage()).contains(up.toString()).doesNotContain("002_bio.down.sql")
                            .contains("restore the applied file").contains("record the new checksum with confiture:repair");
                });
        assertThat(f.tableExists("posts")).isFalse();
        assertThat(f.runner().status().migrations()).extracting(e -> e.version() + ":" + e.status())
                .containsExactly("001:applied", "002:modified", "003:pending");
    }

    @Test
    void anEditedDownFileIsAWarningNamingItAndMigrateGoesOn() {
        usersAndBio();
        f.runner().migrate(null, false);
        Path down = f.write("002_bio.down.sql", "ALTER TABLE users DROP COLUMN IF EXISTS bio;\n");
        f.write("003_posts.up.sql", "CREATE TABLE posts (id int);");

        assertThat(f.runner().migrate(null, false).migrations()).extracting(MigrationOutcome::displayName)
                .containsExactly("003_posts");
        assertThat(f.tableExists("posts")).isTrue();
        assertThat(f.log).anyMatch(l -> l.startsWith("WARNING:") && l.contains(down.toString())
                && l.contains("down file") && !l.contains("002_bio.up.sql"));

        StatusReport status = f.runner().status();
        assertThat(status.migrations()).extracting(e -> e.version() + ":" + e.status())
                .containsExactly("001:applied", "002:down-modified", "003:applied");
        assertThat(dev.confiture.runner.report.RunnerText.statusTable(status))
                .anyMatch(l -> l.matches("\\| 002 +\\| bio +\\| sql +\\| down-modified +\\|.*"));
    }

    @Test
    void rollbackRunsTheDownFileAsItIsNowAfterAWarnedEdit() {
        usersAndBio();
        f.runner().migrate(null, false);
        f.write("002_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;\nCREATE TABLE down_ran_as_edited (id int);\n");

        f.runner().rollback(null, null, false);

        assertThat(f.tableExists("down_ran_as_edited")).isTrue();
        assertThat(f.appliedVersions()).containsExactly("001");
    }

    @Test
    void aDeletedDownFileIsAWarningAndItsRollbackRefusedAsIrreversible() throws Exception {
        usersAndBio();
        f.runner().migrate(null, false);
        Path down = dir.resolve("002_bio.down.sql");
        Files.delete(down);
        f.write("003_posts.up.sql", "CREATE TABLE posts (id int);");

        f.runner().migrate(null, false);

        assertThat(f.tableExists("posts")).isTrue();
        assertThat(f.log).anyMatch(l -> l.startsWith("WARNING:") && l.contains(down.toString()) && l.contains("deleted"));
        assertThat(f.runner().status().migrations()).extracting(e -> e.version() + ":" + e.status())
                .containsExactly("001:applied", "002:down-deleted", "003:applied");
        assertThatThrownBy(() -> f.runner().rollback(2, null, false))
                .hasMessageContaining("002_bio is irreversible").hasMessageContaining("002_bio.down.sql");
        assertThat(f.appliedVersions()).containsExactly("001", "002", "003");
    }

    @Test
    void lineEndingsAndATrailingNewlineAreNotAChange() {
        usersAndBio();
        f.runner().migrate(null, false);
        f.write("001_users.up.sql", USERS_UP.replace("\n", "\r\n"));
        f.write("002_bio.up.sql", BIO_UP + "\n\n");
        f.write("002_bio.down.sql", BIO_DOWN.strip());

        assertThat(f.runner().status().migrations()).extracting(e -> e.version() + ":" + e.status())
                .containsExactly("001:applied", "002:applied");
        f.runner().migrate(null, false);
        assertThat(f.log).noneMatch(l -> l.startsWith("WARNING:"));
    }

    @Test
    void aTrackingTableOfThePreviousVersionKeepsWorkingAndIsUpgradedInPlace() throws Exception {
        usersAndBio();
        // The table and rows exactly as the previous version wrote them: one checksum over the raw bytes.
        try (Connection c = f.db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE confiture_migrations (version text PRIMARY KEY, name text NOT NULL,"
                    + " checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),"
                    + " execution_time_ms bigint NOT NULL DEFAULT 0, applied_by text NOT NULL DEFAULT current_user,"
                    + " kind text NOT NULL CHECK (kind IN ('sql', 'java', 'baseline')))");
            st.execute(USERS_UP + "ALTER TABLE users ADD COLUMN bio text;");
            st.execute("INSERT INTO confiture_migrations (version, name, checksum, kind) VALUES"
                    + " ('001', 'users', '" + rawChecksum(USERS_UP, "DROP TABLE users;\n") + "', 'sql'),"
                    + " ('002', 'bio', '" + rawChecksum(BIO_UP, BIO_DOWN) + "', 'sql')");
        }
        f.write("003_posts.up.sql", "CREATE TABLE posts (id int);\r\n");

        assertThat(f.runner().status().migrations()).extracting(e -> e.version() + ":" + e.status())
                .containsExactly("001:applied", "002:applied", "003:pending");
        // status reads only: the old table is upgraded by the first run that holds the lock, not by status.
        assertThat(f.query("SELECT count(*) FROM pg_attribute WHERE attrelid = 'confiture_migrations'::regclass"
                + " AND attname = 'up_checksum'")).containsExactly("0");
        f.runner().migrate(null, false);

        assertThat(f.tableExists("posts")).isTrue();
        assertThat(f.query("SELECT version || ':' || (up_checksum IS NOT NULL) FROM confiture_migrations ORDER BY version"))
                .containsExactly("001:false", "002:false", "003:true");

        // A down edit on a row written before up_checksum existed: which file changed is unknown, so both are named.
        Path down = f.write("002_bio.down.sql", "ALTER TABLE users DROP COLUMN IF EXISTS bio;\n");
        assertThatThrownBy(() -> f.runner().migrate(null, false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.getMessage())
                        .contains(dir.resolve("002_bio.up.sql").toString()).contains(down.toString())
                        .contains("the checksum covers both"));
    }

    @Test
    void aTrackingTableInAPinnedSchemaIsUpgradedThere() throws Exception {
        f.write("001_users.up.sql", USERS_UP);
        try (Connection c = f.db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA ops");
            st.execute("CREATE TABLE ops.history (version text PRIMARY KEY, name text NOT NULL,"
                    + " checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),"
                    + " execution_time_ms bigint NOT NULL DEFAULT 0, applied_by text NOT NULL DEFAULT current_user,"
                    + " kind text NOT NULL CHECK (kind IN ('sql', 'java', 'baseline')))");
        }
        f.runner(RunnerConfig.of(f.settings(), dir).withTrackingTable("ops.history")).migrate(null, false);
        assertThat(f.query("SELECT version || ':' || (up_checksum IS NOT NULL) FROM ops.history")).containsExactly("001:true");
    }

    private static String rawChecksum(String up, String down) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(up.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        d.update((byte) 0);
        d.update(down.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d.digest());
    }
}
