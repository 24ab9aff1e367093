package dev.confiture.runner.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.runner.embedded.EmbeddedPostgresServer;
import dev.confiture.runner.shadow.ScratchDatabases;
import dev.confiture.runner.shadow.ShadowDiff;
import dev.confiture.runner.shadow.SqlScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that dies while a diff or a verify works in its scratch databases (found with a full disk:
 * the server PANICs, and the drop that cleans up fails too). The error must be what failed the work,
 * with the failed drop suppressed into it, never "could not drop" in its place. Each test kills a
 * server of its own (an embedded one in a temporary folder), through the SQL it runs: {@code COPY TO
 * PROGRAM} sends the postmaster SIGQUIT, PostgreSQL's immediate shutdown.
 */
class ServerLostDuringScratchWorkTest {

    /** SQL that stops the server it runs on at once, as a crash would, and is still running when it goes. */
    private static final String KILL_THE_SERVER = """
            CREATE TABLE before_the_crash (id int);
            DO $$ BEGIN
              EXECUTE format('COPY (SELECT 1) TO PROGRAM %L',
                             'cat > /dev/null; kill -QUIT ' || split_part(pg_read_file('postmaster.pid'), E'\\n', 1));
              PERFORM pg_sleep(10); -- still running when the server goes, whatever the timing
            END $$;
            """;

    @TempDir
    Path project;

    @Test
    void aDiffSideWhoseServerDiesReportsTheLostConnectionNotTheFailedDrop() throws IOException {
        ScratchDatabases scratch = scratchOnAServerOfItsOwn();
        Path script = Files.writeString(project.resolve("crash.sql"), KILL_THE_SERVER);
        ShadowDiff shadow = new ShadowDiff(scratch, new dev.confiture.runner.catalog.CatalogReader());

        assertThatThrownBy(() -> shadow.side(List.of(SqlScript.of(script))))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("crash.sql")
                .hasMessageNotContaining("This connection has been closed") // what a later use of the lost connection says
                .hasMessageNotContaining("DROP DATABASE")
                .satisfies(e -> assertThat(e.getSuppressed()).as("the cleanup's failure, kept for -e")
                        .singleElement().asString().contains("DROP DATABASE"));
    }

    @Test
    void aVerifyWhoseServerDiesReportsWhatFailedTheReplayNotTheFailedDrops() throws IOException {
        ScratchDatabases scratch = scratchOnAServerOfItsOwn();
        Files.createDirectories(project.resolve("db/schema"));
        Files.createDirectories(project.resolve("db/migrations"));
        Path schema = Files.writeString(project.resolve("db/schema/t.sql"), "CREATE TABLE before_the_crash (id int);\n");
        // The crash comes once the schema files' side is done (a few hundred milliseconds), so that it
        // fails the replay: the verdict then says so, and the drops after it fail on a dead server.
        Files.writeString(project.resolve("db/migrations/001_wait.up.sql"), "SELECT pg_sleep(3);\n");
        Files.writeString(project.resolve("db/migrations/002_crash.up.sql"), KILL_THE_SERVER);
        List<String> log = new ArrayList<>();
        VerifyOptions options = VerifyOptions.of(List.of(schema), project.resolve("db/migrations")).withLog(log::add);

        VerifyReport report = new SchemaVerifier(scratch, "a server of its own").verify(options);

        assertThat(report.status()).isEqualTo("failed");
        assertThat(report.checks()).filteredOn(c -> c.name().equals("drift")).singleElement()
                .satisfies(drift -> assertThat(drift.findings()).singleElement().satisfies(f -> {
                    assertThat(f.migration()).isEqualTo("002_crash");
                    assertThat(f.message()).contains("Lost the connection").contains("while running 002_crash")
                            .as("no advice meant for a shared live database").doesNotContain("confiture:status");
                }));
        assertThat(log).anySatisfy(line -> assertThat(line)
                .startsWith("Could not drop every scratch database; drop what is left by hand:")
                .contains("DROP DATABASE IF EXISTS confiture_shadow_")
                .doesNotContain("must be allowed to create databases"));
    }

    /** Scratch databases on a PostgreSQL that this test alone uses, so that killing it harms no other test. */
    private ScratchDatabases scratchOnAServerOfItsOwn() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.project(project.resolve("pg"), 0, message -> { });
        return ScratchDatabases.on(server.settings("postgres"));
    }
}
