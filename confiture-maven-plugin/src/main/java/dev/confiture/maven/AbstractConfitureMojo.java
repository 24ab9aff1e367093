package dev.confiture.maven;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.ConnectionResolver;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.config.Environment;
import dev.confiture.model.config.EnvironmentLoader;
import dev.confiture.runner.RunnerConfig;
import dev.confiture.runner.embedded.EmbeddedPostgresServer;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

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

    /**
     * Overrides the environment's database (JDBC or postgresql:// URL). On the command line
     * ({@code -Dconfiture.url}) it is read from the session in {@link #urlProperty()} rather than
     * bound here, because {@code mvn -X} prints bound values and a URL may carry a password.
     */
    @Parameter
    protected String url;

    @Parameter(property = "confiture.user")
    protected String user;

    /**
     * The password. Deliberately not a parameter bound to {@code confiture.password}: Maven's debug
     * output ({@code mvn -X}) prints every parameter's value, so the property is read from the
     * session in {@link #password()} instead. Prefer {@code serverId} (settings.xml, encryptable).
     */
    @Parameter
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

    /** The package holding Java migrations on the project's runtime class path; none when unset. */
    @Parameter(property = "confiture.javaMigrationsPackage")
    protected String javaMigrationsPackage;

    /** Seconds to wait for another runner's migration lock before failing (naming the holder). */
    @Parameter(property = "confiture.lockTimeout", defaultValue = "30")
    protected int lockTimeout;

    /**
     * Minutes the project's embedded PostgreSQL keeps running after the last goal used it, so that the
     * next {@code mvn} run finds it started; 0 stops it when the build ends.
     */
    @Parameter(property = "confiture.embeddedIdleMinutes", defaultValue = "10")
    protected int embeddedIdleMinutes;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    private Environment environment;
    private DatabaseSettings database;
    private EmbeddedPostgresServer embeddedServer;
    private ClassLoader migrationClassLoader;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping confiture (confiture.skip=true)");
            return;
        }
        run();
    }

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /**
     * For the goals bound to a lifecycle phase (validate, verify) and declared once in a parent POM:
     * a module with no {@code db/} folder and no {@code confiture.configFile} (the parent itself, an
     * API jar) has nothing to check, so the goal says so and does nothing.
     */
    protected boolean nothingToCheck(String goal) {
        if (configFile == null && !java.nio.file.Files.isDirectory(basedir.toPath().resolve("db"))) {
            getLog().info("No db/ folder in " + project.getArtifactId() + ": nothing to " + goal);
            return true;
        }
        return false;
    }

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

    /**
     * The environment ({@code confiture.env}, or {@code confiture.configFile}) read from the
     * project, with variables substituted from the process environment. Loaded once per goal.
     */
    protected Environment environment() {
        if (environment == null) {
            environment = EnvironmentLoader.load(basedir.toPath(), env, configFile == null ? null : configFile.toPath(),
                    System.getenv());
        }
        return environment;
    }

    /**
     * The database to work on: {@code confiture.url} > {@code CONFITURE_DATABASE_URL} > the
     * environment file; credentials from {@code confiture.user}/{@code confiture.password}, else the
     * settings.xml {@code <server>} named by {@code confiture.serverId} (decrypted as Maven does),
     * else the URL/file. {@code database: { embedded: true }} starts (or reuses) the plugin's own
     * PostgreSQL with its data under {@code target/confiture/postgres}.
     */
    protected DatabaseSettings database() throws MojoExecutionException {
        if (database != null) {
            return database;
        }
        String userOverride = user;
        String passwordOverride = password();
        if (serverId != null && !serverId.isBlank()) {
            Server server = serverCredentials(serverId.trim());
            if (userOverride == null) {
                userOverride = server.getUsername();
            }
            if (passwordOverride == null) {
                passwordOverride = server.getPassword();
            }
        }
        Optional<DatabaseSettings> resolved = ConnectionResolver.resolve(environment(), urlProperty(), userOverride,
                passwordOverride, System.getenv());
        if (resolved.isPresent()) {
            database = resolved.get();
        } else {
            Path dataDir = buildDirectory.toPath().resolve("confiture").resolve("postgres");
            embeddedServer = EmbeddedPostgresServer.project(dataDir, embeddedIdleMinutes, getLog()::info);
            embeddedServer.describe(basedir.toPath()).ifPresent(getLog()::info);
            database = embeddedServer.database("confiture_" + environment().name());
        }
        return database;
    }

    /** The project's embedded PostgreSQL once {@link #database()} chose it; null when the database is elsewhere. */
    protected EmbeddedPostgresServer embeddedServer() {
        return embeddedServer;
    }

    /**
     * Before a goal makes scratch databases (shadow diff, verify): when the environment uses the
     * embedded PostgreSQL, attach its server now, so that the scratch databases go on it and the build
     * runs one server, not two. An environment that cannot be resolved is reported where the goal
     * needs its database, not here.
     */
    protected void shareEmbeddedServerWithScratch() {
        try {
            database();
        } catch (MojoExecutionException | RuntimeException e) {
            getLog().debug("No project database to host scratch databases: " + e.getMessage());
        }
    }

    /** {@code confiture.password} from the command line or user/system properties, else the POM's {@code <password>}. */
    protected String password() {
        String fromSession = property("confiture.password");
        return fromSession != null ? fromSession : password;
    }

    /** {@code confiture.url} from the command line or user/system properties, else the POM's {@code <url>}. */
    protected String urlProperty() {
        String fromSession = property("confiture.url");
        return fromSession != null ? fromSession : url;
    }

    protected String property(String name) {
        if (session == null) {
            return null;
        }
        String value = session.getUserProperties().getProperty(name);
        if (value == null) {
            value = session.getSystemProperties().getProperty(name);
        }
        return value;
    }

    protected Server serverCredentials(String id) throws MojoExecutionException {
        Server server = session.getSettings().getServer(id);
        if (server == null) {
            List<String> known = new ArrayList<>();
            session.getSettings().getServers().forEach(s -> known.add(s.getId()));
            throw new MojoExecutionException("confiture.serverId=" + id + ": settings.xml has no <server> with that id"
                    + (known.isEmpty() ? " (it has no servers)" : " (known: " + String.join(", ", known) + ")")
                    + ". Add <server><id>" + id + "</id><username>...</username><password>...</password></server>"
                    + " to ~/.m2/settings.xml.");
        }
        SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                // The problem's message names the server, never the password.
                throw new MojoExecutionException("Could not decrypt the password of <server> " + id
                        + " in settings.xml: " + problem.getMessage());
            }
        }
        return result.getServer();
    }

    /**
     * Where Java migrations are loaded from: the project's runtime class path (its compiled classes
     * and runtime dependencies) over the plugin's class loader, so that they see the plugin's
     * {@code Migration} interface. Null when {@code confiture.javaMigrationsPackage} is not set.
     * Goals that use it declare {@code requiresDependencyResolution = ResolutionScope.RUNTIME}.
     */
    protected ClassLoader migrationClassLoader() throws MojoExecutionException {
        if (javaMigrationsPackage == null || javaMigrationsPackage.isBlank()) {
            return null;
        }
        if (migrationClassLoader == null) {
            try {
                List<URL> urls = new ArrayList<>();
                for (String element : project.getRuntimeClasspathElements()) {
                    urls.add(new File(element).toURI().toURL());
                }
                migrationClassLoader = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
            } catch (DependencyResolutionRequiredException | MalformedURLException e) {
                throw new MojoExecutionException("Could not build the class path for Java migrations: " + e.getMessage(), e);
            }
        }
        return migrationClassLoader;
    }

    /** What the migration runner needs for this goal: database, migrations folder, tracking table, Java migrations, lock timeout. */
    protected RunnerConfig runnerConfig() throws MojoExecutionException {
        Environment e = environment();
        return new RunnerConfig(database(), e.migrationsDir(), e.trackingTable(), migrationClassLoader(),
                javaMigrationsPackage, Duration.ofSeconds(Math.max(0, lockTimeout)));
    }

    /** Turns a library error into Maven's failure kinds: a finding fails the build, anything else could not run. */
    protected org.apache.maven.plugin.AbstractMojoExecutionException translate(dev.confiture.model.ConfitureException e) {
        if (e.isFinding()) {
            return new MojoFailureException(e.getMessage(), e);
        }
        return new MojoExecutionException(e.getMessage(), e);
    }
}
