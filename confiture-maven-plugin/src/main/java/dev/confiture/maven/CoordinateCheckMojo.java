package dev.confiture.maven;

import dev.confiture.coordination.CheckRequest;
import dev.confiture.coordination.Conflict;
import dev.confiture.coordination.CoordinationService;
import dev.confiture.coordination.SchemaChanges;
import dev.confiture.coordination.TextReports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compares a planned change with the other agents' active intents and fails the build on any conflict
 * unless confiture.failOnConflict=false. Stores nothing.
 */
@Mojo(name = "coordinate-check", requiresProject = false, threadSafe = true)
public class CoordinateCheckMojo extends AbstractCoordinateMojo {

    /** The tables the change touches, a comma list: users,profiles, app.orders, "Users". */
    @Parameter(property = "confiture.tablesAffected")
    protected String tablesAffected;

    /** The change as SQL text, or a .sql file relative to the project; the objects it touches are compared. */
    @Parameter(property = "confiture.schemaChanges")
    protected String schemaChanges;

    /** false: report the conflicts without failing the build. */
    @Parameter(property = "confiture.failOnConflict", defaultValue = "true")
    protected boolean failOnConflict;

    @Override
    protected void coordinate(CoordinationService service) throws MojoExecutionException, MojoFailureException {
        SchemaChanges.Read sql = SchemaChanges.read(schemaChanges, basedir.toPath());
        var report = service.check(new CheckRequest(agentId, tablesAffected, sql.sql(), sql.file()));
        publish(report, TextReports.check(report));
        if (report.hasConflicts() && failOnConflict) {
            Conflict first = report.conflicts().get(0);
            throw new MojoFailureException(report.conflicts().size() + " conflict(s) with other agents' active intents,"
                    + " first: " + first.severity() + " on " + String.join(", ", first.objects()) + " with " + first.agentId()
                    + " (" + first.intentId() + "). " + first.suggestion()
                    + ". Set -Dconfiture.failOnConflict=false to report without failing.");
        }
    }
}
