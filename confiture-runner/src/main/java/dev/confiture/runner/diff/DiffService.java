package dev.confiture.runner.diff;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.confiture.diff.Casts;
import dev.confiture.diff.DiffResult;
import dev.confiture.diff.OnlineDiff;
import dev.confiture.diff.OnlineStep;
import dev.confiture.diff.OwnObjects;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.jdbc.Connections;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.sql.Placeholders;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.NewDatabase;
import dev.confiture.sql.ddl.SqlSource;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.model.files.SqlFiles;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.runner.MigrationGenerator;
import dev.confiture.runner.catalog.CatalogReader;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.migration.SqlMigrationFiles;
import dev.confiture.runner.report.GenerateReport;
import dev.confiture.runner.shadow.ScratchDatabases;
import dev.confiture.runner.shadow.ServerCasts;
import dev.confiture.runner.shadow.ShadowDiff;
import dev.confiture.runner.shadow.SqlScript;

/**
 * The {@code diff} goal without Maven: resolves {@code from} and {@code to} (a {@code .sql} file, a
 * directory, {@code schema}, {@code migrations} or {@code database}) into models, compares them,
 * and with {@code generate} writes the next migration pair.
 */
public final class DiffService {

    public static final String SCHEMA = "schema";
    public static final String MIGRATIONS = "migrations";
    public static final String DATABASE = "database";
    public static final String SHADOW = "shadow";
    public static final String OFFLINE = "offline";

    /**
     * What to compare and how. {@code schemaIncludes}: the environment's includes without seeds;
     * {@code database}: the live environment database (for {@code database}), may be null;
     * {@code shadow}: a server for scratch databases ({@code confiture.shadowUrl}), null for the embedded one;
     * {@code placeholders}: the environment's, with which the {@code migrations} side is read, as migrate
     * runs them ({@link Placeholders#OFF} for {@code placeholderReplacement: false}).
     */
    public record Request(Path projectDir, String from, String to, List<Path> schemaIncludes, Path migrationsDir,
                          DatabaseSettings database, String mode, DatabaseSettings shadow, String trackingTable,
                          IncludeScope includeScope, Placeholders placeholders) {
        public Request {
            schemaIncludes = List.copyOf(schemaIncludes);
            if (placeholders == null) {
                placeholders = Placeholders.NONE;
            }
        }

        /** Without placeholders of the environment's (the built-ins only). */
        public Request(Path projectDir, String from, String to, List<Path> schemaIncludes, Path migrationsDir,
                       DatabaseSettings database, String mode, DatabaseSettings shadow, String trackingTable,
                       IncludeScope includeScope) {
            this(projectDir, from, to, schemaIncludes, migrationsDir, database, mode, shadow, trackingTable, includeScope,
                    null);
        }

        /** The migrations read with these placeholders. */
        public Request withPlaceholders(Placeholders values) {
            return new Request(projectDir, from, to, schemaIncludes, migrationsDir, database, mode, shadow, trackingTable,
                    includeScope, values);
        }

        /** Files from inside {@code projectDir} only. */
        public Request(Path projectDir, String from, String to, List<Path> schemaIncludes, Path migrationsDir,
                       DatabaseSettings database, String mode, DatabaseSettings shadow, String trackingTable) {
            this(projectDir, from, to, schemaIncludes, migrationsDir, database, mode, shadow, trackingTable,
                    IncludeScope.within(projectDir));
        }
    }

    /** A written migration pair. */
    public record Generated(String version, Path up, Path down) {
    }

    public DiffResult diff(Request request) {
        Models m = models(request);
        return SchemaDiff.compare(m.from(), m.to(), m.own(), m.casts());
    }

    /**
     * The diff in the online form ({@link OnlineDiff}): the changes on existing tables spread over
     * migrations that take no lock blocking reads or writes for longer than a catalog update.
     *
     * @param lockTimeout the {@code SET lock_timeout} header's value, null for {@link OnlineDiff#DEFAULT_LOCK_TIMEOUT}
     */
    public OnlineDiff.Plan diffOnline(Request request, String lockTimeout) {
        Models m = models(request);
        return OnlineDiff.plan(m.from(), m.to(), m.own(), lockTimeout);
    }

    /** Both sides, and the casts type changes may use: the servers' own in shadow mode, the built-in table offline. */
    private record Models(SchemaModel from, SchemaModel to, OwnObjects own, Casts casts) {
    }

    private Models models(Request request) {
        String mode = request.mode() == null ? SHADOW : request.mode().trim().toLowerCase(Locale.ROOT);
        if (!mode.equals(SHADOW) && !mode.equals(OFFLINE)) {
            throw new ConfitureException("DIFF_BAD_MODE", "confiture.mode must be 'shadow' or 'offline', not '"
                    + request.mode() + "'");
        }
        // the tracking table, the coordination store and scratch objects are never part of a diff
        OwnObjects own = OwnObjects.of(request.trackingTable());
        String fromSource = request.from() == null ? MIGRATIONS : request.from();
        String toSource = request.to() == null ? SCHEMA : request.to();
        if (mode.equals(OFFLINE) && !DATABASE.equals(fromSource) && !DATABASE.equals(toSource)) {
            // both sides through the DDL interpreter: no database at all
            // the environment's user, when configured, is the role migrations run as: the owner of what they create
            String role = request.database() == null ? null : request.database().user();
            return new Models(offline(scripts(request, fromSource, "confiture.from"), role),
                    offline(scripts(request, toSource, "confiture.to"), role), own, Casts.builtin());
        }
        // a live database is read through its catalog, so the other side must be too (models of one kind compare cleanly)
        CatalogReader reader = new CatalogReader(request.trackingTable());
        ShadowDiff shadow = new ShadowDiff(request.shadow() == null ? ScratchDatabases.embedded()
                : ScratchDatabases.on(request.shadow()), reader);
        // Both sides' sources are checked and their files read (placeholders replaced, an unknown one
        // refused) before any scratch database is made; then the two sides are built at the same time.
        requireDatabase(request, fromSource, "confiture.from");
        requireDatabase(request, toSource, "confiture.to");
        List<SqlScript> fromScripts = DATABASE.equals(fromSource) ? null : scripts(request, fromSource, "confiture.from");
        List<SqlScript> toScripts = DATABASE.equals(toSource) ? null : scripts(request, toSource, "confiture.to");
        ShadowDiff.Both sides = ShadowDiff.both(() -> side(request, fromScripts, shadow, reader),
                () -> side(request, toScripts, shadow, reader));
        // the casts of the servers the SQL comes from, not the built-in table offline mode uses
        return new Models(sides.from().model(), sides.to().model(), own, Casts.union(sides.from().casts(), sides.to().casts()));
    }

    /** Offline mode: the scripts applied by the DDL interpreter to what a new database holds ({@link NewDatabase}) (strict: unknown statements fail). */
    public static SchemaModel offline(List<SqlScript> scripts) {
        return offline(scripts, null);
    }

    /**
     * As {@link #offline(List)}, for scripts run by {@code role} (null: unknown): its grants to itself on what
     * the scripts create are its owner's privileges, as PostgreSQL keeps them, not grants.
     */
    public static SchemaModel offline(List<SqlScript> scripts, String role) {
        List<SqlSource> sources = scripts.stream().map(s -> new SqlSource(s.source(), s.sql())).toList();
        return new DdlInterpreter(role).interpret(NewDatabase.model(), sources);
    }

    private static void requireDatabase(Request request, String source, String property) {
        if (DATABASE.equals(source) && request.database() == null) {
            throw new ConfitureException("DIFF_NO_DATABASE", property + "=database needs the environment's database:"
                    + " configure one in the environment file or pass -Dconfiture.url");
        }
    }

    /** One side: the live database when {@code scripts} is null, else what the scripts build in a scratch database. */
    private ShadowDiff.Side side(Request request, List<SqlScript> scripts, ShadowDiff shadow, CatalogReader reader) {
        if (scripts == null) {
            try (Connection c = Connections.open(request.database())) {
                return new ShadowDiff.Side(reader.read(c), ServerCasts.read(c));
            } catch (SQLException e) {
                throw new ConfitureException("DIFF_DATABASE_UNREACHABLE", "Could not read "
                        + request.database().describe() + ": " + Connections.scrub(e.getMessage(), request.database()), e);
            }
        }
        return shadow.side(scripts);
    }

    /** The SQL scripts a source stands for, in the order they run. */
    List<SqlScript> scripts(Request request, String source, String property) {
        if (SCHEMA.equals(source)) {
            List<SqlScript> out = new ArrayList<>();
            SqlFiles.discover(request.schemaIncludes(), request.includeScope()).forEach(f -> out.add(SqlScript.of(f)));
            return out;
        }
        if (MIGRATIONS.equals(source)) {
            // as migrate runs them: placeholders replaced, an unknown one migrate's error (file and line)
            return upMigrations(request.migrationsDir(), request.includeScope()).stream()
                    .map(f -> SqlScript.of(f, request.placeholders())).toList();
        }
        Path path = request.projectDir().resolve(source);
        if (Files.isDirectory(path)) {
            return SqlFiles.discover(List.of(path), request.includeScope()).stream().map(SqlScript::of).toList();
        }
        if (Files.isRegularFile(path) && source.endsWith(".sql")) {
            return List.of(SqlScript.of(path));
        }
        throw new ConfitureException("DIFF_BAD_SOURCE", property + "='" + source + "' is neither a .sql file, a directory,"
                + " 'schema', 'migrations' nor 'database'" + (Files.exists(path) ? "" : " (" + path + " does not exist)"));
    }

    /**
     * The up migrations in version order, listed as migrate lists them ({@link SqlMigrationFiles}): in
     * sub-folders too, and a file that is not a migration is an error rather than left out of the diff.
     */
    static List<Path> upMigrations(Path dir, IncludeScope scope) {
        return SqlMigrationFiles.discover(dir, scope).stream().sorted(Comparator.comparing(ResolvedMigration::version))
                .map(ResolvedMigration::upFile).toList();
    }

    /**
     * Writes the difference as the next migration pair, by the writer and the version rule of
     * {@code generate} ({@link MigrationGenerator}), so that both goals pick the same next version.
     *
     * @param existing every migration of the project, SQL and Java ({@code MigrationDiscovery})
     */
    public Generated generate(Path migrationsDir, List<ResolvedMigration> existing, String name, DiffResult result,
                              String fromLabel, String toLabel) {
        MigrationGenerator.validateName(name);
        if (result.isEmpty()) {
            throw new ConfitureException("DIFF_NOTHING_TO_GENERATE", "No differences between " + fromLabel + " and "
                    + toLabel + ": no migration written");
        }
        GenerateReport written = MigrationGenerator.generate(migrationsDir, existing, name,
                "-- Generated by confiture:diff (" + fromLabel + " -> " + toLabel + ")\n" + result.upSql(),
                "-- Generated by confiture:diff (" + toLabel + " -> " + fromLabel + ")\n" + result.downSql());
        return new Generated(written.version(), Path.of(written.upFile()), Path.of(written.downFile()));
    }

    /**
     * Writes the online form as consecutive migration pairs, the first called {@code name}, the others
     * {@code name_<step>} ({@code name_validate}, {@code name_index_<index>}, {@code name_keys} ...).
     * Nothing is written when any file exists already.
     */
    public List<Generated> generateOnline(Path migrationsDir, List<ResolvedMigration> existing, String name,
                                          OnlineDiff.Plan plan, String fromLabel, String toLabel) {
        MigrationGenerator.validateName(name);
        if (plan.steps().isEmpty()) {
            throw new ConfitureException("DIFF_NOTHING_TO_GENERATE", "No differences between " + fromLabel + " and "
                    + toLabel + ": no migration written");
        }
        List<MigrationGenerator.Pair> pairs = new ArrayList<>();
        int n = plan.steps().size();
        for (int i = 0; i < n; i++) {
            OnlineStep step = plan.steps().get(i);
            String comment = "-- Generated by confiture:diff -Dconfiture.online=true (" + fromLabel + " -> " + toLabel
                    + "), step " + (i + 1) + " of " + n + ": " + step.purpose()
                    + (step.transactional() ? "" : "\n-- Runs outside a transaction (CONCURRENTLY). If it fails, PostgreSQL"
                    + " may leave an INVALID index: drop it (DROP INDEX CONCURRENTLY) before running migrate again.")
                    + "\n";
            pairs.add(new MigrationGenerator.Pair(step.name(name), comment + step.upSql(), comment + step.downSql()));
        }
        List<Generated> out = new ArrayList<>();
        for (GenerateReport r : MigrationGenerator.generate(migrationsDir, existing, pairs)) {
            out.add(new Generated(r.version(), Path.of(r.upFile()), Path.of(r.downFile())));
        }
        return out;
    }
}
