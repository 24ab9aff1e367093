package dev.confiture.runner.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.confiture.diff.DiffResult;
import dev.confiture.diff.OwnObjects;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.model.files.SqlFiles;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.runner.catalog.CatalogReader;
import dev.confiture.runner.shadow.ScratchDatabases;
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

    private static final Pattern MIGRATION_FILE = Pattern.compile("^(\\d+)_(.+)\\.(up|down)\\.sql$");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    /**
     * What to compare and how. {@code schemaIncludes}: the environment's includes without seeds;
     * {@code database}: the live environment database (for {@code database}), may be null;
     * {@code shadow}: a server for scratch databases ({@code confiture.shadowUrl}), null for the embedded one.
     */
    public record Request(Path projectDir, String from, String to, List<Path> schemaIncludes, Path migrationsDir,
                          DatabaseSettings database, String mode, DatabaseSettings shadow, String trackingTable,
                          IncludeScope includeScope) {
        public Request {
            schemaIncludes = List.copyOf(schemaIncludes);
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
            return SchemaDiff.compare(offline(scripts(request, fromSource, "confiture.from")),
                    offline(scripts(request, toSource, "confiture.to")), own);
        }
        // a live database is read through its catalog, so the other side must be too (models of one kind compare cleanly)
        CatalogReader reader = new CatalogReader(request.trackingTable());
        ShadowDiff shadow = new ShadowDiff(request.shadow() == null ? ScratchDatabases.embedded()
                : ScratchDatabases.on(request.shadow()), reader);
        SchemaModel from = model(request, fromSource, "confiture.from", shadow, reader);
        SchemaModel to = model(request, toSource, "confiture.to", shadow, reader);
        return SchemaDiff.compare(from, to, own);
    }

    /** Offline mode: the scripts applied to an empty model by the DDL interpreter (strict: unknown statements fail). */
    public static SchemaModel offline(List<SqlScript> scripts) {
        List<SqlSource> sources = scripts.stream().map(s -> new SqlSource(s.source(), s.sql())).toList();
        return new DdlInterpreter().interpret(SchemaModel.empty(), sources);
    }

    private SchemaModel model(Request request, String source, String property, ShadowDiff shadow, CatalogReader reader) {
        if (DATABASE.equals(source)) {
            if (request.database() == null) {
                throw new ConfitureException("DIFF_NO_DATABASE", property + "=database needs the environment's database:"
                        + " configure one in the environment file or pass -Dconfiture.url");
            }
            try (Connection c = ScratchDatabases.connect(request.database())) {
                return reader.read(c);
            } catch (SQLException e) {
                throw new ConfitureException("DIFF_DATABASE_UNREACHABLE", "Could not connect to "
                        + request.database().describe() + ": " + e.getMessage(), e);
            }
        }
        return shadow.model(scripts(request, source, property));
    }

    /** The SQL scripts a source stands for, in the order they run. */
    List<SqlScript> scripts(Request request, String source, String property) {
        if (SCHEMA.equals(source)) {
            List<SqlScript> out = new ArrayList<>();
            SqlFiles.discover(request.schemaIncludes(), request.includeScope()).forEach(f -> out.add(SqlScript.of(f)));
            return out;
        }
        if (MIGRATIONS.equals(source)) {
            return upMigrations(request.migrationsDir()).stream().map(SqlScript::of).toList();
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

    /** The up migrations in version order (versions compared as numbers). */
    static List<Path> upMigrations(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                Matcher m = MIGRATION_FILE.matcher(f.getFileName().toString());
                return m.matches() && m.group(3).equals("up");
            }).sorted(Comparator.comparing((Path f) -> version(f)).thenComparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new ConfitureException("MIGRATIONS_UNREADABLE", "Could not list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static java.math.BigInteger version(Path f) {
        Matcher m = MIGRATION_FILE.matcher(f.getFileName().toString());
        return m.matches() ? new java.math.BigInteger(m.group(1)) : java.math.BigInteger.ZERO;
    }

    /**
     * Writes {@code <next version>_<name>.up.sql} and {@code .down.sql}: the next version is the highest
     * numeric version in the directory plus one, zero-padded to the width of the existing ones
     * ({@code 001} when there are none). Existing files are never overwritten.
     */
    public Generated generate(Path migrationsDir, String name, DiffResult result, String fromLabel, String toLabel) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfitureException("DIFF_BAD_NAME", "confiture.name must be letters, digits and underscores"
                    + " (it becomes part of the file name), got '" + name + "'");
        }
        if (result.isEmpty()) {
            throw new ConfitureException("DIFF_NOTHING_TO_GENERATE", "No differences between " + fromLabel + " and "
                    + toLabel + ": no migration written");
        }
        String version = nextVersion(migrationsDir);
        Path up = migrationsDir.resolve(version + "_" + name + ".up.sql");
        Path down = migrationsDir.resolve(version + "_" + name + ".down.sql");
        for (Path p : List.of(up, down)) {
            if (Files.exists(p)) {
                throw new ConfitureException("DIFF_FILE_EXISTS", p + " already exists: refusing to overwrite it", p, 0);
            }
        }
        String header = "-- Generated by confiture:diff (" + fromLabel + " -> " + toLabel + ")\n";
        try {
            Files.createDirectories(migrationsDir);
            Files.writeString(up, header + result.upSql(), StandardCharsets.UTF_8);
            Files.writeString(down, "-- Generated by confiture:diff (" + toLabel + " -> " + fromLabel + ")\n"
                    + result.downSql(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfitureException("DIFF_WRITE_FAILED", "Could not write " + up + ": " + e.getMessage(), e);
        }
        return new Generated(version, up, down);
    }

    static String nextVersion(Path migrationsDir) {
        java.math.BigInteger max = null;
        int width = 3;
        if (Files.isDirectory(migrationsDir)) {
            try (Stream<Path> files = Files.list(migrationsDir)) {
                for (Path f : files.toList()) {
                    Matcher m = MIGRATION_FILE.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        java.math.BigInteger v = new java.math.BigInteger(m.group(1));
                        if (max == null || v.compareTo(max) > 0) {
                            max = v;
                            width = m.group(1).length();
                        }
                    }
                }
            } catch (IOException e) {
                throw new ConfitureException("MIGRATIONS_UNREADABLE", "Could not list " + migrationsDir + ": "
                        + e.getMessage(), e);
            }
        }
        String next = max == null ? "1" : max.add(java.math.BigInteger.ONE).toString();
        return "0".repeat(Math.max(0, width - next.length())) + next;
    }
}
