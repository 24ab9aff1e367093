package dev.confiture.maven;

import java.io.File;
import java.io.UncheckedIOException;
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
import dev.confiture.runner.migration.MigrationLocation;
import dev.confiture.runner.migration.MigrationLocations;
import dev.confiture.model.config.PostgresVersion;
import dev.confiture.runner.embedded.EmbeddedPlatform;
import dev.confiture.runner.embedded.EmbeddedPostgresServer;
import dev.confiture.runner.embedded.EmbeddedVersions;
import dev.confiture.runner.embedded.BinariesLocator;
import dev.confiture.runner.embedded.PostgresBinaries;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.eclipse.aether.RepositorySystem;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;

/**
 * The parameters every goal shares (docs/configuration.md), read once here so that each Mojo is a
 * few lines over one service call. Subclasses implement {@link #run()}; skipping and turning
 * library errors into Maven's two failure kinds happen here.
 */
public abstract class AbstractConfitureMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    /**
     * The environment to work on: its settings are read from db/environments/ENV.yaml, ENV being this
     * value (local, test, production ...).
     */
    @Parameter(property = "confiture.env", defaultValue = "local")
    protected String env;

    /** An environment file to read instead of db/environments/ENV.yaml (a path relative to the project). */
    @Parameter(property = "confiture.configFile")
    protected File configFile;

    /**
     * The database user to connect as, instead of the environment's. The database itself and the
     * password come from -Dconfiture.url=jdbc:postgresql://host:5432/db (or postgresql://...) and
     * -Dconfiture.password=..., else the CONFITURE_DATABASE_URL variable, else the environment file;
     * these two are read as properties (or as url and password elements of the plugin's configuration),
     * not as parameters, so that mvn -X never prints them.
     */
    @Parameter(property = "confiture.user")
    protected String user;

    /**
     * The id of a server entry in Maven's settings.xml whose username and password (encrypted or not)
     * are used to connect.
     */
    @Parameter(property = "confiture.serverId")
    protected String serverId;

    /** Skip this goal (and every other Confiture goal of the build). */
    @Parameter(property = "confiture.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * The report format: text (lines in the build log) or json (one JSON document with snake_case keys,
     * printed alone on standard output, so mvn -q ... gives valid JSON).
     */
    @Parameter(property = "confiture.format", defaultValue = "text")
    protected String format;

    /** A file to write the report to, in the chosen format, as well as the build log. */
    @Parameter(property = "confiture.output")
    protected File output;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    protected File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    protected File buildDirectory;

    /**
     * The Java package holding Java migrations (classes named like V3__Seed_admin) on the project's runtime
     * class path; no Java migrations are looked for when unset.
     */
    @Parameter(property = "confiture.javaMigrationsPackage")
    protected String javaMigrationsPackage;

    /**
     * Seconds to wait for another runner's migration lock on the same database before failing; the
     * failure names the session that holds it.
     */
    @Parameter(property = "confiture.lockTimeout", defaultValue = "30")
    protected int lockTimeout;

    /**
     * Minutes the project's embedded PostgreSQL (database: embedded: true) keeps running after the last
     * goal used it, so that the next mvn run finds it started; 0 stops it when the build ends.
     */
    @Parameter(property = "confiture.embeddedIdleMinutes", defaultValue = "10")
    protected int embeddedIdleMinutes;

    /**
     * Whether the project's embedded PostgreSQL ({@code target/confiture/postgres}) writes its data
     * to disk safely (fsync). On by default: it holds data you keep. {@code false} trades surviving
     * a power cut or a machine crash for faster writes; it applies when the server starts (see
     * docs/configuration.md). Scratch servers always run with fsync off.
     */
    @Parameter(property = "confiture.embeddedFsync", defaultValue = "true")
    protected boolean embeddedFsync;

    /**
     * Session settings for every session that runs migrations, as {@code name=value} pairs separated by
     * commas (e.g. {@code lock_timeout=5s,statement_timeout=15min,role=app_owner}); each overrides the
     * environment file's {@code session_settings:} entry of the same name. See docs/configuration.md.
     */
    @Parameter(property = "confiture.sessionSettings")
    protected String sessionSettings;

    /**
     * Where SQL migrations are read from, a comma list of folders (relative to the project) and
     * classpath: locations found in the project's compile class path, such as a jar of shared
     * migrations: db/migrations,classpath:db/shared. All are applied in one version order; one version
     * in two locations is an error naming both. Overrides the environment's locations: list; the
     * migrations folder (migrations_dir) alone when neither is set. Read by migrate, status, rollback,
     * baseline and build; generate writes to, and validate reads, the migrations folder.
     */
    @Parameter(property = "confiture.locations")
    protected String locations;

    /**
     * The embedded PostgreSQL's version (database: embedded: true, and the scratch server of shadow
     * diffs and verify): a major version from 12 to 18, which runs the binaries pinned for it, or a full
     * version of zonky's binaries (e.g. 15.13.0). Overrides the environment's postgres_version:; 17 when
     * neither is set. Each major keeps its own data folder (target/confiture/postgres-MAJOR, the default
     * major's is target/confiture/postgres).
     */
    @Parameter(property = "confiture.postgresVersion")
    protected String postgresVersion;

    @Component
    protected SettingsDecrypter settingsDecrypter;

    @Component
    protected RepositorySystem repositorySystem;

    /** Resolves the project's class path when Java migrations or classpath: locations need it ({@link ProjectClassPath}). */
    @Component
    private ProjectDependenciesResolver dependenciesResolver;

    private Environment environment;
    private DatabaseSettings database;
    private EmbeddedPostgresServer embeddedServer;
    private ClassLoader migrationClassLoader;
    /** The compile class path of classpath: locations, resolved on first use. */
    private List<Path> compileClassPath;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping confiture (confiture.skip=true)");
            return;
        }
        try {
            resolveEmbeddedBinariesAtRunTime();
            askedPostgresVersion(); // a bad -Dconfiture.postgresVersion fails every goal, not only those that start a server
            run();
        } catch (ConfitureException e) {
            fail(e);
        } catch (UncheckedIOException e) {
            fail(new ConfitureException("IO_ERROR", e.getMessage() + ": " + e.getCause().getMessage(), e));
        }
    }

    /** Reports a library error, then fails as Maven's kinds say: a finding fails the build, anything else could not run. */
    private void fail(ConfitureException e) throws MojoExecutionException, MojoFailureException {
        reportFailure(e);
        if (e.isFinding()) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        throw new MojoExecutionException(e.getMessage(), e);
    }

    /**
     * The goal's work. A library error ({@link ConfitureException}) is left to propagate: it is
     * caught once, in {@link #execute()}, reported (as JSON with {@code confiture.format=json}) and
     * turned into Maven's failure kinds there.
     */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /**
     * Where this goal always writes its JSON report besides {@code confiture.output}
     * ({@code target/confiture/<goal>.json}), or null when it writes none. A failing goal writes its
     * error document there too, so CI reads one file whatever happened.
     */
    protected File reportFile() {
        return null;
    }

    /**
     * With {@code confiture.format=json}, a failing goal's document: the goal and an {@code error}
     * object (code, message, file, line), printed alone on standard output and written wherever the
     * goal's report would have gone ({@code confiture.output}, {@link #reportFile()}).
     */
    private void reportFailure(ConfitureException e) throws MojoExecutionException {
        if (!jsonFormat()) {
            return;
        }
        String goal = mojoExecution == null ? null : mojoExecution.getGoal();
        FailureReport report = FailureReport.of(goal, e, basedir == null ? null : basedir.toPath());
        String json = ReportPublisher.toJson(report);
        ReportPublisher.write(reportFile(), json + System.lineSeparator(), getLog());
        ReportPublisher.publish(report, List.of(), true, output, getLog());
    }

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

    /** As {@link #publish(Object, java.util.List)}, formatting the text only when it is shown or written. */
    protected void publish(Object report, java.util.function.Supplier<java.util.List<String>> textLines)
            throws MojoExecutionException {
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
            String version = embeddedVersion();
            Path dataDir = buildDirectory.toPath().resolve("confiture").resolve(EmbeddedPostgresServer.dataFolderName(version));
            embeddedServer = EmbeddedPostgresServer.project(dataDir, version, embeddedIdleMinutes, embeddedFsync,
                    getLog()::info);
            embeddedServer.describe(basedir.toPath()).ifPresent(getLog()::info);
            database = embeddedServer.database("confiture_" + environment().name());
        }
        return database;
    }

    /** The database {@link #database()} resolved, null when it has not or could not. */
    protected DatabaseSettings resolvedDatabase() {
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
            EmbeddedPostgresServer.useScratchVersion(embeddedVersion());
            database();
        } catch (MojoExecutionException | RuntimeException e) {
            if (e instanceof ConfitureException c && c.code().startsWith("EMBEDDED_")) {
                // The project's server exists but cannot be used (a full disk, a frozen server): the goal
                // goes on with a throwaway server, and says why, since the next goal that needs the
                // project's database will fail the same way.
                getLog().warn("The project's embedded PostgreSQL cannot host this goal's scratch databases, which"
                        + " go to a throwaway server instead: " + e.getMessage());
            } else {
                getLog().debug("No project database to host scratch databases: " + e.getMessage());
            }
        }
    }

    /**
     * The embedded PostgreSQL's full version: {@code confiture.postgresVersion}, else the environment's
     * {@code postgres_version:}, else the default; a bad property value fails naming the property.
     */
    protected String embeddedVersion() {
        PostgresVersion asked = askedPostgresVersion();
        return EmbeddedVersions.resolve(asked != null ? asked : environment().postgresVersion());
    }

    /** {@code confiture.postgresVersion}, null when unset; an error naming the property when it is not a version. */
    private PostgresVersion askedPostgresVersion() {
        if (postgresVersion == null || postgresVersion.isBlank()) {
            return null;
        }
        try {
            return PostgresVersion.parse(postgresVersion);
        } catch (IllegalArgumentException e) {
            throw new ConfitureException("CONFIG_INVALID_VALUE", "-Dconfiture.postgresVersion=" + postgresVersion.strip()
                    + ": " + e.getMessage() + ".");
        }
    }

    /**
     * From now on, the embedded PostgreSQL's binaries come from Maven's resolver: only a goal that
     * starts an embedded server asks for their jar.
     */
    protected void resolveEmbeddedBinariesAtRunTime() {
        if (repositorySystem != null && session != null && project != null) {
            PostgresBinaries.useLocator(new BinariesLocator() {
                @Override
                public Path jar(String artifactId, String version) {
                    return embeddedBinaries(artifactId, version);
                }

                @Override
                public void beforeUnpacking() {
                    loadAtRunTime(RuntimeArtifacts.TXZ);
                    loadAtRunTime(RuntimeArtifacts.XZ);
                }

                @Override
                public void machineSetup(String step) {
                    getLog().info(step);
                }
            });
        }
    }

    /** The jar of zonky's binaries for this machine, resolved as Maven resolves dependencies. */
    private Path embeddedBinaries(String artifactId, String version) {
        return runtimeArtifacts().resolve(EmbeddedPlatform.GROUP_ID + ":" + artifactId + ":" + version,
                "the embedded PostgreSQL " + version + " for this machine");
    }

    private RuntimeArtifacts runtimeArtifacts() {
        return new RuntimeArtifacts(repositorySystem, session.getRepositorySession(),
                RuntimeArtifacts.merge(project.getRemoteProjectRepositories(), project.getRemotePluginRepositories()));
    }

    /**
     * Makes a library the plugin does not carry ({@link RuntimeArtifacts#JGIT}, {@link RuntimeArtifacts#ELK}, ...)
     * loadable, resolving it on first use; call it before the code that uses the library.
     */
    protected void loadAtRunTime(String library) {
        ClassRealm realm = null;
        java.util.Set<String> present = new java.util.HashSet<>();
        if (mojoExecution != null && mojoExecution.getMojoDescriptor() != null) {
            var plugin = mojoExecution.getMojoDescriptor().getPluginDescriptor();
            realm = plugin.getClassRealm();
            if (plugin.getArtifacts() != null) {
                plugin.getArtifacts().forEach(a -> present.add(a.getGroupId() + ":" + a.getArtifactId()));
            }
        }
        if (realm == null && getClass().getClassLoader() instanceof ClassRealm own) {
            realm = own;
        }
        if (realm == null) {
            // Not run by Maven (a test's class path already holds everything).
            return;
        }
        runtimeArtifacts().addToRealm(library, realm, present);
    }

    /** {@code confiture.password}, else the POM's {@code <password>}: see {@link SecretParameters}. */
    protected String password() {
        return secret(SecretParameters.PASSWORD);
    }

    /** {@code confiture.url}, else the POM's {@code <url>}: see {@link SecretParameters}. */
    protected String urlProperty() {
        return secret(SecretParameters.URL);
    }

    /**
     * A parameter that may carry a secret ({@link SecretParameters#NAMES}), read without Maven
     * binding (and so printing) it: {@code confiture.<name>} from the user, system or project
     * properties, else the POM's {@code <name>} element, evaluated as Maven evaluates parameters.
     */
    protected String secret(String name) {
        Xpp3Dom configuration = SecretParameters.pomConfiguration(project, mojoExecution);
        return SecretParameters.read(name, session == null ? null : session.getUserProperties(),
                session == null ? null : session.getSystemProperties(), project == null ? null : project.getProperties(),
                configuration, this::evaluate);
    }

    private String evaluate(String expression) {
        if (session == null || mojoExecution == null || !expression.contains("${")) {
            return expression;
        }
        try {
            Object value = new PluginParameterExpressionEvaluator(session, mojoExecution).evaluate(expression);
            return value == null ? null : value.toString();
        } catch (ExpressionEvaluationException e) {
            // The message would quote the expression's value: say only which element could not be read.
            throw new ConfitureException("POM_EXPRESSION_INVALID", "A secret-bearing element of the plugin's <configuration>"
                    + " holds an expression Maven cannot evaluate; use ${env.NAME} or a property.");
        }
    }

    protected Server serverCredentials(String id) {
        Server server = session.getSettings().getServer(id);
        if (server == null) {
            List<String> known = new ArrayList<>();
            session.getSettings().getServers().forEach(s -> known.add(s.getId()));
            throw new ConfitureException("SETTINGS_SERVER_UNKNOWN", "confiture.serverId=" + id + ": settings.xml has no <server> with that id"
                    + (known.isEmpty() ? " (it has no servers)" : " (known: " + String.join(", ", known) + ")")
                    + ". Add <server><id>" + id + "</id><username>...</username><password>...</password></server>"
                    + " to ~/.m2/settings.xml.");
        }
        SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                // The problem's message names the server, never the password.
                throw new ConfitureException("SETTINGS_DECRYPT_FAILED", "Could not decrypt the password of <server> " + id
                        + " in settings.xml: " + problem.getMessage());
            }
        }
        return result.getServer();
    }

    /**
     * Where Java migrations are loaded from: the project's runtime class path (its compiled classes
     * and runtime dependencies) over the plugin's class loader, so that they see the plugin's
     * {@code Migration} interface. Null when {@code confiture.javaMigrationsPackage} is not set; only
     * then are the project's dependencies resolved ({@link ProjectClassPath}).
     */
    protected ClassLoader migrationClassLoader() throws MojoExecutionException {
        if (javaMigrationsPackage == null || javaMigrationsPackage.isBlank()) {
            return null;
        }
        if (migrationClassLoader == null) {
            try {
                List<URL> urls = new ArrayList<>();
                for (Path element : ProjectClassPath.resolve(dependenciesResolver, project, session,
                        ProjectClassPath.Scope.RUNTIME, "the Java migrations of " + javaMigrationsPackage)) {
                    urls.add(element.toUri().toURL());
                }
                migrationClassLoader = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("Could not build the class path for Java migrations: " + e.getMessage(), e);
            }
        }
        return migrationClassLoader;
    }

    /**
     * What the migration runner needs for this goal: database, migrations folder and locations, tracking
     * table, Java migrations, lock timeout.
     */
    protected RunnerConfig runnerConfig() throws MojoExecutionException {
        return runnerConfig(database());
    }

    /** {@link #runnerConfig()} for another database: a fleet target's, which it replaces. */
    protected RunnerConfig runnerConfig(DatabaseSettings on) throws MojoExecutionException {
        Environment e = environment();
        return new RunnerConfig(on, e.migrationsDir(), e.trackingTable(), migrationClassLoader(),
                javaMigrationsPackage, Duration.ofSeconds(Math.max(0, lockTimeout)), e.includeScope(), runSettings(),
                migrationLocations());
    }

    /**
     * Placeholders, session settings and callbacks: the environment's, with the command line's on top
     * ({@code -Dconfiture.placeholders.<name>=<value>}, also as a POM property, wins over {@code placeholders:}).
     */
    protected dev.confiture.runner.RunSettings runSettings() {
        return runSettings(environment());
    }

    /** {@link #runSettings()} of {@code env} (validate's, read without its database settings). */
    protected dev.confiture.runner.RunSettings runSettings(Environment env) {
        List<java.util.Properties> properties = new ArrayList<>();
        if (session != null) {
            properties.add(session.getUserProperties());
            properties.add(session.getSystemProperties());
        }
        if (project != null) {
            properties.add(project.getProperties());
        }
        return RunSettingsParameters.of(env, properties, sessionSettings);
    }

    /**
     * The placeholders of a goal that reads migrations without running them on the environment's
     * database ({@code validate}, {@code diff}): the environment's and the command line's, and
     * {@code ${confiture:env}}. {@code ${confiture:database}} and {@code ${confiture:user}} stay as
     * written: no session on the environment's database tells their values.
     */
    protected dev.confiture.sql.Placeholders readingPlaceholders(Environment env) {
        return runSettings(env).placeholders().withBuiltIns(env.name(), null, null);
    }

    /**
     * {@code confiture.locations}, else the environment's {@code locations:}, resolved against the project
     * and its compile class path; empty (the migrations folder alone) when neither is set. The project's
     * dependencies are resolved only when a location is a {@code classpath:} one ({@link ProjectClassPath}).
     */
    protected List<MigrationLocation> migrationLocations() throws MojoExecutionException {
        List<String> specs = locations != null && !locations.isBlank()
                ? java.util.Arrays.stream(locations.split(",")).map(String::strip).filter(l -> !l.isEmpty()).toList()
                : environment().locations();
        if (specs.isEmpty()) {
            return List.of();
        }
        List<Path> classPath = List.of();
        if (specs.stream().anyMatch(l -> l.startsWith(MigrationLocation.CLASSPATH_PREFIX))) {
            if (compileClassPath == null) {
                compileClassPath = ProjectClassPath.resolve(dependenciesResolver, project, session,
                        ProjectClassPath.Scope.COMPILE, "the classpath: locations");
            }
            classPath = compileClassPath;
        }
        List<MigrationLocation> resolved = MigrationLocations.resolve(specs, basedir.toPath(), classPath);
        resolved.stream().filter(MigrationLocation::classpath).forEach(l -> getLog().debug("Migrations from " + l.spec()
                + ": " + MigrationLocation.display(l.root())));
        return resolved;
    }
}
