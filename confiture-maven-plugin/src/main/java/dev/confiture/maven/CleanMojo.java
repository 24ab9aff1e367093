package dev.confiture.maven;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.confiture.model.config.Environment;
import dev.confiture.runner.clean.CleanReport;
import dev.confiture.runner.clean.SchemaCleaner;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Drops every object in the environment's schemas (the schemas: list of its file, else public), the
 * tracking table included, and leaves the schemas empty with their owner, grants and default
 * privileges. Disabled unless the environment file sets cleanDisabled: false; refused on an
 * environment with protected: true. Names the database, then prints what it dropped per kind.
 */
@Mojo(name = "clean", threadSafe = true)
public class CleanMojo extends AbstractConfitureMojo {

    /**
     * The schemas to empty, a comma list (app,audit), instead of the environment's schemas: list; the
     * environment must still allow clean.
     */
    @Parameter(property = "confiture.schemas")
    protected String schemas;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Environment e = environment();
        SchemaCleaner.checkAllowed(new SchemaCleaner.Guard(e.name(), e.protectedEnv(), e.cleanDisabled()));
        List<String> targets = schemas == null || schemas.isBlank() ? e.cleanSchemas()
                : Arrays.stream(schemas.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        List<String> lines = new ArrayList<>();
        SchemaCleaner cleaner = new SchemaCleaner(line -> {
            lines.add(line);
            getLog().info(line);
        });
        CleanReport report = cleaner.clean(database(), targets, e.trackingTable(), Duration.ofSeconds(Math.max(0, lockTimeout)));
        String summary = "Cleaned " + report.schemas().size() + " schema(s) in " + report.durationMs() + " ms"
                + (report.trackingTableDropped() ? "; the tracking table " + report.trackingTable() + " was dropped" : "");
        lines.add(summary);
        getLog().info(summary);
        RunnerOutput.publish(report, lines, jsonFormat(), output, getLog());
    }
}
