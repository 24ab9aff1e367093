package dev.confiture.maven;

import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import dev.confiture.diff.Change;
import dev.confiture.diff.DiffResult;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.Environment;
import dev.confiture.model.config.UrlParser;
import dev.confiture.runner.diff.DiffService;
import dev.confiture.runner.migration.MigrationDiscovery;

/**
 * {@code confiture:diff} (seed: {@code confiture migrate diff A B [--generate --name N]}): compares
 * two sources of schema and prints the SQL that takes the first to the second; with
 * {@code confiture.generate=true} writes it as the next migration pair. In shadow mode each side is
 * interpreted in a scratch database on the server of {@code confiture.shadowUrl} (its user needs
 * CREATEDB), read by {@link SecretParameters} since the URL may carry a password; default: an
 * embedded PostgreSQL. The live database ({@code database} as a side) is the one every goal uses,
 * credentials from {@code confiture.serverId} included.
 */
@Mojo(name = "diff", requiresProject = true, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class DiffMojo extends AbstractConfitureMojo {

    /** A {@code .sql} file, a directory, {@code schema}, {@code migrations} or {@code database}. */
    @Parameter(property = "confiture.from", defaultValue = "migrations")
    private String from;

    /** A {@code .sql} file, a directory, {@code schema}, {@code migrations} or {@code database}. */
    @Parameter(property = "confiture.to", defaultValue = "schema")
    private String to;

    /** {@code shadow} (PostgreSQL interprets each side in a scratch database) or {@code offline} (the DDL interpreter). */
    @Parameter(property = "confiture.mode", defaultValue = "shadow")
    private String mode;

    /** Write the next {@code <version>_<name>.up.sql} / {@code .down.sql} into the migrations directory. */
    @Parameter(property = "confiture.generate", defaultValue = "false")
    private boolean generate;

    /** The migration name for {@code generate}. */
    @Parameter(property = "confiture.name")
    private String name;

    /** The JSON report: what was compared, the changes, the SQL both ways, warnings and the files written. */
    public record Report(String from, String to, String mode, List<ChangeEntry> changes, List<String> up,
                         List<String> down, List<String> warnings, String upFile, String downFile) {
    }

    public record ChangeEntry(String object, String kind, String description, boolean destructive) {
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (generate && (name == null || name.isBlank())) {
            throw new ConfitureException("DIFF_NO_NAME", "confiture.generate=true needs a migration name:"
                    + " add -Dconfiture.name=<name> (lower-case letters, digits, underscores)");
        }
        Environment environment = environment();
        boolean needsDatabase = DiffService.DATABASE.equals(from) || DiffService.DATABASE.equals(to);
        String shadowUrl = secret(SecretParameters.SHADOW_URL);
        if (shadowUrl == null) {
            shareEmbeddedServerWithScratch();
        }
        DiffService.Request request = new DiffService.Request(basedir.toPath(), from, to,
                environment.schemaIncludes(), environment.migrationsDir(), needsDatabase ? database() : null,
                mode, shadowUrl == null ? null : UrlParser.parse(shadowUrl, "confiture.shadowUrl"),
                environment.trackingTable(), environment.includeScope());
        DiffService service = new DiffService();
        DiffResult result = service.diff(request);
        List<String> lines = new ArrayList<>();
        String upFile = null;
        String downFile = null;
        if (result.isEmpty()) {
            lines.add("No differences between " + from + " and " + to + ".");
        } else {
            lines.add("-- confiture:diff " + from + " -> " + to + " (" + result.changes().size() + " changes, "
                    + mode + " mode)");
            lines.addAll(List.of(result.upSql().split("\n")));
            for (String w : result.warnings()) {
                getLog().warn(w);
            }
        }
        if (generate && !result.isEmpty()) {
            // every migration, Java ones too, so that the next version is the one generate would pick
            DiffService.Generated g = service.generate(environment.migrationsDir(),
                    MigrationDiscovery.discover(environment.migrationsDir(), environment.includeScope(),
                            migrationClassLoader(), javaMigrationsPackage), name.trim(), result, from, to);
            upFile = basedir.toPath().relativize(g.up()).toString();
            downFile = basedir.toPath().relativize(g.down()).toString();
            lines.add("Wrote " + upFile + " and " + downFile);
        } else if (generate) {
            lines.add("Nothing to generate.");
        }
        List<ChangeEntry> changes = result.changes().stream().map(DiffMojo::entry).toList();
        publish(new Report(from, to, mode, changes, result.up(), result.down(), result.warnings(), upFile, downFile),
                lines);
    }

    private static ChangeEntry entry(Change c) {
        return new ChangeEntry(c.object().toString(), c.kind().name().toLowerCase(java.util.Locale.ROOT),
                c.description(), c.destructive());
    }
}
