package dev.confiture.maven;

import dev.confiture.coordination.CoordinationService;
import dev.confiture.coordination.TextReports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code confiture:coordinate-abandon}: an active intent -> ABANDONED; {@code confiture.reason} is required. */
@Mojo(name = "coordinate-abandon", requiresProject = false, threadSafe = true)
public class CoordinateAbandonMojo extends AbstractCoordinateMojo {

    /** The intent; when not set, the one active intent of {@code confiture.agentId} (and {@code confiture.featureName}). */
    @Parameter(property = "confiture.intentId")
    protected String intentId;

    @Parameter(property = "confiture.featureName")
    protected String featureName;

    @Parameter(property = "confiture.reason")
    protected String reason;

    @Override
    protected void coordinate(CoordinationService service) throws MojoExecutionException {
        var report = service.abandon(service.resolveIntentId(intentId, agentId, featureName), actor(), reason);
        publish(report, TextReports.transition(report));
    }
}
