package dev.confiture.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.ArtifactProperties;
import org.eclipse.aether.graph.Dependency;

/**
 * The project's class path, resolved when a goal needs it instead of by Maven before every goal. Only
 * Java migrations (the runtime class path) and {@code classpath:} locations (the compile class path)
 * need the project's dependencies. With {@code requiresDependencyResolution} on the goals, every
 * {@code status} or {@code migrate} of an application module resolved its whole dependency tree
 * first: 0.25 to 0.35 s more per run on a project with 59 runtime dependencies (docs/build.md).
 *
 * <p>It goes through Maven's own {@link ProjectDependenciesResolver}, the component the lifecycle
 * uses for {@code requiresDependencyResolution}, so the answer is the same: the reactor's modules,
 * mirrors, offline mode, exclusions and scope mediation. The elements are those
 * {@code MavenProject#getRuntimeClasspathElements} and {@code getCompileClasspathElements} give: the
 * project's compiled classes, then each dependency on the build path in resolution order.
 */
final class ProjectClassPath {

    /** Which class path, by the scopes Maven puts on it. */
    enum Scope {
        COMPILE(Set.of("compile", "provided", "system")),
        RUNTIME(Set.of("compile", "runtime"));

        private final Set<String> scopes;

        Scope(Set<String> scopes) {
            this.scopes = scopes;
        }
    }

    private ProjectClassPath() {
    }

    /**
     * Resolves {@code project}'s dependencies of {@code scope} (downloading them if needed, as Maven would)
     * and returns the class path; {@code purpose} names what needs it in the error.
     */
    static List<Path> resolve(ProjectDependenciesResolver resolver, MavenProject project, MavenSession session,
                              Scope scope, String purpose) throws MojoExecutionException {
        DefaultDependencyResolutionRequest request = new DefaultDependencyResolutionRequest(project,
                session.getRepositorySession());
        request.setResolutionFilter((node, parents) -> node.getDependency() == null
                || scope.scopes.contains(node.getDependency().getScope()));
        DependencyResolutionResult result;
        try {
            result = resolver.resolve(request);
        } catch (DependencyResolutionException e) {
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceFirst("\\.$", "");
            throw new MojoExecutionException("Could not resolve the dependencies of " + project.getId() + " that "
                    + purpose + " need: " + cause + ". Check the <dependencies> of " + project.getFile()
                    + " and that their repositories are reachable (offline, -o, only the local repository is).", e);
        }
        List<Path> classPath = new ArrayList<>();
        classPath.add(Path.of(project.getBuild().getOutputDirectory()));
        for (Dependency d : result.getDependencies()) {
            Artifact artifact = d.getArtifact();
            // a <type>pom</type> dependency brings its dependencies, not a file on the class path
            if (artifact.getFile() != null
                    && Boolean.parseBoolean(artifact.getProperty(ArtifactProperties.CONSTITUTES_BUILD_PATH, "true"))) {
                classPath.add(artifact.getFile().toPath());
            }
        }
        return classPath;
    }
}
