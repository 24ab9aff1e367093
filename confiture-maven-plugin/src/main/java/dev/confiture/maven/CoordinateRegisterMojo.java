package dev.confiture.maven;

import dev.confiture.coordination.CoordinationService;
import dev.confiture.coordination.RegisterRequest;
import dev.confiture.coordination.SchemaChanges;
import dev.confiture.coordination.TextReports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Declares an intent before changing the schema; prints its id, its branch (feature/NAME_NNN, from
 * confiture.featureName) and the conflicts it has now with other agents' intents, which are stored.
 */
@Mojo(name = "coordinate-register", requiresProject = false, threadSafe = true)
public class CoordinateRegisterMojo extends AbstractCoordinateMojo {

    /** The feature's name (lower-case letters, digits, underscores); the branch is feature/NAME_NNN. Required. */
    @Parameter(property = "confiture.featureName")
    protected String featureName;

    /** The tables the change touches, a comma list: users,profiles, app.orders, "Users". */
    @Parameter(property = "confiture.tablesAffected")
    protected String tablesAffected;

    /** The change as SQL text, or a .sql file relative to the project; the objects it touches are compared. */
    @Parameter(property = "confiture.schemaChanges")
    protected String schemaChanges;

    /** The risk of the change: low, medium (default), high or critical. */
    @Parameter(property = "confiture.riskLevel")
    protected String riskLevel;

    /** Hours the work should take: more than 0, at most 10000, at most 2 decimal places; stored as written. */
    @Parameter(property = "confiture.estimatedHours")
    protected String estimatedHours;

    @Override
    protected void coordinate(CoordinationService service) throws MojoExecutionException {
        SchemaChanges.Read sql = SchemaChanges.read(schemaChanges, basedir.toPath());
        var report = service.register(new RegisterRequest(agentId, featureName, tablesAffected, sql.sql(), riskLevel,
                estimatedHours, sql.file()));
        publish(report, TextReports.register(report));
        if (!report.conflicts().isEmpty() && !jsonFormat()) {
            getLog().warn("Registered with " + report.conflicts().size() + " conflict(s): coordinate before implementing");
        }
    }
}
