package dev.confiture.maven;

import dev.confiture.coordination.CoordinationService;
import dev.confiture.coordination.TextReports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code confiture:coordinate-start}: REGISTERED -> IN_PROGRESS. */
@Mojo(name = "coordinate-start", requiresProject = false, threadSafe = true)
public class CoordinateStartMojo extends AbstractCoordinateMojo {

    /** The intent; when not set, the one active intent of {@code confiture.agentId} (and {@code confiture.featureName}). */
    @Parameter(property = "confiture.intentId")
    protected String intentId;

    @Parameter(property = "confiture.featureName")
    protected String featureName;

    @Parameter(property = "confiture.notes")
    protected String notes;

    @Override
    protected void coordinate(CoordinationService service) throws MojoExecutionException {
        var report = service.start(service.resolveIntentId(intentId, agentId, featureName), actor(), notes);
        publish(report, TextReports.transition(report));
    }
}
