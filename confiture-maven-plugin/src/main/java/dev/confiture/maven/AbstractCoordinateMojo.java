package dev.confiture.maven;

import dev.confiture.coordination.CoordinationService;
import dev.confiture.coordination.StoreUrl;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import org.apache.maven.plugin.AbstractMojoExecutionException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;

/**
 * What the {@code coordinate-*} goals share (INTERFACE.md section 7): the store URL from
 * {@code confiture.coordinationUrl} or {@code CONFITURE_COORDINATION_URL}, no environment YAML,
 * and the agent. Credentials: the URL's own, else the settings.xml server {@code confiture.serverId}
 * (decrypted as Maven does), else {@code confiture.user}/{@code confiture.password}.
 */
public abstract class AbstractCoordinateMojo extends AbstractConfitureMojo {

    static final String URL_VARIABLE = "CONFITURE_COORDINATION_URL";
    static final String URL_PROPERTY = "confiture.coordinationUrl";

    /**
     * The coordination store: {@code postgresql://...} or {@code jdbc:postgresql://...}. Like
     * {@code confiture.url}, not bound to its property: a URL may carry a password, and {@code mvn -X}
     * prints bound parameters. {@link #storeUrl()} reads {@code confiture.coordinationUrl} from the session.
     */
    @Parameter
    protected String coordinationUrl;

    /**
     * The agent (person, bot or CI job) acting: a label shown in reports and recorded in the history;
     * for transitions the OS user when not set. It grants nothing: the store decides from the database
     * role the connection logs in as (see docs/coordination.md). No control characters.
     */
    @Parameter(property = "confiture.agentId")
    protected String agentId;

    @Override
    protected final void run() throws MojoExecutionException, MojoFailureException {
        DatabaseSettings settings = storeSettings();
        try (CoordinationService service = CoordinationService.open(settings)) {
            coordinate(service);
        } catch (ConfitureException e) {
            AbstractMojoExecutionException translated = translate(e);
            if (translated instanceof MojoFailureException failure) {
                throw failure;
            }
            throw (MojoExecutionException) translated;
        }
    }

    /** The goal's work over an open service; library errors are translated by {@link #run()}. */
    protected abstract void coordinate(CoordinationService service) throws MojoExecutionException, MojoFailureException;

    /** {@code confiture.coordinationUrl} (command line, user or system property, else the POM), else the environment variable. */
    String storeUrl() {
        String fromSession = property(URL_PROPERTY);
        if (fromSession != null && !fromSession.isBlank()) {
            return fromSession;
        }
        if (coordinationUrl != null && !coordinationUrl.isBlank()) {
            return coordinationUrl;
        }
        return System.getenv(URL_VARIABLE);
    }

    DatabaseSettings storeSettings() throws MojoExecutionException {
        String fallbackUser = user;
        String fallbackPassword = password();
        if (serverId != null && !serverId.isBlank()) {
            Server server = serverCredentials(serverId.trim());
            fallbackUser = server.getUsername();
            fallbackPassword = server.getPassword();
        }
        try {
            DatabaseSettings settings = StoreUrl.parse(storeUrl(), fallbackUser, fallbackPassword);
            getLog().debug("Coordination store: " + settings.describe());
            return settings;
        } catch (ConfitureException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** Who makes a transition: the agent id, else the operating-system user. */
    protected String actor() {
        return agentId != null && !agentId.isBlank() ? agentId : System.getProperty("user.name", "unknown");
    }
}
