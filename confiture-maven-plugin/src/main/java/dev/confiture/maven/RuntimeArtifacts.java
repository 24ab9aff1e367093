package dev.confiture.maven;

import java.io.File;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.BundledProperties;
import dev.confiture.runner.embedded.CacheDirectory;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalArtifactRequest;
import org.eclipse.aether.repository.LocalArtifactResult;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Artifacts that only some goals need, resolved when they need them through Maven's own resolver
 * (the build's local repository, mirrors, proxies and offline mode; the project's and the plugin's
 * remote repositories), instead of being dependencies of the plugin: Maven builds the plugin's class
 * realm for every goal, reading each dependency's POM, so that JGit, the diagram's layout library
 * the embedded PostgreSQL's archives (about 60 MB) and what unpacks them would cost every goal. Their versions come
 * from {@code runtime-artifacts.properties}, filtered from the parent POM's properties.
 */
final class RuntimeArtifacts {

    /** A library resolved with its dependencies: JGit, for validate and lint's base ref. */
    static final String JGIT = "jgit";
    /** ELK, the report's diagram layout. */
    static final String ELK = "elk";
    /** commons-compress, which reads the embedded PostgreSQL's archive (a tar), with its dependencies. */
    static final String TXZ = "txz";
    /** XZ, which decompresses it (an optional dependency of commons-compress, so not among them). */
    static final String XZ = "xz";

    /** Maven exports the resolver's API to plugins, not its util jar: scopes and the filter are spelt here. */
    private static final String RUNTIME = "runtime";
    private static final Set<String> CLASS_PATH_SCOPES = Set.of("compile", RUNTIME);
    private static final DependencyFilter CLASS_PATH = (node, parents) ->
            node.getDependency() == null || CLASS_PATH_SCOPES.contains(node.getDependency().getScope());

    private static final Properties COORDINATES = BundledProperties.load(RuntimeArtifacts.class, "runtime-artifacts.properties");
    /** Libraries already added to a realm, per realm: each goal of a build asks again. */
    private static final Map<ClassRealm, Set<String>> ADDED = new ConcurrentHashMap<>();

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    RuntimeArtifacts(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    /** {@code groupId:artifactId:version} of a key of {@code runtime-artifacts.properties}. */
    static String coordinates(String key) {
        String value = COORDINATES.getProperty(key);
        if (value == null || value.contains("${")) {
            throw new IllegalStateException("runtime-artifacts.properties has no resolved " + key + ": " + value);
        }
        return value;
    }

    /** One artifact's file ({@code groupId:artifactId:version}), without its dependencies. */
    Path resolve(String coordinates, String what) {
        ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(coordinates), repositories, null);
        try {
            return system.resolveArtifact(session, request).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw missing(coordinates, what, e);
        }
    }

    /**
     * An artifact and its runtime dependencies, the versions of {@code managed.*} entries forced,
     * leaving out those whose {@code groupId:artifactId} is in {@code present} (the plugin's own).
     */
    List<File> resolveWithDependencies(String coordinates, String what, Set<String> present) {
        // The library as a dependency, below an unnamed root, not as the root itself: the resolver
        // keeps a root's own optional dependencies, as it does a project's. commons-compress, as the
        // root, brought zstd-jni (7 MB), Brotli, ASM and an XZ older than XZ's own entry into the realm.
        CollectRequest collect = new CollectRequest()
                .addDependency(new Dependency(new DefaultArtifact(coordinates), RUNTIME))
                .setRepositories(repositories);
        for (String key : COORDINATES.stringPropertyNames()) {
            if (key.startsWith("managed.")) {
                collect.addManagedDependency(new Dependency(new DefaultArtifact(COORDINATES.getProperty(key)), RUNTIME));
            }
        }
        DependencyRequest request = new DependencyRequest(collect, CLASS_PATH);
        try {
            List<File> files = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
                Artifact a = result.getArtifact();
                if (!present.contains(a.getGroupId() + ":" + a.getArtifactId())) {
                    files.add(a.getFile());
                }
            }
            return files;
        } catch (DependencyResolutionException e) {
            throw missing(coordinates, what, e);
        }
    }

    /**
     * Adds a library ({@link #JGIT}, {@link #ELK}) and its dependencies to the plugin's class realm,
     * once per realm; call it before any class that uses the library is loaded. A signed jar goes in
     * as its copy without signatures ({@link UnsignedJars}).
     */
    void addToRealm(String key, ClassRealm realm, Set<String> present) {
        Set<String> done = ADDED.computeIfAbsent(realm, r -> ConcurrentHashMap.newKeySet());
        synchronized (done) {
            if (done.contains(key)) {
                return;
            }
            List<File> files = fromLocalRepository(key, present);
            if (files == null) {
                files = resolveWithDependencies(coordinates(key), describe(key), present);
            }
            Path cache = CacheDirectory.path();
            for (File file : files) {
                try {
                    realm.addURL(UnsignedJars.of(file.toPath(), cache).toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
            done.add(key);
        }
    }

    /**
     * The files of a library's runtime closure as {@code <key>.closure} lists them, when every one is
     * in the local repository and available there for these remote repositories (the resolver's own
     * test: installed, or downloaded from one of them); null otherwise, and always for a library
     * without such a list. Collecting the closure reads the POM of each artifact and of each of its
     * parents (a third of a cold validate's time beyond Maven's start, JFR): for release versions,
     * whose files never change, the resolver would answer with these same files.
     */
    List<File> fromLocalRepository(String key, Set<String> present) {
        String closure = COORDINATES.getProperty(key + ".closure");
        if (closure == null || closure.contains("${") || session.getLocalRepositoryManager() == null) {
            return null;
        }
        List<File> files = new ArrayList<>();
        for (String coordinates : closure.split(",")) {
            Artifact artifact = new DefaultArtifact(coordinates.trim());
            if (artifact.isSnapshot()) {
                return null;
            }
            if (present.contains(artifact.getGroupId() + ":" + artifact.getArtifactId())) {
                continue;
            }
            LocalArtifactResult found = session.getLocalRepositoryManager()
                    .find(session, new LocalArtifactRequest(artifact, repositories, null));
            if (!found.isAvailable() || found.getFile() == null || !found.getFile().isFile()) {
                return null;
            }
            files.add(found.getFile());
        }
        return files;
    }

    /** The {@code groupId:artifactId:version} entries of {@code <key>.closure}, empty without one. */
    static List<String> closure(String key) {
        String closure = COORDINATES.getProperty(key + ".closure");
        return closure == null ? List.of() : java.util.Arrays.stream(closure.split(",")).map(String::trim).toList();
    }

    private static String describe(String key) {
        return switch (key) {
            case JGIT -> "JGit (reads the git history for validate and lint)";
            case ELK -> "ELK (lays out the report's diagram)";
            case TXZ, XZ -> "commons-compress and XZ (unpack the embedded PostgreSQL)";
            default -> key;
        };
    }

    private ConfitureException missing(String coordinates, String what, Exception e) {
        String local = session.getLocalRepository().getBasedir().toString();
        if (session.isOffline()) {
            return new ConfitureException("RUNTIME_ARTIFACT_MISSING", coordinates + " (" + what + ") is not in the local"
                    + " repository " + local + ", and Maven runs offline (-o). Run the goal once without -o, or fetch it"
                    + " with mvn dependency:get -Dartifact=" + coordinates + ".", e);
        }
        List<String> urls = repositories.stream().map(RemoteRepository::getUrl).toList();
        return new ConfitureException("RUNTIME_ARTIFACT_MISSING", "Could not resolve " + coordinates + " (" + what
                + ") from the local repository " + local + " or " + String.join(", ", urls) + ": " + e.getMessage()
                + ". Check the network and settings.xml (mirrors, proxies).", e);
    }

    /** Remote repositories in order, once each by id: the project's, then the plugin's. */
    static List<RemoteRepository> merge(List<RemoteRepository> first, List<RemoteRepository> second) {
        Map<String, RemoteRepository> byId = new LinkedHashMap<>();
        for (List<RemoteRepository> list : java.util.Arrays.asList(first, second)) {
            if (list != null) {
                list.forEach(r -> byId.putIfAbsent(r.getId(), r));
            }
        }
        return new ArrayList<>(byId.values());
    }
}
