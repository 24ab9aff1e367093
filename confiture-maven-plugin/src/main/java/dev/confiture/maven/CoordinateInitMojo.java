package dev.confiture.maven;

import dev.confiture.coordination.CoordinationService;
import dev.confiture.coordination.TextReports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Creates or upgrades the coordination store (schema confiture_coordination in the database of
 * confiture.coordinationUrl); safe to run again.
 */
@Mojo(name = "coordinate-init", requiresProject = false, threadSafe = true)
public class CoordinateInitMojo extends AbstractCoordinateMojo {

    @Override
    protected void coordinate(CoordinationService service) throws MojoExecutionException {
        var report = service.init();
        publish(report, TextReports.init(report));
    }
}
