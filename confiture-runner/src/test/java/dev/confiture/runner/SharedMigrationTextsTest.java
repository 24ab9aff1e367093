package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.confiture.runner.migration.MigrationTexts;
import org.junit.jupiter.api.Test;

/**
 * A runner given a cache of texts ({@link MigrationRunner#textsFrom}) reads every operation's files
 * through it, as verify has them read once for all its replays, rather than from the disk again.
 */
class SharedMigrationTextsTest extends WithRunnerFixture {

    @Test
    void migrateAndRollbackRunTheTextsTheSharedCacheHolds() {
        Path up = f.write("001_users.up.sql", "CREATE TABLE users (id int);\n");
        Path down = f.write("001_users.down.sql", "DROP TABLE users;\n");
        MigrationTexts shared = new MigrationTexts();
        shared.read(up);
        shared.read(down);
        // the files change on disk after the cache read them: the runner must not see it
        f.write("001_users.up.sql", "CREATE TABLE members (id int);\n");
        f.write("001_users.down.sql", "DROP TABLE no_such_table;\n");
        MigrationRunner runner = f.runner().textsFrom(shared);

        runner.migrate(null, false);
        assertThat(f.tableExists("users")).isTrue();
        assertThat(f.tableExists("members")).isFalse();

        runner.rollback(1, null, false); // the cached down; the one on disk would fail
        assertThat(f.tableExists("users")).isFalse();
    }

    @Test
    void withoutASharedCacheEachOperationReadsTheFilesAsTheyAreThen() {
        f.write("001_users.up.sql", "CREATE TABLE users (id int);\n");
        f.write("001_users.down.sql", "DROP TABLE no_such_table;\n");
        MigrationRunner runner = f.runner();
        runner.migrate(null, false);
        f.write("001_users.down.sql", "DROP TABLE users;\n");

        runner.rollback(1, null, false);

        assertThat(f.tableExists("users")).isFalse();
    }
}
