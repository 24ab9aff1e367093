package dev.confiture.maven;

import dev.confiture.coordination.CoordinationService;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.config.UrlParser;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;

/**
 * What the {@code coordinate-*} goals share (docs/coordination.md): the store URL from
 * {@code confiture.coordinationUrl} or {@code CONFITURE_COORDINATION_URL}, no environment YAML,
 * and the agent. Credentials: the URL's own, else the settings.xml server {@code confiture.serverId}
 * (decrypted as Maven does), else {@code confiture.user}/{@code confiture.password}.
 */
public abstract class AbstractCoordinateMojo extends AbstractConfitureMojo {

    static final String URL_VARIABLE = "CONFITURE_COORDINATION_URL";
    static final String URL_PROPERTY = "confiture.coordinationUrl";

    /**
     * The agent (person, bot or CI job) acting: a label shown in reports and recorded in the history;
     * for transitions the operating-system user when not set. It grants nothing: the store decides from
     * the database role the connection logs in as (see docs/coordination.md). No control characters.
     * The store is given by -Dconfiture.coordinationUrl=postgresql://host/db (else the
     * CONFITURE_COORDINATION_URL variable), its credentials by the URL, confiture.serverId or
     * confiture.user and -Dconfiture.password; the URL and the password are properties, not parameters,
     * so that mvn -X never prints them.
     */
    @Parameter(property = "confiture.agentId")
    protected String agentId;

    @Override
    protected final void run() throws MojoExecutionException, MojoFailureException {
        try (CoordinationService service = CoordinationService.open(storeSettings())) {
            coordinate(service);
        }
    }

    /** The goal's work over an open service; library errors are reported and translated by {@link #execute()}. */
    protected abstract void coordinate(CoordinationService service) throws MojoExecutionException, MojoFailureException;

    /**
     * {@code confiture.coordinationUrl} (a property, else the POM's {@code <coordinationUrl>}, read by
     * {@link SecretParameters} since it may carry a password), else the environment variable.
     */
    String storeUrl() {
        String url = secret(SecretParameters.COORDINATION_URL);
        return url != null ? url : System.getenv(URL_VARIABLE);
    }

    /**
     * The store's settings: the URL read by the model's parser, its own user and password first,
     * then the settings.xml server's or {@code confiture.user}/{@code confiture.password}.
     */
    DatabaseSettings storeSettings() {
        String fallbackUser = user;
        String fallbackPassword = password();
        if (serverId != null && !serverId.isBlank()) {
            Server server = serverCredentials(serverId.trim());
            fallbackUser = server.getUsername();
            fallbackPassword = server.getPassword();
        }
        String url = storeUrl();
        if (url == null || url.isBlank()) {
            throw new ConfitureException("COORDINATION_NO_URL", "No coordination store given: set -D" + URL_PROPERTY
                    + "=postgresql://host:5432/confiture_coordination (or the environment variable " + URL_VARIABLE + ")");
        }
        DatabaseSettings settings = UrlParser.parse(url, URL_PROPERTY).withFallbackCredentials(fallbackUser, fallbackPassword);
        getLog().debug("Coordination store: " + settings.describe());
        return settings;
    }

    /** Who makes a transition: the agent id, else the operating-system user. */
    protected String actor() {
        return agentId != null && !agentId.isBlank() ? agentId : System.getProperty("user.name", "unknown");
    }
}
