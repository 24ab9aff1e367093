package dev.confiture.maven;

import java.util.List;

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
 * and the agent. Credentials: the URL's own, else the settings.xml server {@code confiture.serverId},
 * else {@code confiture.user}/{@code confiture.password}.
 */
public abstract class AbstractCoordinateMojo extends AbstractConfitureMojo {

    static final String URL_VARIABLE = "CONFITURE_COORDINATION_URL";

    /** The coordination store: {@code postgresql://...} or {@code jdbc:postgresql://...}. */
    @Parameter(property = "confiture.coordinationUrl")
    protected String coordinationUrl;

    /** The agent (person, bot or CI job) acting; for transitions the OS user when not set. */
    @Parameter(property = "confiture.agentId")
    protected String agentId;

    @Override
    protected final void run() throws MojoExecutionException, MojoFailureException {
        try (CoordinationService service = CoordinationService.open(storeSettings())) {
            coordinate(service);
        } catch (ConfitureException e) {
            AbstractMojoExecutionException translated = translate(e);
            if (translated instanceof MojoFailureException failure) {
                throw failure;
            }
            throw (MojoExecutionException) translated;
        }
    }

    /** The goal's work over an open service; library errors are translated by the caller. */
    protected abstract void coordinate(CoordinationService service) throws MojoExecutionException, MojoFailureException;

    DatabaseSettings storeSettings() {
        String url = coordinationUrl != null && !coordinationUrl.isBlank() ? coordinationUrl : System.getenv(URL_VARIABLE);
        String fallbackUser = user;
        String fallbackPassword = password;
        if (serverId != null && !serverId.isBlank() && session != null && session.getSettings() != null) {
            Server server = session.getSettings().getServer(serverId);
            if (server == null) {
                throw new ConfitureException("COORDINATION_UNKNOWN_SERVER", "confiture.serverId=" + serverId
                        + " names no <server> in settings.xml");
            }
            fallbackUser = server.getUsername();
            fallbackPassword = server.getPassword();
        }
        DatabaseSettings settings = StoreUrl.parse(url, fallbackUser, fallbackPassword);
        getLog().debug("Coordination store: " + settings.describe());
        return settings;
    }

    /** Who makes a transition: the agent id, else the operating-system user. */
    protected String actor() {
        return agentId != null && !agentId.isBlank() ? agentId : System.getProperty("user.name", "unknown");
    }

}
