package dev.confiture.runner;

import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.config.SessionSetting;
import dev.confiture.sql.Placeholders;

/**
 * What every session that runs migrations gets besides the migrations themselves
 * (docs/migrations.md, "Placeholders" and "Callbacks"; docs/configuration.md, "Session settings").
 *
 * @param environment     the environment's name: the value of {@code ${confiture:env}}
 * @param placeholders    the values of {@code ${name}} in SQL, or {@link Placeholders#OFF}
 * @param sessionSettings applied with {@code SET} (or {@code SET ROLE}) when the session opens, in order
 * @param callbacksDir    {@code db/callbacks}: SQL run before and after migrations; may not exist
 */
public record RunSettings(String environment, Placeholders placeholders, List<SessionSetting> sessionSettings,
                          Path callbacksDir) {

    /** No placeholders of the user's, no session settings, no callbacks. */
    public static final RunSettings NONE = new RunSettings(null, Placeholders.NONE, List.of(), null);

    public RunSettings {
        placeholders = placeholders == null ? Placeholders.NONE : placeholders;
        sessionSettings = sessionSettings == null ? List.of() : List.copyOf(sessionSettings);
    }
}
