package dev.confiture.maven;

import dev.confiture.coordination.CoordinationService;
import dev.confiture.coordination.TextReports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code confiture:coordinate-status}: the active intents (or those of {@code confiture.status}:
 * a state or {@code all}), of every agent or of {@code confiture.agentId}, with their open conflicts.
 */
@Mojo(name = "coordinate-status", requiresProject = false, threadSafe = true)
public class CoordinateStatusMojo extends AbstractCoordinateMojo {

    @Parameter(property = "confiture.status")
    protected String status;

    @Override
    protected void coordinate(CoordinationService service) throws MojoExecutionException {
        var report = service.status(agentId, status);
        publish(report, TextReports.status(report));
    }
}
