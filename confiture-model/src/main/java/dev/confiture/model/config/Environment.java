package dev.confiture.model.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.confiture.model.files.IncludeScope;

/**
 * One environment, read from {@code db/environments/<env>.yaml} by {@link EnvironmentLoader}
 * (docs/configuration.md), with every path made absolute and every variable substituted.
 *
 * @param name            the environment's name: the requested one when found by name, else the
 *                        file's {@code name:}, else the file name without extension
 * @param configFile      the YAML file it was read from (absolute)
 * @param projectDir      the project base directory (absolute)
 * @param includes        {@code includes} (relative to the YAML file) then {@code include_dirs}
 *                        (relative to the project), absolute and normalised, in order, duplicates removed
 * @param schemaIncludes  the includes that are not under {@code <projectDir>/db/seeds}
 * @param seedIncludes    the includes under {@code <projectDir>/db/seeds}
 * @param database        the database the YAML names ({@code database} map or {@code database_url}),
 *                        or null when it names none or asks for the embedded server
 * @param embedded        true for {@code database: { embedded: true }}
 * @param migrationsDir   {@code migrations_dir} (relative to the project), default {@code db/migrations}
 * @param trackingTable   {@code tracking_table}, default {@code confiture_migrations}; lower case,
 *                        {@code table} or {@code schema.table}, safe to write unquoted in SQL
 * @param protectedEnv    {@code protected: true}: destructive goals refuse to run
 * @param allowExternalIncludes {@code allow_external_includes: true}: includes outside the project,
 *                        and symbolic links under an include that lead outside it, are read
 *                        instead of refused (see {@link IncludeScope})
 * @param placeholders    {@code placeholders:}: the values of {@code ${name}} in migrations and callbacks
 * @param placeholderReplacement false for {@code placeholderReplacement: false}: SQL is run as written
 * @param sessionSettings {@code session_settings:}, in file order: applied with {@code SET} on every
 *                        session that runs migrations
 * @param cleanDisabled   {@code cleanDisabled}, default true: {@code confiture:clean} refuses unless the
 *                        file sets it to false
 * @param schemas         {@code schemas}: the schemas {@code confiture:clean} empties; empty when unset
 *                        (then {@code public} and the tracking table's schema, see {@link #cleanSchemas()})
 * @param locations       {@code locations}: where SQL migrations are read from, folders (relative to the
 *                        project) and {@code classpath:} ones, as written; empty when unset (the
 *                        migrations folder alone)
 * @param fleet           {@code fleet:}: the databases and tenant schemas one run acts on (docs/fleet.md);
 *                        null when the file has none
 * @param online          {@code online: true}: {@code confiture:diff} writes the online form (docs/diff.md)
 * @param postgresVersion {@code postgres_version:}: the embedded PostgreSQL's version; null when unset (the default)
 */
public record Environment(
        String name,
        Path configFile,
        Path projectDir,
        List<Path> includes,
        List<Path> schemaIncludes,
        List<Path> seedIncludes,
        DatabaseSettings database,
        boolean embedded,
        Path migrationsDir,
        String trackingTable,
        boolean protectedEnv,
        boolean allowExternalIncludes,
        Map<String, String> placeholders,
        boolean placeholderReplacement,
        List<SessionSetting> sessionSettings,
        boolean cleanDisabled,
        List<String> schemas,
        List<String> locations,
        Fleet fleet,
        boolean online,
        PostgresVersion postgresVersion) {

    public static final String DEFAULT_TRACKING_TABLE = "confiture_migrations";

    public Environment {
        includes = List.copyOf(includes);
        schemaIncludes = List.copyOf(schemaIncludes);
        seedIncludes = List.copyOf(seedIncludes);
        placeholders = placeholders == null ? Map.of() : Map.copyOf(placeholders);
        sessionSettings = sessionSettings == null ? List.of() : List.copyOf(sessionSettings);
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        locations = locations == null ? List.of() : List.copyOf(locations);
    }

    /** The environment without {@code postgres_version} (the form before that setting was added). */
    public Environment(String name, Path configFile, Path projectDir, List<Path> includes, List<Path> schemaIncludes,
                       List<Path> seedIncludes, DatabaseSettings database, boolean embedded, Path migrationsDir,
                       String trackingTable, boolean protectedEnv, boolean allowExternalIncludes,
                       Map<String, String> placeholders, boolean placeholderReplacement, List<SessionSetting> sessionSettings,
                       boolean cleanDisabled, List<String> schemas, List<String> locations, Fleet fleet, boolean online) {
        this(name, configFile, projectDir, includes, schemaIncludes, seedIncludes, database, embedded, migrationsDir,
                trackingTable, protectedEnv, allowExternalIncludes, placeholders, placeholderReplacement, sessionSettings,
                cleanDisabled, schemas, locations, fleet, online, null);
    }

    /** The environment without {@code online} (the form before that setting was added). */
    public Environment(String name, Path configFile, Path projectDir, List<Path> includes, List<Path> schemaIncludes,
                       List<Path> seedIncludes, DatabaseSettings database, boolean embedded, Path migrationsDir,
                       String trackingTable, boolean protectedEnv, boolean allowExternalIncludes,
                       Map<String, String> placeholders, boolean placeholderReplacement, List<SessionSetting> sessionSettings,
                       boolean cleanDisabled, List<String> schemas, List<String> locations, Fleet fleet) {
        this(name, configFile, projectDir, includes, schemaIncludes, seedIncludes, database, embedded, migrationsDir,
                trackingTable, protectedEnv, allowExternalIncludes, placeholders, placeholderReplacement, sessionSettings,
                cleanDisabled, schemas, locations, fleet, false);
    }

    /** The environment without a fleet (the form before {@code fleet:} was added). */
    public Environment(String name, Path configFile, Path projectDir, List<Path> includes, List<Path> schemaIncludes,
                       List<Path> seedIncludes, DatabaseSettings database, boolean embedded, Path migrationsDir,
                       String trackingTable, boolean protectedEnv, boolean allowExternalIncludes,
                       Map<String, String> placeholders, boolean placeholderReplacement, List<SessionSetting> sessionSettings,
                       boolean cleanDisabled, List<String> schemas, List<String> locations) {
        this(name, configFile, projectDir, includes, schemaIncludes, seedIncludes, database, embedded, migrationsDir,
                trackingTable, protectedEnv, allowExternalIncludes, placeholders, placeholderReplacement, sessionSettings,
                cleanDisabled, schemas, locations, null);
    }

    /** The same environment connected to another database (a fleet target's). */
    public Environment withDatabase(DatabaseSettings other) {
        return new Environment(name, configFile, projectDir, includes, schemaIncludes, seedIncludes, other, false,
                migrationsDir, trackingTable, protectedEnv, allowExternalIncludes, placeholders, placeholderReplacement,
                sessionSettings, cleanDisabled, schemas, locations, fleet, online, postgresVersion);
    }

    /**
     * The environment without placeholders, session settings, clean settings and locations (the form
     * before those settings were added).
     */
    public Environment(String name, Path configFile, Path projectDir, List<Path> includes, List<Path> schemaIncludes,
                       List<Path> seedIncludes, DatabaseSettings database, boolean embedded, Path migrationsDir,
                       String trackingTable, boolean protectedEnv, boolean allowExternalIncludes) {
        this(name, configFile, projectDir, includes, schemaIncludes, seedIncludes, database, embedded, migrationsDir,
                trackingTable, protectedEnv, allowExternalIncludes, Map.of(), true, List.of(), true, List.of(), List.of());
    }

    /**
     * The schemas {@code confiture:clean} empties: {@code schemas} from the file, else {@code public} and
     * the tracking table's own schema when it names one, as Flyway cleans the connection's default schema.
     */
    public List<String> cleanSchemas() {
        if (!schemas.isEmpty()) {
            return schemas;
        }
        String own = trackingTableSchema();
        return own == null || own.equals("public") ? List.of("public") : List.of("public", own);
    }

    /** The environment without {@code allow_external_includes} (the form before that setting was added). */
    public Environment(String name, Path configFile, Path projectDir, List<Path> includes, List<Path> schemaIncludes,
                       List<Path> seedIncludes, DatabaseSettings database, boolean embedded, Path migrationsDir,
                       String trackingTable, boolean protectedEnv) {
        this(name, configFile, projectDir, includes, schemaIncludes, seedIncludes, database, embedded, migrationsDir,
                trackingTable, protectedEnv, false);
    }

    /** Where this environment's schema files may come from: the one rule every goal lists them by. */
    public IncludeScope includeScope() {
        return new IncludeScope(projectDir, allowExternalIncludes, configFile);
    }

    /** The folder that holds seed includes: {@code <projectDir>/db/seeds}. */
    public Path seedsDir() {
        return projectDir.resolve("db").resolve("seeds");
    }

    /** The schema name of {@link #trackingTable()}, or null when it is not schema-qualified. */
    public String trackingTableSchema() {
        int dot = trackingTable.indexOf('.');
        return dot < 0 ? null : trackingTable.substring(0, dot);
    }

    /** The table name of {@link #trackingTable()} without its schema. */
    public String trackingTableName() {
        return trackingTable.substring(trackingTable.indexOf('.') + 1);
    }
}
