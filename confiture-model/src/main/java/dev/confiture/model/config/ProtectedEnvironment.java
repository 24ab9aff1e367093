package dev.confiture.model.config;

import dev.confiture.model.ConfitureException;

/**
 * The one rule for goals that change a {@code protected: true} environment in ways a migration would
 * not (repair rewrites its tracking table): refused before connecting, unless the user says
 * {@code -Dconfiture.force=true} for this run.
 */
public final class ProtectedEnvironment {

    public static final String CODE = "ENV_PROTECTED";

    private ProtectedEnvironment() {
    }

    /**
     * Throws when {@code environment} is protected and {@code force} is false.
     *
     * @param goal   the goal, as the user typed it, e.g. {@code repair}
     * @param effect what the goal would do there, e.g. "rewrites the tracking table"
     */
    public static void refuseUnlessForced(Environment environment, String goal, String effect, boolean force) {
        if (!environment.protectedEnv() || force) {
            return;
        }
        throw new ConfitureException(CODE, "Environment '" + environment.name() + "' is protected (protected: true in "
                + environment.configFile() + "): " + goal + " " + effect + ", so it refuses to run there."
                + " Run it against another environment, or, if you mean it for '" + environment.name()
                + "', run it again with -Dconfiture.force=true.");
    }
}
