package dev.confiture.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.confiture.runner.MigrationGenerator;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.runner.migration.MigrationDiscovery;
import dev.confiture.runner.report.GenerateReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Writes an empty migration pair, NEXTVERSION_NAME.up.sql and .down.sql, into the migrations folder. */
@Mojo(name = "generate", threadSafe = true)
public class GenerateMojo extends AbstractConfitureMojo {

    /** The migration's name: lower-case letters, digits and underscores. */
    @Parameter(property = "confiture.name")
    protected String name;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        MigrationGenerator.validateName(name);
        Path dir = migrationsDir();
        GenerateReport report = MigrationGenerator.generate(dir,
                MigrationDiscovery.discover(dir, includeScope(), migrationClassLoader(), javaMigrationsPackage), name,
                null, null);
        Path base = basedir.toPath();
        publish(report, List.of("Created " + base.relativize(Path.of(report.upFile())),
                "Created " + base.relativize(Path.of(report.downFile())),
                "Write the change in the up file and its undo in the down file (delete the down file if it cannot be undone)."));
    }

    /** The environment's migrations folder; {@code db/migrations} when the environment file does not exist (yet). */
    private Path migrationsDir() {
        if (noEnvironmentFile()) {
            return basedir.toPath().resolve("db/migrations");
        }
        return environment().migrationsDir();
    }

    /** Where migration files may come from: as the environment says, else inside the project. */
    private IncludeScope includeScope() {
        return noEnvironmentFile() ? IncludeScope.within(basedir.toPath()) : environment().includeScope();
    }

    private boolean noEnvironmentFile() {
        return configFile == null && !Files.exists(basedir.toPath().resolve("db/environments/" + env + ".yaml"));
    }
}
