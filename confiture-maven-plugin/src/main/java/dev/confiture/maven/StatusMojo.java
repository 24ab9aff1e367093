package dev.confiture.maven;

import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.report.RunnerText;
import dev.confiture.runner.report.StatusReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code confiture:status}: every migration with its status (applied, pending, modified, missing) and a total line. */
@Mojo(name = "status", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class StatusMojo extends AbstractConfitureMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        StatusReport report = new MigrationRunner(runnerConfig(), null).status();
        publish(report, RunnerText.statusTable(report));
    }
}
