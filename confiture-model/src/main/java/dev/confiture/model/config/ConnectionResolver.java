package dev.confiture.model.config;

import dev.confiture.model.ConfitureException;

import java.util.Map;
import java.util.Optional;

/**
 * Which database a goal connects to (docs/configuration.md, "Which database a goal uses"), first match wins:
 * <ol>
 * <li>the URL property ({@code -Dconfiture.url})</li>
 * <li>the environment variable {@value #URL_VARIABLE}</li>
 * <li>the environment file: its {@code database} map or {@code database_url}; or, with
 *     {@code database: { embedded: true }}, the plugin's own PostgreSQL (the result is then empty
 *     and the caller starts the embedded server)</li>
 * </ol>
 * Then the user and password properties, when given, replace the user and password found so far.
 * The Maven plugin passes {@code confiture.user}/{@code confiture.password} as those properties,
 * falling back to the settings.xml {@code <server>} of {@code confiture.serverId}.
 */
public final class ConnectionResolver {

    public static final String URL_VARIABLE = "CONFITURE_DATABASE_URL";

    private ConnectionResolver() {
    }

    /**
     * @param urlProperty      {@code confiture.url}, or null
     * @param userProperty     the user to use instead of the one configured, or null
     * @param passwordProperty the password to use instead of the one configured, or null
     * @param variables        the process environment, normally {@code System.getenv()}
     * @return the database, or empty when the environment is embedded and no URL overrides it
     * @throws ConfitureException {@code DATABASE_NOT_CONFIGURED} when nothing names a database,
     *                            {@code DATABASE_URL_INVALID} for a URL that cannot be read
     */
    public static Optional<DatabaseSettings> resolve(Environment env, String urlProperty, String userProperty,
                                                     String passwordProperty, Map<String, String> variables) {
        DatabaseSettings base;
        String envUrl = variables == null ? null : variables.get(URL_VARIABLE);
        if (urlProperty != null && !urlProperty.isBlank()) {
            base = UrlParser.parse(urlProperty, "confiture.url");
        } else if (envUrl != null && !envUrl.isBlank()) {
            base = UrlParser.parse(envUrl, "the environment variable " + URL_VARIABLE);
        } else if (env.database() != null) {
            base = env.database();
        } else if (env.embedded()) {
            return Optional.empty();
        } else {
            throw new ConfitureException("DATABASE_NOT_CONFIGURED", "Environment '" + env.name() + "' names no database. Add to "
                    + env.configFile().getFileName() + " either a 'database:' map (host, port, database, user, password),"
                    + " a 'database_url: postgresql://user@host:5432/db', or 'database: { embedded: true }' for a PostgreSQL"
                    + " run by the plugin; or pass -Dconfiture.url=jdbc:postgresql://host:5432/db, or set " + URL_VARIABLE + ".",
                    env.configFile(), 0);
        }
        String user = userProperty != null ? userProperty : base.user();
        String password = passwordProperty != null ? passwordProperty : base.password();
        return Optional.of(base.withCredentials(user, password));
    }
}
