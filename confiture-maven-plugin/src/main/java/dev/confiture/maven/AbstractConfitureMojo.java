package dev.confiture.maven;

import java.io.File;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The parameters every goal shares (INTERFACE.md section 5), read once here so that each Mojo is a
 * few lines over one service call. Subclasses implement {@link #run()}; skipping and turning
 * library errors into Maven's two failure kinds happen here.
 */
public abstract class AbstractConfitureMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** The environment: {@code db/environments/<env>.yaml}. */
    @Parameter(property = "confiture.env", defaultValue = "local")
    protected String env;

    /** An explicit environment file instead of {@code db/environments/<env>.yaml}. */
    @Parameter(property = "confiture.configFile")
    protected File configFile;

    /** Overrides the environment's database (JDBC or postgresql:// URL). */
    @Parameter(property = "confiture.url")
    protected String url;

    @Parameter(property = "confiture.user")
    protected String user;

    @Parameter(property = "confiture.password")
    protected String password;

    /** A {@code <server>} id in settings.xml whose username and password are used. */
    @Parameter(property = "confiture.serverId")
    protected String serverId;

    @Parameter(property = "confiture.skip", defaultValue = "false")
    protected boolean skip;

    /** {@code text} or {@code json}. */
    @Parameter(property = "confiture.format", defaultValue = "text")
    protected String format;

    /** A file to write the report to, as well as the build log. */
    @Parameter(property = "confiture.output")
    protected File output;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    protected File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    protected File buildDirectory;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping confiture (confiture.skip=true)");
            return;
        }
        run();
    }

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** True when {@code confiture.format=json}. */
    protected boolean jsonFormat() {
        return "json".equalsIgnoreCase(format);
    }

    /**
     * Publishes a goal's report: as JSON (printed alone on standard output, so that
     * {@code mvn -q ... -Dconfiture.format=json > r.json} is valid JSON) or as text lines in the
     * build log; and in the same format to {@code confiture.output} when set.
     */
    protected void publish(Object report, java.util.List<String> textLines) throws MojoExecutionException {
        ReportPublisher.publish(report, textLines, jsonFormat(), output, getLog());
    }

    /** Turns a library error into Maven's failure kinds: a finding fails the build, anything else could not run. */
    protected org.apache.maven.plugin.AbstractMojoExecutionException translate(dev.confiture.model.ConfitureException e) {
        if (e.isFinding()) {
            return new MojoFailureException(e.getMessage(), e);
        }
        return new MojoExecutionException(e.getMessage(), e);
    }
}
