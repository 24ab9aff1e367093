package dev.confiture.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.config.Environment;
import dev.confiture.model.config.UrlParser;
import dev.confiture.model.files.SqlFiles;
import dev.confiture.runner.verify.SchemaVerifier;
import dev.confiture.runner.verify.VerifyOptions;
import dev.confiture.runner.verify.VerifyReport;
import dev.confiture.runner.verify.VerifyText;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * In scratch databases, replays every migration from zero, builds the schema files, compares the two
 * catalogs and checks that each down migration returns the catalog (and the rows) to their state before
 * the up; optionally checks the checksums of the migrations applied to the environment's database. Fails
 * listing every problem. The scratch databases live on the server of -Dconfiture.shadowUrl (its user
 * needs CREATEDB; a property, not a parameter, since it may carry a password), by default an embedded
 * PostgreSQL. The report goes to the build log (or standard output as JSON) and always to
 * target/confiture/verify.json. See docs/ci.md.
 *
 * <p>Bound to the {@code verify} phase, so a parent POM can declare it once for every module: a
 * module without a {@code db/} folder (a parent, an API jar) has nothing to verify and is skipped.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class VerifyMojo extends AbstractConfitureMojo {

    /** Also check the migrations applied to the environment's database against the files (checksums). */
    @Parameter(property = "confiture.checkDatabase", defaultValue = "false")
    protected boolean checkDatabase;

    /** A migration without a down fails the build instead of being reported as irreversible. */
    @Parameter(property = "confiture.requireReversible", defaultValue = "false")
    protected boolean requireReversible;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (nothingToCheck("verify")) {
            return;
        }
        Environment environment = environment();
        List<Path> schemaFiles = SqlFiles.discover(environment.schemaIncludes(), environment.includeScope());
        VerifyOptions options = new VerifyOptions(environment.name(), schemaFiles, environment.migrationsDir(),
                environment.trackingTable(), migrationClassLoader(), javaMigrationsPackage, requireReversible,
                checkDatabase ? database() : null, line -> getLog().info(line),
                basedir.toPath().toAbsolutePath().normalize()).withIncludeScope(environment.includeScope())
                .withPlaceholders(runSettings().placeholders()).withLocations(migrationLocations());
        String shadow = secret(SecretParameters.SHADOW_URL);
        if (shadow == null) {
            shareEmbeddedServerWithScratch();
        }
        SchemaVerifier verifier = shadow == null
                ? SchemaVerifier.embedded()
                : SchemaVerifier.onServer(UrlParser.parse(shadow, "confiture.shadowUrl"));
        VerifyReport report = verifier.verify(options);
        ReportPublisher.write(reportFile(), ReportPublisher.toJson(report) + System.lineSeparator(), getLog());
        publish(report, VerifyText.lines(report));
        if (!report.passed()) {
            // The message carries every finding: with `mvn -q` only errors are shown.
            throw new MojoFailureException(VerifyText.failureMessage(report));
        }
    }

    @Override
    protected File reportFile() {
        return new File(buildDirectory, "confiture/verify.json");
    }
}
