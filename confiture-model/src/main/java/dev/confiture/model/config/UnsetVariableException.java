package dev.confiture.model.config;

import java.nio.file.Path;

import dev.confiture.model.ConfitureException;

/**
 * A {@code ${VAR}} without a default whose variable is not set ({@code CONFIG_UNSET_VARIABLE}), with
 * the setting it was in, so that a caller that needs only some settings (validate needs no database)
 * can tell from the exception rather than from its message.
 */
public final class UnsetVariableException extends ConfitureException {

    public static final String CODE = "CONFIG_UNSET_VARIABLE";

    private final String variable;
    private final String setting;

    UnsetVariableException(String variable, String setting, Path file, int line) {
        super(CODE, "Variable " + variable + " (in the value of '" + setting + "') is not set."
                + " Set the environment variable " + variable + ", or give a default: ${" + variable + ":-value}.",
                file, line);
        this.variable = variable;
        this.setting = setting;
    }

    /** The variable's name, {@code DB_PASSWORD} in {@code ${DB_PASSWORD}}. */
    public String variable() {
        return variable;
    }

    /** The key of the setting whose value refers to it ({@code password}, {@code database_url}). */
    public String setting() {
        return setting;
    }

    /** Whether the setting says how to reach the database (the {@code database} keys or {@code database_url}). */
    public boolean inDatabaseSetting() {
        return EnvironmentLoader.DATABASE_SETTINGS.contains(setting) || "database_url".equals(setting);
    }
}
