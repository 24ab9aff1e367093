package dev.confiture.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.Environment;
import dev.confiture.report.ReportRequest;
import dev.confiture.report.ReportService;
import dev.confiture.runner.RunnerConfig;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * {@code confiture:report}: one self-contained HTML page (docs/report.md) with the environment, the
 * migration history, the pending migrations' SQL and what they change, the latest validate and verify
 * results, and the schema as an ER diagram; written to {@code target/confiture/report/index.html}.
 *
 * <p>It is also a Maven report: declared in the POM's {@code reporting} section, {@code mvn site} writes the same
 * page to {@code target/site/confiture/index.html} and links it from the site's menu. It is an
 * external report (the page is complete on its own, with its script and picture), which is why this
 * class implements {@link MavenReport} itself rather than extending maven-reporting-impl's
 * {@code AbstractMavenReport}, whose pages are Doxia sink output: and so it keeps the shared
 * parameters and error handling of {@link AbstractConfitureMojo}.
 */
@Mojo(name = "report", requiresProject = true, threadSafe = true)
public class ReportMojo extends AbstractConfitureMojo implements MavenReport {

    /** Where {@code confiture:report} writes {@code index.html}. */
    @Parameter(property = "confiture.reportDirectory", defaultValue = "${project.build.directory}/confiture/report")
    protected File reportDirectory;

    /**
     * Read the tracking table and the catalog of the environment's database (read only). With
     * {@code false} the report is made from the files alone, and says so.
     */
    @Parameter(property = "confiture.reportFromDatabase", defaultValue = "true")
    protected boolean reportFromDatabase;

    /** Set by the site plugin: the site's output folder. */
    private File siteDirectory;

    @Override
    protected void run() throws MojoExecutionException {
        if (nothingToCheck("report on")) {
            return;
        }
        write(reportDirectory.toPath());
    }

    private Path write(Path dir) throws MojoExecutionException {
        loadAtRunTime(RuntimeArtifacts.ELK);
        Environment env = environment();
        RunnerConfig runner = reportFromDatabase ? runnerConfig()
                : new RunnerConfig(null, env.migrationsDir(), env.trackingTable(), migrationClassLoader(),
                        javaMigrationsPackage, null, env.includeScope());
        getLog().info(runner.database() == null ? "Report of environment " + env.name() + " from its files alone"
                : "Report of " + runner.database().describe() + " (read only)");
        Path page = ReportService.write(ReportRequest.of(env, runner, buildDirectory.toPath().resolve("confiture")), dir,
                getLog()::info);
        getLog().info("Report written to " + page);
        return page;
    }

    // ---------------------------------------------------------------- MavenReport, for mvn site

    @Override
    public void generate(Sink sink, Locale locale) throws MavenReportException {
        if (skip) {
            return;
        }
        File site = getReportOutputDirectory();
        try {
            resolveEmbeddedBinariesAtRunTime();
            write(site.toPath().resolve("confiture"));
        } catch (MojoExecutionException | ConfitureException e) {
            throw new MavenReportException("confiture:report could not write the report: " + e.getMessage(), e);
        }
    }

    @Override
    public String getOutputName() {
        return "confiture/index";
    }

    @Override
    public String getCategoryName() {
        return CATEGORY_PROJECT_REPORTS;
    }

    @Override
    public String getName(Locale locale) {
        return "Confiture";
    }

    @Override
    public String getDescription(Locale locale) {
        return "Database migrations: history, pending changes, checks and the schema as an ER diagram.";
    }

    @Override
    public void setReportOutputDirectory(File directory) {
        this.siteDirectory = directory;
    }

    @Override
    public File getReportOutputDirectory() {
        return siteDirectory != null ? siteDirectory : new File(buildDirectory, "site");
    }

    @Override
    public boolean isExternalReport() {
        return true;
    }

    @Override
    public boolean canGenerateReport() {
        return configFile != null || (basedir != null && new File(basedir, "db").isDirectory());
    }
}
