package dev.confiture.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.ConnectionResolver;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.config.Environment;
import dev.confiture.model.config.EnvironmentLoader;
import dev.confiture.runner.RunnerConfig;
import dev.confiture.runner.build.SchemaBuilder;
import dev.confiture.runner.embedded.EmbeddedPostgresServer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code confiture:build}: concatenates the environment's includes into
 * {@code target/confiture/schema_<env>.sql} and applies it to the environment's (empty) database in
 * one transaction, then records every migration on disk as applied (kind {@code baseline}).
 */
@Mojo(name = "build", threadSafe = true)
public class BuildMojo extends AbstractConfitureMojo {

    /** Leave the seed includes out (the seed's {@code --schema-only}). */
    @Parameter(property = "confiture.schemaOnly", defaultValue = "false")
    protected boolean schemaOnly;

    /** Drop and recreate the database first (refused for a {@code protected: true} environment). */
    @Parameter(property = "confiture.recreate", defaultValue = "false")
    protected boolean recreate;

    /** {@code false}: only write the file, no database needed. */
    @Parameter(property = "confiture.apply", defaultValue = "true")
    protected boolean apply;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        try {
            Environment environment = loadEnvironment();
            Path outputFile = buildDirectory.toPath().resolve("confiture").resolve("schema_" + environment.name() + ".sql");
            DatabaseSettings database = apply ? resolveDatabase(environment) : null;
            SchemaBuilder.Request request = new SchemaBuilder.Request(environment.name(), environment.projectDir(),
                    environment.includes(), environment.seedIncludes(), schemaOnly, outputFile, apply,
                    database == null ? null : runnerConfig(environment, database), recreate, environment.protectedEnv());
            SchemaBuilder.Result result = new SchemaBuilder(line -> getLog().info(line)).build(request);
            publish(result.toReport(basedir.toPath()), textLines(result));
        } catch (ConfitureException e) {
            if (translate(e) instanceof MojoFailureException failure) {
                throw failure;
            }
            throw new MojoExecutionException(e.getMessage(), e);
        }
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

    // ---- Until the shared environment()/database() of AbstractConfitureMojo land (runner helper) ----

    private Environment loadEnvironment() {
        return EnvironmentLoader.load(basedir.toPath(), env, configFile == null ? null : configFile.toPath(), System.getenv());
    }

    private DatabaseSettings resolveDatabase(Environment environment) {
        return ConnectionResolver.resolve(environment, url, user, password, System.getenv())
                .orElseGet(() -> EmbeddedPostgresServer.persistent(buildDirectory.toPath().resolve("confiture").resolve("postgres"))
                        .database("confiture_" + environment.name()));
    }

    /** Where the migrations and the tracking table are; Java migrations once the runner's Mojo support lands. */
    private RunnerConfig runnerConfig(Environment environment, DatabaseSettings database) {
        return RunnerConfig.of(database, environment.migrationsDir()).withTrackingTable(environment.trackingTable());
    }
}
