package dev.confiture.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.confiture.git.GitRepository;
import dev.confiture.lint.Finding;
import dev.confiture.lint.LintEngine;
import dev.confiture.lint.LintMigration;
import dev.confiture.lint.LintReport;
import dev.confiture.lint.LintScope;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.config.Environment;
import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.migration.MigrationKind;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.migration.SqlMigrationFiles;
import dev.confiture.runner.report.StatusEntry;
import dev.confiture.runner.report.StatusReport;
import dev.confiture.runner.fleet.FleetOutcome;
import dev.confiture.runner.fleet.FleetReport;
import dev.confiture.jdbc.ConnectionSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lints the migrations for statements that lock a busy table (index builds without CONCURRENTLY,
 * constraints without NOT VALID, rewriting type changes ...), each judged against the schema the
 * migrations before it produce; no database needed. Findings go to the build log (or standard output
 * as JSON) and, as SARIF 2.1.0, to target/confiture/lint.sarif. See docs/lint.md.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VALIDATE, requiresProject = true, threadSafe = true)
public class LintMojo extends AbstractFleetMojo {

    /** Lint only the migrations added since the merge-base of this revision and HEAD (origin/main, say); all when unset. */
    @Parameter(property = "confiture.baseRef")
    protected String baseRef;

    /**
     * Lint only the migrations pending in the environment's database (connects to read the tracking table); with a
     * fleet, those pending on each target.
     */
    @Parameter(property = "confiture.pending", defaultValue = "false")
    protected boolean pending;

    /** The PostgreSQL major version the rules judge for; the environment's server with confiture.pending=true, else 15. */
    @Parameter(property = "confiture.postgresVersion")
    protected Integer postgresVersion;

    /** Fail the build on findings of this severity and above: error, warning or none. */
    @Parameter(property = "confiture.failOn", defaultValue = "error")
    protected String failOn;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (nothingToCheck("lint")) {
            return;
        }
        Environment environment = environment();
        Path dir = basedir.toPath().resolve(environment.migrationsDir());
        List<LintMigration> migrations = migrations(dir);
        Set<String> notYetApplied = null;
        int version = postgresVersion == null ? 15 : postgresVersion;
        if (pending && environment.fleet() != null) {
            lintFleet(migrations);
            return;
        }
        if (pending) {
            getLog().info("Reading pending migrations from " + database().displayUrl());
            notYetApplied = pendingMigrations();
            if (postgresVersion == null) {
                version = serverVersion(database());
            }
        } else if (baseRef != null && !baseRef.isBlank()) {
            notYetApplied = addedSince(dir, migrations);
        }
        LintScope scope = new LintScope(notYetApplied, notYetApplied == null ? Set.of() : notYetApplied, version);
        LintEngine engine = new LintEngine();
        LintReport report = engine.lint(migrations, scope);
        report.fails(failOn); // an unknown level fails before anything is written
        publish(engine, report);
        if (report.fails(failOn)) {
            throw new MojoFailureException(failureMessage(report));
        }
    }

    /** The lint's report to the log (or standard output) and, as SARIF, to target/confiture/lint.sarif. */
    private void publish(LintEngine engine, LintReport report) throws MojoExecutionException {
        ReportPublisher.write(new File(buildDirectory, "confiture/lint.sarif"),
                ReportPublisher.toJson(report.sarif(engine.ruleIds(), project.getVersion())) + System.lineSeparator(),
                getLog());
        publish(report, report.textLines());
    }

    private String failureMessage(LintReport report) {
        return "confiture:lint found " + report.findings().size() + " finding(s) at or above "
                + failOn + ":" + System.lineSeparator() + String.join(System.lineSeparator(),
                report.findings().stream().map(f -> f.located()).toList());
    }

    /**
     * {@code confiture.pending=true} on a fleet: each target's pending migrations linted for its server's
     * version (targets with the same pending migrations and version share one lint); a target whose
     * findings reach {@code confiture.failOn} fails. The log and SARIF show every target's findings, each once.
     */
    private void lintFleet(List<LintMigration> migrations) throws MojoExecutionException {
        new LintReport(List.of(), List.of(), List.of()).fails(failOn); // an unknown level fails before anything runs
        LintEngine engine = new LintEngine();
        Map<LintScope, LintReport> lints = new ConcurrentHashMap<>();
        FleetReport fleet = fleetReport("lint", (template, listeners) -> (target, connections) -> {
            MigrationRunner runner = new MigrationRunner(target.configFor(template), listeners.apply(target))
                    .connectionsFrom(connections);
            Set<String> names = pendingNames(runner.status());
            int version = postgresVersion != null ? postgresVersion : serverVersion(connections, target.name());
            LintReport r = lints.computeIfAbsent(new LintScope(names, names, version), scope -> lint(engine, migrations, scope));
            List<Finding> reaching = r.findings().stream()
                    .filter(f -> new LintReport(List.of(), List.of(f), List.of()).fails(failOn)).toList();
            return new FleetOutcome(target.name(), reaching.isEmpty() ? FleetOutcome.State.PASSED : FleetOutcome.State.FAILED, 0,
                    null, names.size(), reaching.isEmpty() ? r.findings().size() + " finding(s) in " + names.size()
                    + " pending migration(s)" : reaching.size() + " finding(s) at or above " + failOn + ": " + reaching.get(0).located());
        }, false);
        publish(engine, merged(lints.values()));
        FleetRun.failOnFailures(fleet);
    }

    /** Every finding of the targets' lints once: a migration's finding can depend on what else is pending there. */
    private static LintReport merged(java.util.Collection<LintReport> reports) {
        Set<String> linted = new java.util.TreeSet<>();
        Set<Finding> findings = new java.util.LinkedHashSet<>();
        Set<Finding> ignored = new java.util.LinkedHashSet<>();
        for (LintReport r : reports) {
            linted.addAll(r.migrations());
            findings.addAll(r.findings());
            ignored.addAll(r.ignored());
        }
        return new LintReport(List.copyOf(linted), List.copyOf(findings), List.copyOf(ignored));
    }

    private static LintReport lint(LintEngine engine, List<LintMigration> migrations, LintScope scope) {
        synchronized (engine) {
            return engine.lint(migrations, scope);
        }
    }

    private List<LintMigration> migrations(Path dir) {
        List<LintMigration> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        for (ResolvedMigration m : SqlMigrationFiles.discover(dir)) {
            if (m.kind() != MigrationKind.SQL || m.upFile() == null) {
                continue;
            }
            try {
                out.add(new LintMigration(m.upFile().getFileName().toString(),
                        basedir.toPath().relativize(m.upFile().toAbsolutePath()).toString(),
                        Files.readString(m.upFile(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new ConfitureException("IO_ERROR", "Could not read " + m.upFile() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The migrations whose file the base revision of the branch does not hold. */
    private Set<String> addedSince(Path dir, List<LintMigration> migrations) {
        loadAtRunTime(RuntimeArtifacts.JGIT);
        try (GitRepository git = GitRepository.open(basedir.toPath())) {
            GitRepository.Range range = git.range(baseRef, true, false);
            String folder = git.workTree().toRealPath().relativize(dir.toRealPath()).toString().replace('\\', '/');
            Set<String> atBase = new HashSet<>();
            git.files(range.base(), List.of(folder)).files().keySet()
                    .forEach(p -> atBase.add(p.substring(p.lastIndexOf('/') + 1)));
            Set<String> added = new HashSet<>();
            migrations.stream().map(LintMigration::name).filter(n -> !atBase.contains(n)).forEach(added::add);
            getLog().info("Linting the migrations added since " + range.base().label() + ": " + added.size());
            return added;
        } catch (IOException e) {
            throw new ConfitureException("IO_ERROR", "Could not read " + dir + ": " + e.getMessage(), e);
        }
    }

    private Set<String> pendingMigrations() throws MojoExecutionException {
        return pendingNames(new MigrationRunner(runnerConfig(), null).status());
    }

    /** The file names of the migrations a status lists as not applied. */
    private static Set<String> pendingNames(StatusReport status) {
        Set<String> names = new HashSet<>();
        for (StatusEntry e : status.migrations()) {
            if (!"applied".equals(e.status()) && !"missing".equals(e.status()) && e.source() != null) {
                names.add(Path.of(e.source()).getFileName().toString());
            }
        }
        return names;
    }

    private static int serverVersion(ConnectionSource connections, String target) {
        try (Connection c = connections.open()) {
            return c.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new ConfitureException("DB_CONNECT", "Could not read the PostgreSQL version of fleet target " + target
                    + ": " + e.getMessage() + ". Set -Dconfiture.postgresVersion to lint without asking the server.", e);
        }
    }

    private static int serverVersion(DatabaseSettings db) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            return c.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new ConfitureException("DB_CONNECT", "Could not read the PostgreSQL version of " + db.displayUrl()
                    + ": " + e.getMessage() + ". Set -Dconfiture.postgresVersion to lint without asking the server.", e);
        }
    }
}
