package dev.confiture.report;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import dev.confiture.model.config.Environment;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.runner.RunnerConfig;

/**
 * What a report describes.
 *
 * @param environmentName the environment's name ({@code local})
 * @param projectDir      the project's base directory (paths are shown relative to it)
 * @param schemaIncludes  the environment's schema files (includes without seeds)
 * @param includeScope    where schema and migration files may come from
 * @param runner          the database, migrations folder and tracking table; a null database means
 *                        "report from the files alone"
 * @param resultsDir      where goals write their JSON reports ({@code target/confiture})
 * @param clock           when the report is made
 */
public record ReportRequest(String environmentName, Path projectDir, List<Path> schemaIncludes,
                            IncludeScope includeScope, RunnerConfig runner, Path resultsDir, Clock clock) {

    public ReportRequest {
        schemaIncludes = List.copyOf(schemaIncludes);
        if (clock == null) {
            clock = Clock.systemUTC();
        }
    }

    /** The request for an environment as loaded from its YAML file. */
    public static ReportRequest of(Environment env, RunnerConfig runner, Path resultsDir) {
        return new ReportRequest(env.name(), env.projectDir(), env.schemaIncludes(), env.includeScope(), runner,
                resultsDir, Clock.systemUTC());
    }
}
