package dev.confiture.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.internal.impl.SimpleLocalRepositoryManagerFactory;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(RuntimeArtifacts.coordinates(RuntimeArtifacts.TXZ))
                .matches("org\\.apache\\.commons:commons-compress:\\d+\\.\\d+\\.\\d+");
        assertThat(RuntimeArtifacts.coordinates(RuntimeArtifacts.XZ)).matches("org\\.tukaani:xz:\\d+\\.\\d+");
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

    @TempDir
    Path tmp;

    @Test
    void jgitsListedClosureIsJGitAndTheDependenciesItsPomDeclares() throws IOException {
        List<String> closure = RuntimeArtifacts.closure(RuntimeArtifacts.JGIT);
        assertThat(closure.get(0)).isEqualTo(RuntimeArtifacts.coordinates(RuntimeArtifacts.JGIT));
        List<String> declared = new ArrayList<>();
        declared.add("org.eclipse.jgit:org.eclipse.jgit");
        // JGit's own POM, inside its jar (a test dependency of this module); no dependency of it is test-scoped
        try (InputStream in = org.eclipse.jgit.lib.Repository.class
                .getResourceAsStream("/META-INF/maven/org.eclipse.jgit/org.eclipse.jgit/pom.xml")) {
            String pom = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String dependencies = pom.substring(pom.indexOf("<dependencies>"), pom.indexOf("</dependencies>"));
            Matcher m = Pattern.compile("<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>").matcher(dependencies);
            while (m.find()) {
                declared.add(m.group(1) + ":" + m.group(2));
            }
        }
        assertThat(closure).extracting(c -> c.substring(0, c.lastIndexOf(':'))).containsExactlyElementsOf(declared);
    }

    @Test
    void theListedClosureComesFromTheLocalRepositoryWhenEveryFileIsThere() throws Exception {
        RuntimeArtifacts artifacts = withLocalRepository();
        List<File> expected = new ArrayList<>();
        for (String coordinates : RuntimeArtifacts.closure(RuntimeArtifacts.JGIT)) {
            expected.add(putInLocalRepository(coordinates).toFile());
        }

        assertThat(artifacts.fromLocalRepository(RuntimeArtifacts.JGIT, Set.of())).containsExactlyElementsOf(expected);
        // the plugin's own artifacts stay out, as the resolver's path leaves them out
        assertThat(artifacts.fromLocalRepository(RuntimeArtifacts.JGIT, Set.of("org.slf4j:slf4j-api")))
                .hasSize(expected.size() - 1)
                .noneMatch(f -> f.getName().startsWith("slf4j-api"));
    }

    @Test
    void oneMissingFileLeavesTheResolutionToTheResolver() throws Exception {
        RuntimeArtifacts artifacts = withLocalRepository();
        List<String> closure = RuntimeArtifacts.closure(RuntimeArtifacts.JGIT);
        for (String coordinates : closure.subList(0, closure.size() - 1)) {
            putInLocalRepository(coordinates);
        }

        assertThat(artifacts.fromLocalRepository(RuntimeArtifacts.JGIT, Set.of())).isNull();
        // a library without a listed closure always goes through the resolver
        assertThat(artifacts.fromLocalRepository(RuntimeArtifacts.ELK, Set.of())).isNull();
    }

    /**
     * A library goes in as a project's dependency would: with its dependencies, without its optional
     * ones (commons-compress names zstd-jni, Brotli, ASM and another XZ so), and without the plugin's own.
     * Maven's resolver and its session defaults, over a local repository that holds everything.
     */
    @Test
    void aLibraryComesWithItsDependenciesButNotItsOptionalOnes() throws Exception {
        Path repository = tmp.resolve("repository");
        putInLocalRepository(repository, "test:lib:1", """
                <dependencies>
                  <dependency><groupId>test</groupId><artifactId>dep</artifactId><version>1</version></dependency>
                  <dependency><groupId>test</groupId><artifactId>extra</artifactId><version>1</version>
                    <optional>true</optional></dependency>
                </dependencies>""");
        putInLocalRepository(repository, "test:dep:1", "");
        putInLocalRepository(repository, "test:extra:1", "");
        @SuppressWarnings("deprecation") // the resolver's own wiring, as in Maven 3.8; enough for a local repository
        RepositorySystem system = MavenRepositorySystemUtils.newServiceLocator().getService(RepositorySystem.class);
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(repository.toFile())));
        RuntimeArtifacts artifacts = new RuntimeArtifacts(system, session, List.of());

        assertThat(artifacts.resolveWithDependencies("test:lib:1", "a library", Set.of()))
                .extracting(File::getName).containsExactly("lib-1.jar", "dep-1.jar");
        assertThat(artifacts.resolveWithDependencies("test:lib:1", "a library", Set.of("test:dep")))
                .extracting(File::getName).containsExactly("lib-1.jar");
    }

    private static void putInLocalRepository(Path repository, String coordinates, String dependencies) throws IOException {
        DefaultArtifact a = new DefaultArtifact(coordinates);
        Path dir = repository.resolve(a.getGroupId().replace('.', '/')).resolve(a.getArtifactId()).resolve(a.getVersion());
        Files.createDirectories(dir);
        String base = a.getArtifactId() + "-" + a.getVersion();
        Files.writeString(dir.resolve(base + ".pom"), """
                <project><modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>
                %s
                </project>
                """.formatted(a.getGroupId(), a.getArtifactId(), a.getVersion(), dependencies));
        Files.write(dir.resolve(base + ".jar"), new byte[] {'P', 'K'});
    }

    private RuntimeArtifacts withLocalRepository() throws Exception {
        DefaultRepositorySystemSession session = new DefaultRepositorySystemSession();
        session.setLocalRepositoryManager(new SimpleLocalRepositoryManagerFactory()
                .newInstance(session, new LocalRepository(tmp.resolve("repository").toFile())));
        return new RuntimeArtifacts(null, session, List.of());
    }

    private Path putInLocalRepository(String coordinates) throws IOException {
        DefaultArtifact a = new DefaultArtifact(coordinates);
        Path file = tmp.resolve("repository").resolve(a.getGroupId().replace('.', '/')).resolve(a.getArtifactId())
                .resolve(a.getVersion()).resolve(a.getArtifactId() + "-" + a.getVersion() + ".jar");
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {'P', 'K'});
    }
}
