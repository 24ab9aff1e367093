package dev.confiture.maven;

import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.confiture.diff.Change;
import dev.confiture.diff.DiffResult;
import dev.confiture.diff.OnlineDiff;
import dev.confiture.diff.OnlineStep;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.config.Environment;
import dev.confiture.model.config.SessionSetting;
import dev.confiture.model.config.UrlParser;
import dev.confiture.runner.diff.DiffService;
import dev.confiture.runner.migration.MigrationDiscovery;
import dev.confiture.runner.shadow.ScratchDatabases;

/**
 * Compares two sources of schema (confiture.from, confiture.to) and prints the SQL that takes the first
 * to the second; with confiture.generate=true writes it as the next migration pair. In shadow mode each
 * side is interpreted in a scratch database on the server of -Dconfiture.shadowUrl (its user needs
 * CREATEDB; a property, not a parameter, since it may carry a password), by default on the server the
 * environment names (its user then needs CREATEDB), else the embedded PostgreSQL. The side database is the environment's live database.
 */
@Mojo(name = "diff", requiresProject = true, threadSafe = true)
public class DiffMojo extends AbstractConfitureMojo {

    /**
     * The starting side: a .sql file, a directory, schema (the environment's schema files), migrations
     * (what all migrations produce) or database (the live database).
     */
    @Parameter(property = "confiture.from", defaultValue = "migrations")
    private String from;

    /** The side to reach: a .sql file, a directory, schema, migrations or database (as for confiture.from). */
    @Parameter(property = "confiture.to", defaultValue = "schema")
    private String to;

    /** shadow (PostgreSQL interprets each side in a scratch database) or offline (no database: the plugin's own DDL interpreter). */
    @Parameter(property = "confiture.mode", defaultValue = "shadow")
    private String mode;

    /** Write the change as the next migration pair, VERSION_NAME.up.sql and .down.sql, into the migrations folder. */
    @Parameter(property = "confiture.generate", defaultValue = "false")
    private boolean generate;

    /** The migration's name for confiture.generate: lower-case letters, digits and underscores. */
    @Parameter(property = "confiture.name")
    private String name;

    /**
     * Write the online form: changes on existing tables spread over migrations that do not block reads or
     * writes (indexes built and dropped CONCURRENTLY, constraints added NOT VALID then validated, NOT NULL
     * through a validated check, keys USING INDEX), each headed by SET lock_timeout (the environment's
     * session setting, else 5s). Default: the environment file's online setting, else false. See docs/diff.md.
     */
    @Parameter(property = "confiture.online")
    private Boolean online;

    /** The JSON report: what was compared, the changes, the SQL both ways, warnings and the files written. */
    public record Report(String from, String to, String mode, List<ChangeEntry> changes, List<String> up,
                         List<String> down, List<String> warnings, String upFile, String downFile, boolean online,
                         List<StepEntry> migrations) {
    }

    /** One migration of the online form; the files are null unless written. */
    public record StepEntry(String name, String purpose, boolean transactional, List<String> up, List<String> down,
                            String upFile, String downFile) {
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
        boolean offline = DiffService.OFFLINE.equalsIgnoreCase(mode == null ? "" : mode.trim());
        DatabaseSettings shadow = offline && !needsDatabase ? null : shadowServer();
        DiffService.Request request = new DiffService.Request(basedir.toPath(), from, to,
                environment.schemaIncludes(), environment.migrationsDir(), needsDatabase ? database() : null,
                mode, shadow, environment.trackingTable(), environment.includeScope())
                .withPlaceholders(readingPlaceholders(environment));
        DiffService service = new DiffService();
        if (online != null ? online : environment.online()) {
            runOnline(service, request, environment);
            return;
        }
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
            warn(result);
        }
        if (generate && !result.isEmpty()) {
            DiffService.Generated g = service.generate(environment.migrationsDir(), existingMigrations(environment),
                    name.trim(), result, from, to);
            upFile = relative(g.up());
            downFile = relative(g.down());
            lines.add("Wrote " + upFile + " and " + downFile);
        } else if (generate) {
            lines.add("Nothing to generate.");
        }
        publish(new Report(from, to, mode, changes(result), result.up(), result.down(), result.warnings(), upFile,
                downFile, false, List.of()), lines);
    }

    /** The online form: one block of SQL per migration, written as consecutive pairs with generate. */
    private void runOnline(DiffService service, DiffService.Request request, Environment environment)
            throws MojoExecutionException, MojoFailureException {
        String lockTimeout = RunSettingsParameters.sessionSettings(environment.sessionSettings(), sessionSettings)
                .stream().filter(s -> s.name().equalsIgnoreCase("lock_timeout")).map(SessionSetting::value)
                .reduce((a, b) -> b).orElse(null);
        OnlineDiff.Plan plan = service.diffOnline(request, lockTimeout);
        DiffResult result = plan.plain();
        List<String> lines = new ArrayList<>();
        List<DiffService.Generated> written = List.of();
        if (plan.steps().isEmpty()) {
            lines.add("No differences between " + from + " and " + to + ".");
        } else {
            lines.add("-- confiture:diff " + from + " -> " + to + " (" + result.changes().size() + " changes, "
                    + mode + " mode, online form: " + plan.steps().size() + " migrations)");
            for (int i = 0; i < plan.steps().size(); i++) {
                OnlineStep step = plan.steps().get(i);
                lines.add("-- migration " + (i + 1) + " of " + plan.steps().size() + ": " + step.purpose()
                        + (step.transactional() ? "" : " (runs outside a transaction)"));
                lines.addAll(List.of(step.upSql().split("\n")));
            }
            warn(result);
        }
        if (generate && !plan.steps().isEmpty()) {
            written = service.generateOnline(environment.migrationsDir(), existingMigrations(environment), name.trim(),
                    plan, from, to);
            written.forEach(g -> lines.add("Wrote " + relative(g.up()) + " and " + relative(g.down())));
        } else if (generate) {
            lines.add("Nothing to generate.");
        }
        List<StepEntry> steps = new ArrayList<>();
        List<String> up = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            OnlineStep step = plan.steps().get(i);
            DiffService.Generated g = i < written.size() ? written.get(i) : null;
            steps.add(new StepEntry(step.name(name == null || name.isBlank() ? "migration" : name.trim()),
                    step.purpose(), step.transactional(), step.up(), step.down(), g == null ? null : relative(g.up()),
                    g == null ? null : relative(g.down())));
            up.addAll(step.up());
            down.addAll(0, step.down());
        }
        publish(new Report(from, to, mode, changes(result), up, down, result.warnings(),
                written.isEmpty() ? null : relative(written.get(0).up()),
                written.isEmpty() ? null : relative(written.get(0).down()), true, steps), lines);
    }

    /** Every migration, Java ones too, so that the next version is the one generate would pick. */
    private List<dev.confiture.runner.migration.ResolvedMigration> existingMigrations(Environment environment)
            throws MojoExecutionException {
        return MigrationDiscovery.discover(environment.migrationsDir(), environment.includeScope(),
                migrationClassLoader(), javaMigrationsPackage);
    }

    private void warn(DiffResult result) {
        for (String w : result.warnings()) {
            getLog().warn(w);
        }
    }

    private String relative(java.nio.file.Path file) {
        return basedir.toPath().relativize(file).toString();
    }

    private static List<ChangeEntry> changes(DiffResult result) {
        return result.changes().stream().map(DiffMojo::entry).toList();
    }

    /**
     * Where the scratch databases go: {@code confiture.shadowUrl} when given; else the server the
     * environment names, so that PostgreSQL writes the generated SQL (view bodies, defaults) as the
     * server the migration will run on does, when its user may create databases there; else (the
     * environment uses the embedded PostgreSQL, or its server cannot host them) the embedded server,
     * returned as null.
     */
    private DatabaseSettings shadowServer() {
        String shadowUrl = secret(SecretParameters.SHADOW_URL);
        if (shadowUrl != null) {
            return UrlParser.parse(shadowUrl, "confiture.shadowUrl");
        }
        shareEmbeddedServerWithScratch();
        DatabaseSettings target = resolvedDatabase();
        if (embeddedServer() != null || target == null) {
            return null;
        }
        String whyNot = ScratchDatabases.whyNotOn(target);
        if (whyNot != null) {
            getLog().warn("Shadow databases on the embedded PostgreSQL, not on the environment's server "
                    + target.describe() + ": " + whyNot + ". The generated SQL is then spelt by the embedded"
                    + " server's version; -Dconfiture.shadowUrl names a server where the user may create databases.");
            return null;
        }
        getLog().info("Shadow databases on the environment's server " + target.describe()
                + " (-Dconfiture.shadowUrl names another server)");
        return target;
    }

    private static ChangeEntry entry(Change c) {
        return new ChangeEntry(c.object().toString(), c.kind().name().toLowerCase(java.util.Locale.ROOT),
                c.description(), c.destructive());
    }
}
