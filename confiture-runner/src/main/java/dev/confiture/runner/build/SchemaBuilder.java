package dev.confiture.runner.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.confiture.jdbc.Connections;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.model.files.SqlFiles;
import dev.confiture.model.files.Utf8Text;
import dev.confiture.runner.RunnerConfig;
import dev.confiture.runner.build.UserObjects.UserObject;
import dev.confiture.runner.db.MigrationLock;
import dev.confiture.runner.db.TrackingTable;
import dev.confiture.runner.migration.MigrationDiscovery;
import dev.confiture.runner.migration.RepeatableMigration;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.migration.SqlMigrationFiles;
import dev.confiture.runner.report.RunnerText;

/**
 * {@code confiture:build}: concatenates an environment's includes into one deterministic script
 * and applies it, in one transaction, to an empty database (or one it recreates), then records
 * every migration on disk as applied, so that {@code migrate} starts from there.
 */
public final class SchemaBuilder {

    private static final int LISTED_OBJECTS = 15;

    /**
     * What to build. {@code includes} are the environment's includes in order (files or folders),
     * {@code seedIncludes} those of them that are seed includes. {@code runner} says where the
     * database, the migrations and the tracking table are; it may be null when {@code apply} is false.
     * {@code includeScope} bounds where the files may come from (the environment's {@code includeScope()}).
     */
    public record Request(String environment, Path projectDir, List<Path> includes, List<Path> seedIncludes,
                          boolean schemaOnly, Path outputFile, boolean apply, RunnerConfig runner,
                          boolean recreate, boolean protectedEnvironment, IncludeScope includeScope) {
        public Request {
            includes = List.copyOf(includes);
            seedIncludes = List.copyOf(seedIncludes);
        }

        /** Files from inside {@code projectDir} only. */
        public Request(String environment, Path projectDir, List<Path> includes, List<Path> seedIncludes,
                       boolean schemaOnly, Path outputFile, boolean apply, RunnerConfig runner,
                       boolean recreate, boolean protectedEnvironment) {
            this(environment, projectDir, includes, seedIncludes, schemaOnly, outputFile, apply, runner, recreate,
                    protectedEnvironment, IncludeScope.within(projectDir));
        }
    }

    /** What a build did. {@code database} is a log-safe description (no password), null when not applied. */
    public record Result(String environment, Path outputFile, String sha256, int files, int seedFiles,
                         int statements, boolean applied, boolean recreated, String database,
                         List<String> baselined, long applyMillis) {

        /** The report of {@code confiture:build} (JSON), paths relative to {@code base}. */
        public Map<String, Object> toReport(Path base) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("environment", environment);
            Path abs = outputFile.toAbsolutePath().normalize();
            Path b = base.toAbsolutePath().normalize();
            r.put("file", (abs.startsWith(b) ? b.relativize(abs) : abs).toString().replace('\\', '/'));
            r.put("sha256", sha256);
            r.put("files", files);
            r.put("seed_files", seedFiles);
            r.put("statements", statements);
            r.put("applied", applied);
            r.put("recreated", recreated);
            r.put("database", database);
            r.put("baselined", baselined);
            r.put("apply_ms", applyMillis);
            return r;
        }
    }

    private final Consumer<String> log;

    /** {@code log} receives progress lines (recreating, applying ...). */
    public SchemaBuilder(Consumer<String> log) {
        this.log = log;
    }

    public Result build(Request request) {
        if (request.apply() && request.recreate() && request.protectedEnvironment()) {
            throw new ConfitureException("BUILD_PROTECTED", "Environment '" + request.environment()
                    + "' is protected (protected: true in its YAML): confiture.recreate=true would drop its database."
                    + " Nothing was changed.", null, 0, true, null);
        }
        if (request.apply() && (request.runner() == null || request.runner().database() == null)) {
            throw new ConfitureException("BUILD_NO_DATABASE", "Environment '" + request.environment()
                    + "' has no database to build into; configure one, or pass -Dconfiture.apply=false to only write "
                    + request.outputFile() + ".");
        }
        SchemaScript script = compose(request);
        write(script, request.outputFile());
        List<MappedStatement> statements = script.statements();
        int seeds = (int) script.sources().stream().filter(BuildSource::seed).count();
        if (!request.apply()) {
            return new Result(request.environment(), request.outputFile(), script.sha256(), script.sources().size(),
                    seeds, statements.size(), false, false, null, List.of(), 0);
        }
        ScriptApplier.refuseTransactionControl(statements);
        List<String> skipped = script.skippedMetaCommands();
        if (!skipped.isEmpty()) {
            // psql would run them; over JDBC they cannot run, so say which lines are left out.
            log.accept("Skipping " + skipped.size() + " psql meta-command line(s), which are not SQL: "
                    + String.join(", ", skipped));
        }
        RunnerConfig runner = request.runner();
        DatabaseSettings database = runner.database();
        // Read the migrations before touching the database: a broken migrations folder changes nothing.
        List<ResolvedMigration> migrations = MigrationDiscovery.discover(runner.sqlLocations(),
                runner.includeScope() != null ? runner.includeScope() : request.includeScope(),
                runner.javaClassLoader(), runner.javaPackage());
        List<RepeatableMigration> repeatables = SqlMigrationFiles.repeatables(runner.sqlLocations(),
                runner.includeScope() != null ? runner.includeScope() : request.includeScope());
        log.accept(RunnerText.targetLine(database));
        boolean recreated = false;
        if (request.recreate()) {
            log.accept("Recreating database " + DatabaseRecreator.databaseName(database) + " (confiture.recreate=true)");
            DatabaseRecreator.recreate(database);
            recreated = true;
        }
        long start = System.nanoTime();
        List<String> baselined;
        TrackingTable tracking = new TrackingTable(runner.trackingTable());
        // The migration lock keeps a concurrent migrate from running while the schema goes in; the
        // schema goes in on the lock's own session, so ending that session ends the build too.
        try (MigrationLock lock = MigrationLock.acquire(openForBuild(database), tracking.name(),
                runner.lockTimeout(), holder -> log.accept(RunnerText.waitingLine(holder)))) {
            baselined = applyInOneTransaction(lock.connection(), request, script, statements, database, tracking, migrations,
                    repeatables);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Result(request.environment(), request.outputFile(), script.sha256(), script.sources().size(), seeds,
                statements.size(), true, recreated, database.describe(), baselined, millis);
    }

    private List<String> applyInOneTransaction(Connection connection, Request request, SchemaScript script,
                                               List<MappedStatement> statements, DatabaseSettings database,
                                               TrackingTable configuredTracking, List<ResolvedMigration> migrations,
                                               List<RepeatableMigration> repeatables) {
        try {
            // Pinned before the schema runs: a schema from pg_dump empties the search_path.
            TrackingTable tracking = configuredTracking.resolve(connection);
            refuseUserObjects(connection, request, database, tracking);
            // The tracking table is created (and committed) up front, as the runner always does;
            // if the build then fails, a table this build created is dropped again.
            boolean anyMigration = !migrations.isEmpty() || !repeatables.isEmpty();
            boolean createdTracking = anyMigration && !tracking.exists(connection);
            if (anyMigration) {
                tracking.ensureExists(connection);
            }
            connection.setAutoCommit(false);
            try {
                log.accept("Applying " + statements.size() + " statements from " + script.sources().size()
                        + " files to " + database.describe() + " in one transaction");
                ScriptApplier.apply(connection, statements, request.outputFile().getFileName().toString());
                List<String> baselined = new ArrayList<>();
                for (ResolvedMigration m : migrations) {
                    tracking.recordBaseline(connection, m.version().text(), m.name(), m.checksum(), m.upChecksum());
                    baselined.add(m.version().text());
                }
                // The schema files hold the end state, views and functions included: what the repeatables make.
                for (RepeatableMigration r : repeatables) {
                    tracking.recordRepeatable(connection, r.key(), r.name(), r.checksum(), 0);
                    baselined.add(r.key());
                }
                connection.commit();
                return baselined;
            } catch (RuntimeException | SQLException e) {
                rollbackQuietly(connection);
                if (createdTracking) {
                    dropQuietly(connection, tracking);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new ConfitureException("BUILD_APPLY_FAILED", "Could not apply the schema to " + database.describe()
                    + ": " + Connections.scrub(e.getMessage(), database) + " Nothing was applied.", null, 0, false, null);
        }
    }

    /** The build's connection; a missing database is the build's own error, since the build can create it. */
    private static Connection openForBuild(DatabaseSettings database) {
        try {
            return Connections.connect(database);
        } catch (SQLException e) {
            if (Connections.isMissingDatabase(e)) {
                throw new ConfitureException("BUILD_DATABASE_MISSING", "Could not connect to " + database.describe()
                        + ": " + Connections.scrub(e.getMessage(), database) + ". Create it, or run the build with"
                        + " -Dconfiture.recreate=true to have it created.", null, 0, false, null);
            }
            throw Connections.failure(database, e);
        }
    }

    private static void dropQuietly(Connection connection, TrackingTable tracking) {
        try (Statement st = connection.createStatement()) {
            connection.setAutoCommit(true);
            st.execute("DROP TABLE IF EXISTS " + tracking.qualifiedName().sql());
        } catch (SQLException ignored) {
            // best effort: an empty tracking table does not count as a user object anyway
        }
    }

    private void refuseUserObjects(Connection connection, Request request, DatabaseSettings database,
                                   TrackingTable tracking) throws SQLException {
        List<UserObject> objects = UserObjects.list(connection, tracking.qualifiedName().sql());
        if (objects.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("Database ").append(database.describe()).append(" is not empty: it holds ")
                .append(objects.size()).append(objects.size() == 1 ? " user object" : " user objects").append(":");
        objects.stream().limit(LISTED_OBJECTS).forEach(o -> message.append("\n  ").append(o));
        if (objects.size() > LISTED_OBJECTS) {
            message.append("\n  ... and ").append(objects.size() - LISTED_OBJECTS).append(" more");
        }
        message.append("\nconfiture:build creates a database from the schema files and only applies them to an empty one.")
                .append(request.protectedEnvironment()
                        ? " Environment '" + request.environment() + "' is protected, so it cannot be recreated: use confiture:migrate."
                        : " Run it with -Dconfiture.recreate=true to drop and recreate the database, or use confiture:migrate"
                        + " to bring an existing database up to date.")
                .append(" Nothing was changed.");
        throw new ConfitureException("BUILD_DATABASE_NOT_EMPTY", message.toString(), null, 0, true, null);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next; PostgreSQL rolls back an open transaction on close anyway
        }
    }

    /** Discovers, reads and concatenates the inputs (seed includes left out when schemaOnly). */
    static SchemaScript compose(Request request) {
        List<Path> seedRoots = request.seedIncludes().stream().map(SchemaBuilder::normalize).toList();
        List<Path> includes = request.includes().stream()
                .map(SchemaBuilder::normalize)
                .filter(include -> !(request.schemaOnly() && seedRoots.contains(normalize(include))))
                .toList();
        Set<Path> files = new LinkedHashSet<>();
        for (Path file : SqlFiles.discover(includes, request.includeScope())) {
            files.add(normalize(file));
        }
        Path base = normalize(request.projectDir());
        List<BuildSource> sources = new ArrayList<>();
        for (Path file : files) {
            boolean seed = seedRoots.stream().anyMatch(file::startsWith);
            sources.add(new BuildSource(relative(base, file), file, read(file, base), seed));
        }
        return SchemaScript.compose(request.environment(), sources);
    }

    private static String relative(Path base, Path file) {
        Path rel = file.startsWith(base) ? base.relativize(file) : file;
        return rel.toString().replace('\\', '/');
    }

    private static Path normalize(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static String read(Path file, Path base) {
        try {
            return Utf8Text.decode(Files.readAllBytes(file), 0, Path.of(relative(base, file)), "BUILD_INPUT_UNREADABLE");
        } catch (IOException e) {
            throw new ConfitureException("BUILD_INPUT_UNREADABLE", "Could not read the file: " + e.getMessage(),
                    Path.of(relative(base, file)), 0, false, e);
        }
    }

    private static void write(SchemaScript script, Path outputFile) {
        try {
            if (outputFile.getParent() != null) {
                Files.createDirectories(outputFile.getParent());
            }
            Files.writeString(outputFile, script.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfitureException("BUILD_OUTPUT_FAILED", "Could not write " + outputFile + ": " + e.getMessage(), e);
        }
    }
}
