package dev.confiture.maven;

import dev.confiture.coordination.CoordinationService;
import dev.confiture.coordination.TextReports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Abandons an active intent (it becomes ABANDONED, for good); confiture.reason is required. */
@Mojo(name = "coordinate-abandon", requiresProject = false, threadSafe = true)
public class CoordinateAbandonMojo extends AbstractCoordinateMojo {

    /** The intent (int_ and 12 hex digits); when not set, the one active intent of confiture.agentId (and confiture.featureName). */
    @Parameter(property = "confiture.intentId")
    protected String intentId;

    /** The feature name of the intent to act on, when confiture.intentId is not given and the agent has several. */
    @Parameter(property = "confiture.featureName")
    protected String featureName;

    /** Why the intent is abandoned: recorded in its history. Required. */
    @Parameter(property = "confiture.reason")
    protected String reason;

    @Override
    protected void coordinate(CoordinationService service) throws MojoExecutionException {
        var report = service.abandon(service.resolveIntentId(intentId, agentId, featureName), actor(), reason);
        publish(report, TextReports.transition(report));
    }
}
