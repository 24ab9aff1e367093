package dev.confiture.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.project.ProjectLayout;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes a new project's layout (db/schema, db/seeds, db/migrations, db/environments with local, test and
 * production files, .mvn/jvm.config), never overwriting a file.
 */
@Mojo(name = "init", requiresProject = false, threadSafe = true)
public class InitMojo extends AbstractConfitureMojo {

    @Override
    protected void run() throws MojoExecutionException {
        Path base = basedir.toPath();
        try {
            ProjectLayout.Result result = ProjectLayout.write(base);
            List<String> lines = new ArrayList<>();
            result.created().forEach(p -> lines.add("created  " + base.relativize(p)));
            result.kept().forEach(p -> lines.add("kept     " + base.relativize(p) + " (exists, not overwritten)"));
            result.skipped().forEach(p -> lines.add("skipped  " + base.relativize(p)
                    + " (an example; the project already has schema files)"));
            lines.add("Confiture project initialised in " + base + " (" + result.created().size() + " created, "
                    + result.kept().size() + " kept)");
            if (!ProjectLayout.keepsJsonOutputClean(base)) {
                getLog().warn(".mvn/jvm.config exists without " + ProjectLayout.JANSI_NO_RESET + ": add it there, or Maven 3.8"
                        + " writes colour codes into -Dconfiture.format=json output on standard output");
            }
            publish(result.toReport(base), lines);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the project layout under " + base + ": " + e.getMessage(), e);
        }
    }
}
