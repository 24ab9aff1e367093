package dev.confiture.maven;

import dev.confiture.coordination.CoordinationService;
import dev.confiture.coordination.TextReports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code confiture:coordinate-init}: creates or upgrades the coordination store's schema; safe to run again. */
@Mojo(name = "coordinate-init", requiresProject = false, threadSafe = true)
public class CoordinateInitMojo extends AbstractCoordinateMojo {

    @Override
    protected void coordinate(CoordinationService service) throws MojoExecutionException {
        var report = service.init();
        publish(report, TextReports.init(report));
    }
}
