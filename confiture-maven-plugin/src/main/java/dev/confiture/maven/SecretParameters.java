package dev.confiture.maven;

import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The one reader of the parameters that may carry a secret: {@value #PASSWORD}, {@value #URL},
 * {@value #SHADOW_URL} and {@value #COORDINATION_URL}.
 *
 * <p>They are deliberately not Mojo parameters. With {@code mvn -X}, Maven prints every declared
 * parameter twice: the execution's configuration as XML before the goal runs, and each value as
 * it binds it ({@code (f) password = ...}). A masking parameter type does not help: the XML is
 * printed before any conversion, and Sisu's converter reports the plain string it passes to a
 * bean's {@code set(String)}. A parameter Maven does not know is dropped from both, so these are
 * read here instead, first match wins: the user properties ({@code -Dconfiture.password}, so the
 * command line overrides the POM), the system properties, the project's {@code <properties>}, then
 * the plugin's {@code <configuration>} in the POM (the execution's own, else the plugin-level one),
 * whose value is evaluated as Maven would ({@code ${...}}).
 */
final class SecretParameters {

    static final String PASSWORD = "password";
    static final String URL = "url";
    static final String SHADOW_URL = "shadowUrl";
    static final String COORDINATION_URL = "coordinationUrl";

    /** Every parameter read here: a POM {@code <configuration>} element of one of these names is never bound by Maven. */
    static final List<String> NAMES = List.of(PASSWORD, URL, SHADOW_URL, COORDINATION_URL);

    private SecretParameters() {
    }

    /**
     * The value of {@code name}: {@code confiture.<name>} from the user, system or project
     * properties, else the {@code <name>} element of {@code configuration}; null when none is set
     * or the value is blank.
     *
     * @param evaluate Maven's expression evaluation for a POM value (identity in tests)
     */
    static String read(String name, Properties userProperties, Properties systemProperties, Properties projectProperties,
                       Xpp3Dom configuration, UnaryOperator<String> evaluate) {
        String property = "confiture." + name;
        for (Properties source : new Properties[] {userProperties, systemProperties, projectProperties}) {
            String value = source == null ? null : source.getProperty(property);
            if (value != null) {
                return blankToNull(value);
            }
        }
        Xpp3Dom element = configuration == null ? null : configuration.getChild(name);
        if (element == null || element.getValue() == null) {
            return null;
        }
        return blankToNull(evaluate.apply(element.getValue()));
    }

    /**
     * The POM configuration that applies to this execution, found as Maven's own
     * {@code DefaultMojoExecutionConfigurator} finds it: the plugin among the build plugins (else
     * in plugin management), the execution of the same id (its configuration already holds the
     * plugin-level one), else the plugin-level configuration.
     */
    static Xpp3Dom pomConfiguration(MavenProject project, MojoExecution execution) {
        if (project == null || execution == null || project.getBuild() == null) {
            return null;
        }
        Plugin plugin = find(project.getBuildPlugins(), execution);
        if (plugin == null && project.getPluginManagement() != null) {
            plugin = find(project.getPluginManagement().getPlugins(), execution);
        }
        if (plugin == null) {
            return null;
        }
        for (PluginExecution e : plugin.getExecutions()) {
            if (e.getId() != null && e.getId().equals(execution.getExecutionId())) {
                return (Xpp3Dom) e.getConfiguration();
            }
        }
        return (Xpp3Dom) plugin.getConfiguration();
    }

    private static Plugin find(List<Plugin> plugins, MojoExecution execution) {
        for (Plugin p : plugins) {
            if (p.getArtifactId().equals(execution.getArtifactId()) && p.getGroupId().equals(execution.getGroupId())) {
                return p;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        // Not trimmed: a password may begin or end with a space; the URL parser strips URLs itself.
        return value == null || value.isBlank() ? null : value;
    }
}
