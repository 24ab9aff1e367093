package dev.confiture.model.config;

import java.nio.file.Path;

/**
 * One entry of an environment's {@code session_settings:} (or of {@code -Dconfiture.sessionSettings}):
 * a PostgreSQL setting the runner applies with {@code SET} (or {@code SET ROLE} for {@code role}) on
 * every session that runs migrations (docs/configuration.md, "Session settings").
 *
 * @param name   the setting, e.g. {@code lock_timeout}, {@code role}
 * @param value  its value as written, e.g. {@code 5s}
 * @param file   where it was written (the environment file), or null when it came from a property
 * @param line   its line in {@code file}, 0 when unknown
 * @param source what to name in messages: the file and line, or {@code -Dconfiture.sessionSettings}
 */
public record SessionSetting(String name, String value, Path file, int line, String source) {

    public static final String PROPERTY = "confiture.sessionSettings";

    /** A setting from {@code -Dconfiture.sessionSettings}. */
    public static SessionSetting fromProperty(String name, String value) {
        return new SessionSetting(name, value, null, 0, "-D" + PROPERTY);
    }
}
