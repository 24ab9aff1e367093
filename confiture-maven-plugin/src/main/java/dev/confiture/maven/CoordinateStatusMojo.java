package dev.confiture.maven;

import dev.confiture.coordination.CoordinationService;
import dev.confiture.coordination.TextReports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists the active intents (or those in confiture.status), of every agent or of confiture.agentId, with
 * their open conflicts.
 */
@Mojo(name = "coordinate-status", requiresProject = false, threadSafe = true)
public class CoordinateStatusMojo extends AbstractCoordinateMojo {

    /** Only intents in this state (REGISTERED, IN_PROGRESS, COMPLETED, ABANDONED), or all; the active ones when unset. */
    @Parameter(property = "confiture.status")
    protected String status;

    @Override
    protected void coordinate(CoordinationService service) throws MojoExecutionException {
        var report = service.status(agentId, status);
        publish(report, TextReports.status(report));
    }
}
