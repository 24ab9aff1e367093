package dev.confiture.maven;

import java.io.File;
import java.util.HashMap;
import java.util.Map;

import dev.confiture.git.GitValidator;
import dev.confiture.git.InterpreterWarmUp;
import dev.confiture.git.ValidateOptions;
import dev.confiture.git.ValidationResult;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.Environment;
import dev.confiture.model.config.EnvironmentLoader;
import dev.confiture.model.config.UnsetVariableException;
import dev.confiture.model.json.ReportJson;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * From git alone, checks that the schema changes of a branch (merge-base of confiture.baseRef and HEAD,
 * to HEAD) come with a migration and that the migrations produce the schema files. Needs no database.
 * The report goes to the build log (or standard output as JSON) and always to
 * target/confiture/validate.json. See docs/validate.md.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, requiresProject = true, threadSafe = true)
public class ValidateMojo extends AbstractConfitureMojo {

    /** Check that the schema at the base plus the branch's migrations equals the schema files at HEAD. Both checks run when neither is set. */
    @Parameter(property = "confiture.checkDrift")
    protected Boolean checkDrift;

    /** Check that a schema change in the branch comes with a migration added or modified in the branch. Both checks run when neither is set. */
    @Parameter(property = "confiture.requireMigration")
    protected Boolean requireMigration;

    /** The branch's range starts at the merge-base of this revision and HEAD; origin/main when unset (CI needs fetch-depth: 0). */
    @Parameter(property = "confiture.baseRef")
    protected String baseRef;

    /** Compare with the staged files (what the next commit records) instead of HEAD: for a pre-commit hook. */
    @Parameter(property = "confiture.staged", defaultValue = "false")
    protected boolean staged;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (nothingToCheck("validate")) {
            return;
        }
        // A cold JVM's fixed cost, on other threads: the interpreter's first run starts before JGit is
        // found (it needs none of JGit), JGit's loading as soon as it is; both overlap with reading the
        // environment. GitValidator's own class refers to JGit's: it is loaded only after loadAtRunTime.
        InterpreterWarmUp.start();
        loadAtRunTime(RuntimeArtifacts.JGIT);
        GitValidator validator = GitValidator.warmingUpGit();
        Environment environment = validationEnvironment();
        boolean[] checks = ValidateOptions.checks(checkDrift, requireMigration);
        ValidateOptions options = new ValidateOptions(basedir.toPath(), environment.schemaIncludes(),
                environment.migrationsDir(), baseRef, baseRef != null && !baseRef.isBlank(), staged, checks[0],
                checks[1], environment.allowExternalIncludes(), environment.trackingTable())
                .withPlaceholders(readingPlaceholders(environment));
        ValidationResult result = validator.validate(options);
        // Rendered without Jackson: a text-format run (a hook, a CI step) then never builds a mapper.
        ReportPublisher.write(reportFile(), ReportJson.render(result.report()) + System.lineSeparator(), getLog());
        publish(result.report(), result.textLines());
        if (!result.passed()) {
            // The message carries the findings: `mvn -q` in a hook shows nothing but errors.
            throw new MojoFailureException(result.failureMessage());
        }
    }

    @Override
    protected File reportFile() {
        return new File(buildDirectory, "confiture/validate.json");
    }

    /**
     * The environment, for its schema includes and migrations folder only: validate needs no
     * database, so a CI job without the database password set must still run. When the one
     * problem is an unset variable in a database setting, the file is read again with such
     * variables left as written; an unset variable anywhere else still fails.
     */
    private Environment validationEnvironment() {
        try {
            return environment();
        } catch (ConfitureException e) {
            if (!(e instanceof UnsetVariableException unset) || !unset.inDatabaseSetting()) {
                throw e;
            }
            Map<String, String> variables = new HashMap<>(System.getenv()) {
                @Override
                public String get(Object key) {
                    String value = super.get(key);
                    return value != null ? value : "${" + key + "}";
                }
            };
            Environment lenient = EnvironmentLoader.load(basedir.toPath(), env,
                    configFile == null ? null : configFile.toPath(), variables);
            boolean pathsNeedVariables = lenient.schemaIncludes().stream().anyMatch(p -> p.toString().contains("${"))
                    || lenient.migrationsDir().toString().contains("${");
            if (pathsNeedVariables) {
                throw e;
            }
            getLog().debug("Database settings need unset variables; validate does not connect: " + e.bareMessage());
            return lenient;
        }
    }
}
