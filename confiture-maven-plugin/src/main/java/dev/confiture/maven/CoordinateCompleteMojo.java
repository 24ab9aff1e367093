package dev.confiture.maven;

import dev.confiture.coordination.CoordinationService;
import dev.confiture.coordination.TextReports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Completes an intent (REGISTERED or IN_PROGRESS becomes COMPLETED), with an outcome and notes. */
@Mojo(name = "coordinate-complete", requiresProject = false, threadSafe = true)
public class CoordinateCompleteMojo extends AbstractCoordinateMojo {

    /** The intent (int_ and 12 hex digits); when not set, the one active intent of confiture.agentId (and confiture.featureName). */
    @Parameter(property = "confiture.intentId")
    protected String intentId;

    /** The feature name of the intent to act on, when confiture.intentId is not given and the agent has several. */
    @Parameter(property = "confiture.featureName")
    protected String featureName;

    /** How the work ended: success (default), partial or failed. */
    @Parameter(property = "confiture.outcome")
    protected String outcome;

    /** Free text recorded in the intent's history. */
    @Parameter(property = "confiture.notes")
    protected String notes;

    @Override
    protected void coordinate(CoordinationService service) throws MojoExecutionException {
        var report = service.complete(service.resolveIntentId(intentId, agentId, featureName), actor(), outcome, notes);
        publish(report, TextReports.transition(report));
    }
}
