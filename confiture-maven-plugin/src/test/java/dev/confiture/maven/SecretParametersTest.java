package dev.confiture.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.function.UnaryOperator;

import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

class SecretParametersTest {

    private static final UnaryOperator<String> AS_IS = UnaryOperator.identity();

    @Test
    void theCommandLineComesFirstThenOtherPropertiesThenThePom() {
        Properties user = props("confiture.password", "from-user");
        Properties system = props("confiture.password", "from-system");
        Properties project = props("confiture.password", "from-project");
        Xpp3Dom pom = configuration("password", "from-pom");
        assertThat(SecretParameters.read("password", user, system, project, pom, AS_IS)).isEqualTo("from-user");
        assertThat(SecretParameters.read("password", null, system, project, pom, AS_IS)).isEqualTo("from-system");
        assertThat(SecretParameters.read("password", null, null, project, pom, AS_IS)).isEqualTo("from-project");
        assertThat(SecretParameters.read("password", null, null, null, pom, AS_IS)).isEqualTo("from-pom");
        assertThat(SecretParameters.read("password", null, null, null, null, AS_IS)).isNull();
    }

    @Test
    void aPomValueIsEvaluatedAndBlankMeansUnset() {
        Xpp3Dom pom = configuration("shadowUrl", "${shadow}");
        assertThat(SecretParameters.read("shadowUrl", null, null, null, pom, v -> v.replace("${shadow}", "postgresql://h/db")))
                .isEqualTo("postgresql://h/db");
        assertThat(SecretParameters.read("url", props("confiture.url", "  "), null, null, configuration("url", "x"), AS_IS)).isNull();
        assertThat(SecretParameters.read("password", props("confiture.password", " pw "), null, null, null, AS_IS))
                .isEqualTo(" pw ");
    }

    @Test
    void theExecutionsConfigurationWinsOverThePluginLevelOne() {
        Plugin plugin = new Plugin();
        plugin.setGroupId("dev.confiture");
        plugin.setArtifactId("confiture-maven-plugin");
        plugin.setConfiguration(configuration("password", "plugin-level"));
        PluginExecution ci = new PluginExecution();
        ci.setId("ci");
        ci.setConfiguration(configuration("password", "execution-level"));
        plugin.addExecution(ci);
        Model model = new Model();
        model.setBuild(new Build());
        model.getBuild().addPlugin(plugin);
        MavenProject project = new MavenProject(model);

        assertThat(SecretParameters.pomConfiguration(project, execution("ci")).getChild("password").getValue())
                .isEqualTo("execution-level");
        assertThat(SecretParameters.pomConfiguration(project, execution("default-cli")).getChild("password").getValue())
                .isEqualTo("plugin-level");
    }

    @Test
    void noneOfTheSecretBearingNamesIsAMojoParameter() {
        // Maven prints every declared parameter with -X; these must stay undeclared in every goal.
        for (Class<?> type = MigrateMojo.class; type != Object.class; type = type.getSuperclass()) {
            assertUndeclared(type);
        }
        for (Class<?> type : new Class<?>[] {VerifyMojo.class, DiffMojo.class, CoordinateStatusMojo.class, AbstractCoordinateMojo.class}) {
            assertUndeclared(type);
        }
    }

    private static void assertUndeclared(Class<?> type) {
        for (var field : type.getDeclaredFields()) {
            if (field.isAnnotationPresent(Parameter.class)) {
                assertThat(SecretParameters.NAMES).as(type.getSimpleName() + "." + field.getName()).doesNotContain(field.getName());
            }
        }
    }

    private static MojoExecution execution(String id) {
        PluginDescriptor pd = new PluginDescriptor();
        pd.setGroupId("dev.confiture");
        pd.setArtifactId("confiture-maven-plugin");
        MojoDescriptor md = new MojoDescriptor();
        md.setGoal("migrate");
        md.setPluginDescriptor(pd);
        return new MojoExecution(md, id);
    }

    private static Xpp3Dom configuration(String name, String value) {
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom child = new Xpp3Dom(name);
        child.setValue(value);
        configuration.addChild(child);
        return configuration;
    }

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }

}
