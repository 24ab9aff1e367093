package dev.confiture.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.config.Environment;
import dev.confiture.model.config.UrlParser;
import dev.confiture.model.files.SqlFiles;
import dev.confiture.model.json.ReportJson;
import dev.confiture.runner.fleet.FleetGoals;
import dev.confiture.runner.fleet.FleetReport;
import dev.confiture.runner.verify.SchemaVerifier;
import dev.confiture.runner.verify.VerifyCheck;
import dev.confiture.runner.verify.VerifyOptions;
import dev.confiture.runner.verify.VerifyReport;
import dev.confiture.runner.verify.VerifyText;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * In scratch databases, replays every migration from zero, builds the schema files, compares the two
 * catalogs and checks that each down migration returns the catalog (and the rows) to their state before
 * the up; optionally checks the checksums of the migrations applied to the environment's database (to every target of its fleet). Fails
 * listing every problem. The scratch databases live on the server of -Dconfiture.shadowUrl (its user
 * needs CREATEDB; a property, not a parameter, since it may carry a password), by default an embedded
 * PostgreSQL. The report goes to the build log (or standard output as JSON) and always to
 * target/confiture/verify.json. See docs/ci.md.
 *
 * <p>Bound to the {@code verify} phase, so a parent POM can declare it once for every module: a
 * module without a {@code db/} folder (a parent, an API jar) has nothing to verify and is skipped.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractFleetMojo {

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
        // With a fleet, the replay in scratch databases runs once and each target's checksums are checked on the fleet.
        boolean onFleet = checkDatabase && environment.fleet() != null;
        List<Path> schemaFiles = SqlFiles.discover(environment.schemaIncludes(), environment.includeScope());
        VerifyOptions options = new VerifyOptions(environment.name(), schemaFiles, environment.migrationsDir(),
                environment.trackingTable(), migrationClassLoader(), javaMigrationsPackage, requireReversible,
                checkDatabase && !onFleet ? database() : null, line -> getLog().info(line),
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
        if (onFleet) {
            report = checksumsOnTheFleet(report);
        }
        // Rendered without Jackson: a text-format run (the verify phase of a build) then never builds a mapper.
        ReportPublisher.write(reportFile(), ReportJson.render(report) + System.lineSeparator(), getLog());
        publish(report, VerifyText.lines(report));
        FleetReport fleet = onFleet ? fleetReport("verify", FleetGoals::checkDatabase, false) : null;
        if (!report.passed()) {
            // The message carries every finding: with `mvn -q` only errors are shown.
            throw new MojoFailureException(VerifyText.failureMessage(report));
        }
        if (fleet != null) {
            FleetRun.failOnFailures(fleet);
        }
    }

    /** The replay's report says where the checksums are checked: on each target, in the fleet summary, not skipped. */
    private static VerifyReport checksumsOnTheFleet(VerifyReport r) {
        List<VerifyCheck> checks = r.checks().stream().map(c -> !c.name().equals(VerifyCheck.CHECKSUM) ? c
                : new VerifyCheck(c.name(), "skipped", "checked on each fleet target: see the fleet summary below and"
                + " target/confiture/fleet.json", List.of())).toList();
        return new VerifyReport(r.status(), r.environment(), r.scratch(), r.migrations(), r.schemaFiles(), checks,
                r.notCheckedForData(), r.durationMs());
    }

    @Override
    protected File reportFile() {
        return new File(buildDirectory, "confiture/verify.json");
    }
}
