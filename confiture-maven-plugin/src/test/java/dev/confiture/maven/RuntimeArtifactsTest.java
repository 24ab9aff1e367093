package dev.confiture.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;

/**
 * What the plugin resolves at run time instead of carrying: versions written once, in the parent POM,
 * and reaching the resource the build filters.
 */
class RuntimeArtifactsTest {

    @Test
    void theLibrariesResolvedAtRunTimeHaveTheParentPomsVersions() {
        assertThat(RuntimeArtifacts.coordinates(RuntimeArtifacts.JGIT))
                .matches("org\\.eclipse\\.jgit:org\\.eclipse\\.jgit:7\\.[0-9.]+-r");
        assertThat(RuntimeArtifacts.coordinates(RuntimeArtifacts.ELK))
                .matches("org\\.eclipse\\.elk:org\\.eclipse\\.elk\\.alg\\.layered:\\d+\\.\\d+\\.\\d+");
        // ELK's POMs ask for guava [15.0,): pinned, so resolving never scans every Guava release
        assertThat(RuntimeArtifacts.coordinates("managed.guava")).matches("com\\.google\\.guava:guava:\\d+\\.\\d+\\.\\d+-jre");
    }

    @Test
    void repositoriesAreTheProjectsThenThePluginsOnceEachById() {
        RemoteRepository central = new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2").build();
        RemoteRepository mirror = new RemoteRepository.Builder("corp", "default", "https://repo.example.com/maven").build();
        RemoteRepository plugins = new RemoteRepository.Builder("plugins", "default", "https://plugins.example.com").build();

        assertThat(RuntimeArtifacts.merge(List.of(mirror, central), List.of(central, plugins)))
                .extracting(RemoteRepository::getId).containsExactly("corp", "central", "plugins");
        assertThat(RuntimeArtifacts.merge(null, List.of(plugins))).extracting(RemoteRepository::getId)
                .containsExactly("plugins");
    }
}
