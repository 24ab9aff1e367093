package dev.confiture.runner.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded PostgreSQL must start on the machines a team uses. zonky looks up
 * {@code postgres-<os>-<arch>.txz} on the class path and falls back to x86_64 only on macOS and
 * Windows, so each of these must ship with the runner (and so with the plugin).
 */
class EmbeddedBinariesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "postgres-linux-x86_64.txz",
            "postgres-linux-arm_64.txz",
            "postgres-darwin-x86_64.txz",
            "postgres-windows-x86_64.txz",
    })
    void binariesForEachSupportedPlatformAreOnTheClassPath(String resource) {
        assertThat(EmbeddedPostgresServer.class.getClassLoader().getResource(resource)).as(resource).isNotNull();
    }
}
