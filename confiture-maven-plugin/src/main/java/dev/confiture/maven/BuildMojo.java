package dev.confiture.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.config.Environment;
import dev.confiture.runner.build.SchemaBuilder;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Concatenates the environment's schema (and seed) includes into target/confiture/schema_ENV.sql and
 * applies it to the environment's empty database in one transaction, then records every migration on
 * disk as applied (kind baseline). Names the database it changes.
 */
@Mojo(name = "build", threadSafe = true)
public class BuildMojo extends AbstractConfitureMojo {

    /** Leave the seed includes (folders under db/seeds) out: schema only. */
    @Parameter(property = "confiture.schemaOnly", defaultValue = "false")
    protected boolean schemaOnly;

    /** Drop and recreate the database first (refused on an environment with protected: true). */
    @Parameter(property = "confiture.recreate", defaultValue = "false")
    protected boolean recreate;

    /** false: only write target/confiture/schema_ENV.sql; no database is needed or touched. */
    @Parameter(property = "confiture.apply", defaultValue = "true")
    protected boolean apply;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Environment environment = environment();
        Path outputFile = buildDirectory.toPath().resolve("confiture").resolve("schema_" + environment.name() + ".sql");
        // Refuse a protected recreate before anything (even the embedded server) is started.
        boolean refusedEarly = apply && recreate && environment.protectedEnv();
        SchemaBuilder.Request request = new SchemaBuilder.Request(environment.name(), environment.projectDir(),
                environment.includes(), environment.seedIncludes(), schemaOnly, outputFile, apply,
                apply && !refusedEarly ? runnerConfig() : null, recreate, environment.protectedEnv(),
                environment.includeScope());
        SchemaBuilder.Result result = new SchemaBuilder(line -> getLog().info(line)).build(request);
        publish(result.toReport(basedir.toPath()), textLines(result));
    }

    private List<String> textLines(SchemaBuilder.Result result) {
        Path base = basedir.toPath().toAbsolutePath().normalize();
        Path file = result.outputFile().toAbsolutePath().normalize();
        List<String> lines = new ArrayList<>();
        lines.add("Wrote " + (file.startsWith(base) ? base.relativize(file) : file) + ": " + result.files() + " files ("
                + (result.files() - result.seedFiles()) + " schema, " + result.seedFiles() + " seed"
                + (schemaOnly ? ", seeds skipped: schemaOnly" : "") + "), " + result.statements()
                + " statements, SHA-256 " + result.sha256());
        if (!result.applied()) {
            lines.add("Not applied (confiture.apply=false)");
            return lines;
        }
        if (result.recreated()) {
            lines.add("Recreated the database");
        }
        lines.add("Applied " + result.statements() + " statements to " + result.database() + " in one transaction ("
                + result.applyMillis() + " ms)");
        if (!result.baselined().isEmpty()) {
            lines.add("Recorded " + result.baselined().size() + " migration(s) as applied (baseline): "
                    + String.join(", ", result.baselined()));
        }
        lines.add("Built environment '" + result.environment() + "'");
        return lines;
    }
}
