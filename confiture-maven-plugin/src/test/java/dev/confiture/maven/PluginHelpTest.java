package dev.confiture.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What {@code mvn confiture:help} and {@code mvn help:describe -Dplugin=dev.confiture:confiture-maven-plugin
 * -Ddetail} show, read from the plugin descriptor the build generated from the goals' Javadoc: every goal
 * and every parameter a user can set has a description written for users and a {@code -D} property.
 */
class PluginHelpTest {

    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

    /** Text a user has no use for: design notes outside the repository, class names, Javadoc left unrendered. */
    private static final List<String> INTERNAL = List.of("INTERFACE.md", "ARCHITECTURE.md", "SecretParameters",
            "Mojo", "{@", "@link", "seed:");

    /** Map parameters, set per entry with {@code -Dconfiture.<name>.<key>=...} rather than one property. */
    private static final List<String> MAP_PARAMETERS = List.of("placeholders");

    private static final List<Goal> GOALS = new ArrayList<>();

    record Parameter(String name, String description, String property) {
    }

    record Goal(String name, String description, List<Parameter> parameters) {
        String allText() {
            StringBuilder s = new StringBuilder(description);
            parameters.forEach(p -> s.append('\n').append(p.description()));
            return s.toString();
        }
    }

    @BeforeAll
    static void readDescriptor() throws Exception {
        assertThat(DESCRIPTOR).as("built by maven-plugin-plugin before the tests run").exists();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Files.newInputStream(DESCRIPTOR));
        NodeList mojos = doc.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            Map<String, String> properties = new LinkedHashMap<>();
            Element configuration = child(mojo, "configuration");
            if (configuration != null) {
                for (Node n = configuration.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e) {
                        properties.put(e.getTagName(), e.getTextContent());
                    }
                }
            }
            List<Parameter> parameters = new ArrayList<>();
            Element params = child(mojo, "parameters");
            for (Node n = params == null ? null : params.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element p && "true".equals(text(p, "editable"))) {
                    String name = text(p, "name");
                    parameters.add(new Parameter(name, text(p, "description"), properties.get(name)));
                }
            }
            GOALS.add(new Goal(text(mojo, "goal"), text(mojo, "description"), parameters));
        }
    }

    @Test
    void theHelpGoalIsGeneratedAndListsEveryGoal() {
        assertThat(GOALS).extracting(Goal::name).contains("help", "init", "build", "status", "migrate", "rollback",
                "baseline", "repair", "generate", "diff", "verify", "validate", "db", "coordinate-init", "coordinate-check");
    }

    @Test
    void everyParameterHasADescriptionAndAConfitureProperty() {
        List<String> missing = new ArrayList<>();
        for (Goal goal : GOALS) {
            for (Parameter p : goal.parameters()) {
                if (p.description() == null || p.description().isBlank()) {
                    missing.add(goal.name() + " " + p.name() + ": no description");
                }
                String expected = goal.name().equals("help") ? "${" + p.name() + "}" : "${confiture." + p.name() + "}";
                if (MAP_PARAMETERS.contains(p.name())) {
                    // A map has no single property: its description names the per-entry property instead.
                    if (p.description() == null || !p.description().contains("-Dconfiture." + p.name() + ".")) {
                        missing.add(goal.name() + " " + p.name() + ": the description names no -Dconfiture." + p.name() + ".NAME");
                    }
                } else if (!expected.equals(p.property())) {
                    missing.add(goal.name() + " " + p.name() + ": property " + p.property() + ", expected " + expected);
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(GOALS.stream().mapToInt(g -> g.parameters().size()).sum()).isGreaterThan(150);
    }

    @Test
    void theFleetParametersShowOnlyOnTheGoalsThatActOnAFleet() {
        List<String> fleetParameters = List.of("targets", "shard", "parallel", "maxConnections", "failFast", "canary");
        List<String> fleetGoals = List.of("migrate", "status", "rollback", "baseline", "repair", "verify", "lint");
        for (Goal goal : GOALS) {
            List<String> names = goal.parameters().stream().map(Parameter::name).toList();
            if (fleetGoals.contains(goal.name())) {
                assertThat(names).as(goal.name()).containsAll(fleetParameters);
            } else {
                assertThat(names).as(goal.name()).doesNotContainAnyElementsOf(fleetParameters);
            }
        }
    }

    @Test
    void descriptionsAreWrittenForUsersAndSurviveBothHelpRenderers() {
        List<String> bad = new ArrayList<>();
        for (Goal goal : GOALS) {
            if (goal.name().equals("help")) {
                continue;
            }
            check(goal.name(), goal.description(), bad);
            goal.parameters().forEach(p -> check(goal.name() + " " + p.name(), p.description(), bad));
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void theSecretPropertiesThatAreNotParametersAreDescribedWhereTheyApply() {
        for (Goal goal : GOALS) {
            String text = goal.allText();
            if (goal.name().startsWith("coordinate-")) {
                assertThat(text).as(goal.name()).contains("confiture.coordinationUrl", "confiture.password");
            } else if (!goal.name().equals("help") && !goal.name().equals("init")) {
                assertThat(text).as(goal.name()).contains("confiture.url", "confiture.password");
            }
            if (goal.name().equals("verify") || goal.name().equals("diff")) {
                assertThat(text).as(goal.name()).contains("confiture.shadowUrl");
            }
        }
    }

    /**
     * The descriptor holds plain text: {@code confiture:help} prints it as it is, while {@code help:describe}
     * reads it as HTML, so a {@code <env>} vanishes there and an {@code &lt;env&gt;} shows escaped here.
     */
    private static void check(String where, String description, List<String> bad) {
        if (description == null || description.isBlank()) {
            bad.add(where + ": no description");
            return;
        }
        if (description.contains("<") || description.contains("&")) {
            bad.add(where + ": '<' or '&' is lost or garbled by one of the help renderers: " + description);
        }
        INTERNAL.stream().filter(description::contains).forEach(w -> bad.add(where + ": internal text '" + w + "': " + description));
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
