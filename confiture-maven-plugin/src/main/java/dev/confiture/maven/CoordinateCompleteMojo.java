package dev.confiture.maven;

import dev.confiture.coordination.CoordinationService;
import dev.confiture.coordination.TextReports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code confiture:coordinate-complete}: REGISTERED or IN_PROGRESS -> COMPLETED, with an outcome (success, partial, failed) and notes. */
@Mojo(name = "coordinate-complete", requiresProject = false, threadSafe = true)
public class CoordinateCompleteMojo extends AbstractCoordinateMojo {

    /** The intent; when not set, the one active intent of {@code confiture.agentId} (and {@code confiture.featureName}). */
    @Parameter(property = "confiture.intentId")
    protected String intentId;

    @Parameter(property = "confiture.featureName")
    protected String featureName;

    /** success (default), partial or failed. */
    @Parameter(property = "confiture.outcome")
    protected String outcome;

    @Parameter(property = "confiture.notes")
    protected String notes;

    @Override
    protected void coordinate(CoordinationService service) throws MojoExecutionException {
        var report = service.complete(service.resolveIntentId(intentId, agentId, featureName), actor(), outcome, notes);
        publish(report, TextReports.transition(report));
    }
}
