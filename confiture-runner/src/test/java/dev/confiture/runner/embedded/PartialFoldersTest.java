package dev.confiture.runner.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build stopped while it builds a folder aside (Ctrl-C during a machine's first unpack, a kill)
 * leaves that folder behind; the next build of the same folder sweeps it, and never one a running
 * build is still filling.
 */
class PartialFoldersTest {

    @TempDir
    Path dir;

    @Test
    void theNextCopyOfTheTemplateSweepsWhatStoppedBuildsLeftAndNothingElse() throws Exception {
        Path dataDir = dir.resolve("target/confiture/postgres");
        Path stopped = leftover(dataDir, endedProcess() + "-" + UUID.randomUUID());
        Path running = leftover(dataDir, ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        Path oldUnowned = leftover(dataDir, UUID.randomUUID().toString());
        Files.setLastModifiedTime(oldUnowned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path newUnowned = leftover(dataDir, UUID.randomUUID().toString());
        Path otherFolder = leftover(dir.resolve("target/confiture/postgres-old"), endedProcess() + "-" + UUID.randomUUID());

        ClusterTemplate.copyTo(PostgresBinaries.forThisMachine(), dataDir);

        assertThat(dataDir.resolve("PG_VERSION")).isRegularFile();
        assertThat(stopped).doesNotExist();
        assertThat(oldUnowned).doesNotExist();
        assertThat(running).isDirectory();
        assertThat(newUnowned).isDirectory();
        assertThat(otherFolder).isDirectory();
        try (var left = Files.list(dataDir.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("postgres", running.getFileName().toString(),
                            newUnowned.getFileName().toString(), otherFolder.getFileName().toString());
        }
    }

    @Test
    void aFolderIsItsBuildsWhileThatProcessRuns() {
        FileTime now = FileTime.from(Instant.now());
        assertThat(PartialFolders.abandoned(ProcessHandle.current().pid() + "-" + UUID.randomUUID(), now, Instant.now()))
                .isFalse();
        assertThat(PartialFolders.abandoned(endedProcess() + "-" + UUID.randomUUID(), now, Instant.now())).isTrue();
        // named by an older plugin (no process): an hour's grace, then swept
        String unowned = UUID.randomUUID().toString();
        assertThat(PartialFolders.abandoned(unowned, now, Instant.now().plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(PartialFolders.abandoned(unowned, now, Instant.now().plus(Duration.ofMinutes(61)))).isTrue();
        // a name that only looks like a process id is no one's either, and never stops a build
        String noProcess = "99999999999999999999999-" + UUID.randomUUID();
        assertThat(PartialFolders.abandoned(noProcess, now, Instant.now())).isFalse();
        assertThat(PartialFolders.abandoned(noProcess, now, Instant.now().plus(Duration.ofMinutes(61)))).isTrue();
    }

    @Test
    void aNewNameNamesThisProcessBesideTheTarget() {
        Path target = dir.resolve("postgres-17-template");
        Path next = PartialFolders.next(target);
        assertThat(next.getParent()).isEqualTo(dir);
        assertThat(next.getFileName().toString()).startsWith("postgres-17-template.partial-" + ProcessHandle.current().pid() + "-");
        assertThat(PartialFolders.abandoned(next.getFileName().toString().substring("postgres-17-template.partial-".length()),
                FileTime.from(Instant.now()), Instant.now())).isFalse();
    }

    /** A folder beside {@code target} named {@code <target>.partial-<suffix>}, with a file in it. */
    static Path leftover(Path target, String suffix) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial-" + suffix);
        Files.createDirectories(partial.resolve("base"));
        Files.writeString(partial.resolve("base/1"), "half a cluster");
        return partial;
    }

    /** The id of a process that has ended (and been reaped). */
    static long endedProcess() {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            return p.pid();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
