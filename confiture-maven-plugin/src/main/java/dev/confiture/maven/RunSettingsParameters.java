package dev.confiture.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.Environment;
import dev.confiture.model.config.SessionSetting;
import dev.confiture.runner.RunSettings;
import dev.confiture.sql.Placeholders;

/**
 * The environment's placeholders and session settings with the command line's on top
 * ({@code -Dconfiture.placeholders.<name>=...}, {@code -Dconfiture.sessionSettings=a=1,b=2}): a
 * property wins over the YAML entry of the same name (docs/configuration.md).
 */
final class RunSettingsParameters {

    static final String PLACEHOLDER_PREFIX = "confiture.placeholders.";

    private RunSettingsParameters() {
    }

    /**
     * @param properties        the user, system and project properties, earlier ones winning over later ones
     * @param sessionSettings   {@code confiture.sessionSettings}; may be null
     */
    static RunSettings of(Environment env, List<Properties> properties, String sessionSettings) {
        Map<String, String> values = new LinkedHashMap<>(env.placeholders());
        Map<String, String> fromProperties = new LinkedHashMap<>();
        for (Properties p : properties) {
            if (p == null) {
                continue;
            }
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith(PLACEHOLDER_PREFIX) && key.length() > PLACEHOLDER_PREFIX.length()) {
                    fromProperties.putIfAbsent(key.substring(PLACEHOLDER_PREFIX.length()), p.getProperty(key));
                }
            }
        }
        values.putAll(fromProperties);
        Placeholders placeholders = env.placeholderReplacement() ? new Placeholders(values, true) : Placeholders.OFF;
        return new RunSettings(env.name(), placeholders, sessionSettings(env.sessionSettings(), sessionSettings),
                env.projectDir().resolve("db").resolve("callbacks"));
    }

    /** The YAML's settings, each replaced in place by a property of the same name; new ones appended. */
    static List<SessionSetting> sessionSettings(List<SessionSetting> fromYaml, String property) {
        Map<String, SessionSetting> byName = new LinkedHashMap<>();
        fromYaml.forEach(s -> byName.put(s.name(), s));
        if (property != null && !property.isBlank()) {
            for (String entry : property.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    throw new ConfitureException("SESSION_SETTING_INVALID", "-D" + SessionSetting.PROPERTY + ": '"
                            + entry.strip() + "' is not name=value. Write e.g. -D" + SessionSetting.PROPERTY
                            + "=lock_timeout=5s,statement_timeout=15min.");
                }
                String name = entry.substring(0, eq).strip();
                byName.put(name, SessionSetting.fromProperty(name, entry.substring(eq + 1).strip()));
            }
        }
        return new ArrayList<>(byName.values());
    }
}
