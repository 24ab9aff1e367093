package dev.confiture.model.config;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.files.Utf8Text;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads {@code db/environments/<env>.yaml} into an {@link Environment} (docs/configuration.md).
 *
 * <p>The YAML is read as a node tree (SnakeYAML's compose, never object construction), so that
 * every error names the file and the line of the offending value. Variables are substituted in
 * every string value ({@link Substitution}). Unknown settings are errors listing the known ones:
 * a misspelt {@code protected} must not silently leave production unprotected.
 */
public final class EnvironmentLoader {

    /** The top-level settings an environment file may hold. */
    public static final List<String> SETTINGS = List.of(
            "name", "includes", "include_dirs", "database", "database_url", "migrations_dir", "tracking_table", "protected",
            "allow_external_includes", "placeholders", "placeholderReplacement", "placeholder_replacement",
            "session_settings", "cleanDisabled", "schemas", "locations", "fleet", "online", "postgres_version");

    /** The settings of {@code fleet:}. */
    public static final List<String> FLEET_SETTINGS = List.of("databases", "tenants");

    /** The settings of one {@code fleet.databases} entry. */
    public static final List<String> FLEET_DATABASE_SETTINGS = List.of("name", "url", "host", "port", "database", "user", "password");

    /** The settings of {@code fleet.tenants}. */
    public static final List<String> FLEET_TENANT_SETTINGS = List.of("query", "list");

    private static final Pattern TARGET_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    /** The settings of the {@code database} map. */
    public static final List<String> DATABASE_SETTINGS = List.of("host", "port", "database", "user", "password", "embedded");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern TABLE_PART = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");

    private EnvironmentLoader() {
    }

    /**
     * @param projectDir         the project base directory
     * @param envName            the environment ({@code confiture.env}); with an explicit file, it
     *                           only names the environment when the file has no {@code name:}
     * @param explicitConfigFile {@code confiture.configFile}, or null for {@code db/environments/<env>.yaml}
     *                           (or {@code .yml}); relative paths are taken from the project directory
     * @param variables          what {@code ${VAR}} resolves against, normally {@code System.getenv()}
     */
    public static Environment load(Path projectDir, String envName, Path explicitConfigFile, Map<String, String> variables) {
        Path project = projectDir.toAbsolutePath().normalize();
        Path file = locate(project, envName, explicitConfigFile);
        MappingNode root = read(file);
        return new Reader(project, file, variables).environment(root, explicitConfigFile == null, envName);
    }

    /** The file an environment is read from; errors for a missing file or an unknown environment. */
    public static Path locate(Path projectDir, String envName, Path explicitConfigFile) {
        Path project = projectDir.toAbsolutePath().normalize();
        if (explicitConfigFile != null) {
            Path file = project.resolve(explicitConfigFile).normalize();
            if (!Files.isRegularFile(file)) {
                throw new ConfitureException("CONFIG_NOT_FOUND", "The environment file " + file
                        + " (confiture.configFile) does not exist. Correct the path, or leave confiture.configFile unset to use "
                        + "db/environments/<env>.yaml.");
            }
            return file;
        }
        Path folder = environmentsDir(project);
        if (envName == null || !ENV_NAME.matcher(envName).matches()) {
            throw new ConfitureException("ENV_UNKNOWN", "'" + envName + "' is not an environment name (letters, digits, '_', '-', '.')."
                    + knownSuffix(project));
        }
        Path yaml = folder.resolve(envName + ".yaml");
        Path yml = folder.resolve(envName + ".yml");
        boolean hasYaml = Files.isRegularFile(yaml);
        boolean hasYml = Files.isRegularFile(yml);
        if (hasYaml && hasYml) {
            throw new ConfitureException("CONFIG_AMBIGUOUS", "Environment '" + envName + "' has two files, " + yaml + " and " + yml
                    + ". Delete one of them.", yml, 0);
        }
        if (!hasYaml && !hasYml) {
            throw new ConfitureException("ENV_UNKNOWN", "Unknown environment '" + envName + "': there is no " + project.relativize(yaml)
                    + " (or .yml)." + knownSuffix(project));
        }
        return hasYaml ? yaml : yml;
    }

    /** The environment names found in {@code <projectDir>/db/environments}, sorted. */
    public static List<String> knownEnvironments(Path projectDir) {
        Path folder = environmentsDir(projectDir.toAbsolutePath().normalize());
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                for (Path f : files) {
                    String n = f.getFileName().toString();
                    if (Files.isRegularFile(f) && (n.endsWith(".yaml") || n.endsWith(".yml")) && !n.startsWith(".")) {
                        names.add(n.substring(0, n.lastIndexOf('.')));
                    }
                }
            } catch (IOException e) {
                // The list only decorates an error message; an unreadable folder leaves it empty.
            }
        }
        return List.copyOf(names);
    }

    private static Path environmentsDir(Path project) {
        return project.resolve("db").resolve("environments");
    }

    private static String knownSuffix(Path project) {
        List<String> known = knownEnvironments(project);
        if (known.isEmpty()) {
            return " There are no environment files in " + environmentsDir(project)
                    + "; run mvn confiture:init to create local, test and production, or pass confiture.configFile.";
        }
        return " Known environments: " + String.join(", ", known) + ". Choose one with -Dconfiture.env=<name>.";
    }

    private static MappingNode read(Path file) {
        String text;
        try {
            text = Utf8Text.decode(Files.readAllBytes(file), 0, file, "CONFIG_MALFORMED");
        } catch (IOException e) {
            throw new ConfitureException("CONFIG_NOT_FOUND", "Could not read the environment file: " + e.getMessage(), file, 0);
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (text.length() > YamlBombs.MAX_CHARS) {
            throw YamlBombs.refused(file, "its size, " + text.length() + " characters, is more than an environment file can"
                    + " need (at most " + YamlBombs.MAX_CHARS + ")");
        }
        Node root;
        try {
            // The node graph straight from SnakeYAML's composer, as Yaml.compose builds it: without the Yaml
            // facade, which also sets up the JavaBean constructor and representer this reader never uses
            // (about a hundred classes to load in every goal's fresh JVM).
            LoaderOptions options = YamlBombs.loaderOptions();
            root = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options)
                    .getSingleNode();
        } catch (MarkedYAMLException e) {
            // Problem and context only: the mark's snippet would quote the line, which may hold a password.
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String what = (e.getContext() == null ? "" : e.getContext() + ", ") + (e.getProblem() == null ? "invalid YAML" : e.getProblem());
            Mark context = e.getContextMark();
            String started = context != null && mark != null && context.getLine() != mark.getLine()
                    ? "; the construct starts at line " + (context.getLine() + 1) : "";
            throw new ConfitureException("CONFIG_MALFORMED", "Malformed YAML: " + what
                    + (mark == null ? "" : " (line " + line + ", column " + (mark.getColumn() + 1) + started + ")")
                    + ". Check the indentation and quoting there.", file, line);
        } catch (YAMLException e) {
            throw new ConfitureException("CONFIG_MALFORMED", "Malformed YAML: " + e.getClass().getSimpleName()
                    + ". Check the file's syntax.", file, 0);
        }
        YamlBombs.refuseExpansion(root, file);
        if (root == null) {
            throw new ConfitureException("CONFIG_MALFORMED", "The environment file is empty. It needs at least includes and a database;"
                    + " see db/environments/local.yaml as written by mvn confiture:init.", file, 1);
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfitureException("CONFIG_MALFORMED", "The environment file must be a mapping of settings (key: value lines),"
                    + " found " + kind(root) + ".", file, line(root));
        }
        return mapping;
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String kind(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a map";
        }
        return "a single value";
    }

    /** Reads one file's settings; holds what errors need (file, variables). */
    private static final class Reader {
        private final Path project;
        private final Path file;
        private final Substitution substitution;

        Reader(Path project, Path file, Map<String, String> variables) {
            this.project = project;
            this.file = file;
            this.substitution = new Substitution(variables == null ? Map.of() : variables, file);
        }

        Environment environment(MappingNode root, boolean foundByName, String envName) {
            Map<String, NodeTuple> settings = entries(root, SETTINGS, null);

            String yamlName = string(settings, "name");
            String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            String name = foundByName ? envName
                    : yamlName != null && !yamlName.isBlank() ? yamlName.strip()
                    : envName != null && !envName.isBlank() ? envName : stem;

            Path configDir = file.getParent();
            LinkedHashSet<Path> includes = new LinkedHashSet<>();
            for (String inc : stringList(settings, "includes")) {
                includes.add(configDir.resolve(inc).normalize());
            }
            for (String inc : stringList(settings, "include_dirs")) {
                includes.add(project.resolve(inc).normalize());
            }
            Path seeds = project.resolve("db").resolve("seeds");
            List<Path> schemaIncludes = new ArrayList<>();
            List<Path> seedIncludes = new ArrayList<>();
            for (Path inc : includes) {
                (inc.startsWith(seeds) ? seedIncludes : schemaIncludes).add(inc);
            }

            DatabaseSettings database = null;
            boolean embedded = false;
            NodeTuple db = settings.get("database");
            String url = string(settings, "database_url");
            boolean hasMap = db != null && !isNull(db.getValueNode());
            if (hasMap && url != null && !url.isEmpty()) {
                throw error("CONFIG_CONFLICT", "Both 'database' and 'database_url' are set. Keep one of them.",
                        settings.get("database_url").getValueNode());
            }
            if (hasMap) {
                Node value = db.getValueNode();
                if (!(value instanceof MappingNode map)) {
                    throw error("CONFIG_INVALID_VALUE", "'database' must be a map (host, port, database, user, password, or embedded: true),"
                            + " found " + kind(value) + ". For a URL, use 'database_url' instead.", value);
                }
                Map<String, NodeTuple> dbSettings = entries(map, DATABASE_SETTINGS, "database");
                embedded = bool(dbSettings, "embedded", "database.embedded", false);
                if (!embedded) {
                    database = connectionMap(dbSettings, db.getKeyNode());
                }
            } else if (url != null && !url.isEmpty()) {
                database = UrlParser.parse(url, "database_url", file, line(settings.get("database_url").getValueNode()));
            }

            String migrations = string(settings, "migrations_dir");
            Path migrationsDir = project.resolve(migrations == null || migrations.isBlank() ? "db/migrations" : migrations).normalize();

            String tracking = string(settings, "tracking_table");
            String trackingTable = tracking == null || tracking.isBlank() ? Environment.DEFAULT_TRACKING_TABLE
                    : trackingTable(tracking.strip(), settings.get("tracking_table").getValueNode());

            boolean protectedEnv = bool(settings, "protected", "protected", false);
            boolean allowExternalIncludes = bool(settings, "allow_external_includes", "allow_external_includes", false);

            if (settings.containsKey("placeholderReplacement") && settings.containsKey("placeholder_replacement")) {
                throw error("CONFIG_DUPLICATE_KEY", "'placeholderReplacement' and 'placeholder_replacement' are one setting"
                        + " spelt two ways. Keep one.", settings.get("placeholder_replacement").getKeyNode());
            }
            boolean placeholderReplacement = settings.containsKey("placeholder_replacement")
                    ? bool(settings, "placeholder_replacement", "placeholder_replacement", true)
                    : bool(settings, "placeholderReplacement", "placeholderReplacement", true);
            Map<String, String> placeholders = new LinkedHashMap<>();
            scalarMap(settings, "placeholders").forEach((k, v) -> placeholders.put(k, v.value()));
            List<SessionSetting> sessionSettings = new ArrayList<>();
            scalarMap(settings, "session_settings").forEach((k, v) -> sessionSettings.add(
                    new SessionSetting(k, v.value(), file, v.line(), file.getFileName() + ":" + v.line())));

            boolean cleanDisabled = bool(settings, "cleanDisabled", "cleanDisabled", true);
            List<String> schemas = new ArrayList<>();
            for (String schema : stringList(settings, "schemas")) {
                if (!schemas.contains(schema)) {
                    schemas.add(schema);
                }
            }

            return new Environment(name, file, project, List.copyOf(includes), schemaIncludes, seedIncludes, database, embedded,
                    migrationsDir, trackingTable, protectedEnv, allowExternalIncludes, placeholders, placeholderReplacement,
                    sessionSettings, cleanDisabled, schemas, stringList(settings, "locations"), fleet(settings, database),
                    bool(settings, "online", "online", false), postgresVersion(settings));
        }

        /** {@code postgres_version:}, checked here so that a bad value names this file and line; null when unset. */
        private PostgresVersion postgresVersion(Map<String, NodeTuple> settings) {
            String value = string(settings, "postgres_version");
            if (value == null) {
                return null;
            }
            try {
                return PostgresVersion.parse(value);
            } catch (IllegalArgumentException e) {
                throw error("CONFIG_INVALID_VALUE", "postgres_version: " + e.getMessage() + ".",
                        settings.get("postgres_version").getValueNode());
            }
        }

        /** {@code fleet:}, or null when absent; every entry checked here, so a bad one changes nothing. */
        private Fleet fleet(Map<String, NodeTuple> settings, DatabaseSettings defaults) {
            NodeTuple t = settings.get("fleet");
            if (t == null || isNull(t.getValueNode())) {
                return null;
            }
            if (!(t.getValueNode() instanceof MappingNode map)) {
                throw error("CONFIG_INVALID_VALUE", "'fleet' must be a map with 'databases:' (and optionally 'tenants:'), found "
                        + kind(t.getValueNode()) + ".", t.getValueNode());
            }
            Map<String, NodeTuple> fs = entries(map, FLEET_SETTINGS, "fleet");
            NodeTuple dbs = fs.get("databases");
            if (dbs == null || !(dbs.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                throw error("CONFIG_MISSING_VALUE", "'fleet.databases' must list at least one database, each a map with"
                        + " 'name:' and 'url:' or 'database:' (host, port, user, password as in 'database:').",
                        dbs == null ? t.getKeyNode() : dbs.getValueNode());
            }
            List<Fleet.FleetDatabase> databases = new ArrayList<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (Node item : seq.getValue()) {
                if (!(item instanceof MappingNode entry)) {
                    throw error("CONFIG_INVALID_VALUE", "Each entry of 'fleet.databases' must be a map with 'name:' and"
                            + " 'url:' or 'database:', found " + kind(item) + ".", item);
                }
                Map<String, NodeTuple> es = entries(entry, FLEET_DATABASE_SETTINGS, "fleet.databases");
                String name = string(es, "name");
                if (name == null || !TARGET_NAME.matcher(name.strip()).matches()) {
                    throw error("CONFIG_MISSING_VALUE", "Each entry of 'fleet.databases' needs a 'name:' (letters, digits, '_', '-', '.')"
                            + (name == null ? "." : ", found '" + name + "'."), es.containsKey("name") ? es.get("name").getValueNode() : item);
                }
                name = name.strip();
                if (seen.containsKey(name)) {
                    throw error("CONFIG_DUPLICATE_KEY", "The fleet database name '" + name + "' is used twice (first at line "
                            + seen.get(name) + "). Names must be unique.", es.get("name").getValueNode());
                }
                seen.put(name, line(item));
                String url = string(es, "url");
                DatabaseSettings db;
                if (url != null && !url.isBlank()) {
                    for (String other : List.of("host", "port", "database")) {
                        if (es.containsKey(other)) {
                            throw error("CONFIG_CONFLICT", "Fleet database '" + name + "' sets both 'url' and '" + other
                                    + "'. Keep one form.", es.get(other).getKeyNode());
                        }
                    }
                    db = UrlParser.parse(url, "fleet.databases[" + name + "].url", file, line(es.get("url").getValueNode()));
                    String user = emptyToNull(string(es, "user"));
                    String password = emptyToNull(string(es, "password"));
                    db = db.withFallbackCredentials(user, password);
                } else {
                    db = connectionMap(es, item);
                }
                if (defaults != null) {
                    db = db.withFallbackCredentials(defaults.user(), defaults.password());
                }
                databases.add(new Fleet.FleetDatabase(name, db, line(item)));
            }
            return new Fleet(databases, tenants(fs));
        }

        private Fleet.FleetTenants tenants(Map<String, NodeTuple> fs) {
            NodeTuple t = fs.get("tenants");
            if (t == null || isNull(t.getValueNode())) {
                return null;
            }
            if (!(t.getValueNode() instanceof MappingNode map)) {
                throw error("CONFIG_INVALID_VALUE", "'fleet.tenants' must be a map with 'query:' or 'list:', found "
                        + kind(t.getValueNode()) + ".", t.getValueNode());
            }
            Map<String, NodeTuple> ts = entries(map, FLEET_TENANT_SETTINGS, "fleet.tenants");
            String query = string(ts, "query");
            boolean hasList = ts.containsKey("list") && !isNull(ts.get("list").getValueNode());
            if ((query == null || query.isBlank()) == !hasList) {
                throw error("CONFIG_CONFLICT", "'fleet.tenants' needs exactly one of 'query:' (run on each database, first"
                        + " column the schema names) or 'list:' (the schema names).", t.getKeyNode());
            }
            if (!hasList) {
                return new Fleet.FleetTenants(query.strip(), List.of());
            }
            List<String> list = stringList(ts, "list");
            SequenceNode seq = (SequenceNode) ts.get("list").getValueNode();
            for (int i = 0; i < list.size(); i++) {
                if (!TABLE_PART.matcher(list.get(i)).matches()) {
                    throw error("CONFIG_INVALID_VALUE", "'fleet.tenants.list' holds '" + list.get(i) + "', which is not a"
                            + " lower-case schema name (letters, digits, underscores).", seq.getValue().get(i));
                }
                if (list.indexOf(list.get(i)) != i) {
                    throw error("CONFIG_DUPLICATE_KEY", "'fleet.tenants.list' names '" + list.get(i) + "' twice. Keep one.",
                            seq.getValue().get(i));
                }
            }
            return new Fleet.FleetTenants(null, list);
        }

        private DatabaseSettings connectionMap(Map<String, NodeTuple> s, Node databaseKey) {
            String host = string(s, "host");
            if (host == null || host.isBlank()) {
                host = "localhost";
            }
            host = host.strip();
            if (host.contains(":") && !host.startsWith("[")) {
                host = "[" + host + "]"; // an IPv6 address
            }
            int port = 5432;
            String portText = string(s, "port");
            if (portText != null && !portText.isBlank()) {
                try {
                    port = Integer.parseInt(portText.strip());
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65535) {
                    throw error("CONFIG_INVALID_VALUE", "'database.port' must be a number from 1 to 65535, found '" + portText + "'.",
                            s.get("port").getValueNode());
                }
            }
            String name = string(s, "database");
            if (name == null || name.isBlank()) {
                throw error("CONFIG_MISSING_VALUE", "'database' names no database: add 'database: <name>' under it"
                        + " (or use database_url, or 'embedded: true' for a PostgreSQL run by the plugin).",
                        s.containsKey("database") ? s.get("database").getValueNode() : databaseKey);
            }
            String user = emptyToNull(string(s, "user"));
            String password = emptyToNull(string(s, "password"));
            String encoded = URLEncoder.encode(name.strip(), StandardCharsets.UTF_8).replace("+", "%20");
            return new DatabaseSettings("jdbc:postgresql://" + host + ":" + port + "/" + encoded, user, password);
        }

        private String trackingTable(String value, Node node) {
            String lower = value.toLowerCase(Locale.ROOT);
            String[] parts = lower.split("\\.", -1);
            boolean ok = parts.length <= 2;
            for (String p : parts) {
                ok &= TABLE_PART.matcher(p).matches();
            }
            if (!ok) {
                throw error("CONFIG_INVALID_VALUE", "'tracking_table' must be a table name or schema.table made of letters, digits"
                        + " and underscores (found '" + value + "'); it is written unquoted in SQL.", node);
            }
            return lower;
        }

        /** The entries of a map, keyed by name; duplicate and unknown keys are errors. */
        private Map<String, NodeTuple> entries(MappingNode map, List<String> known, String parent) {
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode key)) {
                    throw error("CONFIG_MALFORMED", "A setting name must be a plain word, found " + kind(k) + ".", k);
                }
                String name = key.getValue();
                String qualified = parent == null ? name : parent + "." + name;
                if (!known.contains(name)) {
                    String hint = suggestion(name, known);
                    throw error("CONFIG_UNKNOWN_KEY", "Unknown setting '" + qualified + "'." + hint + " Known settings"
                            + (parent == null ? "" : " of '" + parent + "'") + ": " + String.join(", ", known) + ".", k);
                }
                if (out.containsKey(name)) {
                    throw error("CONFIG_DUPLICATE_KEY", "'" + qualified + "' is set twice (first at line "
                            + line(out.get(name).getKeyNode()) + "). Keep one.", k);
                }
                out.put(name, t);
            }
            return out;
        }

        private String suggestion(String name, List<String> known) {
            String norm = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
            for (String k : known) {
                if (k.replace("_", "").equals(norm)) {
                    return " Did you mean '" + k + "'?";
                }
            }
            return "";
        }

        /** A scalar setting with variables substituted; null when absent or null. */
        private String string(Map<String, NodeTuple> s, String key) {
            NodeTuple t = s.get(key);
            if (t == null || isNull(t.getValueNode())) {
                return null;
            }
            Node v = t.getValueNode();
            if (!(v instanceof ScalarNode scalar)) {
                throw error("CONFIG_INVALID_VALUE", "'" + key + "' must be a single value, found " + kind(v) + ".", v);
            }
            return substitution.apply(scalar.getValue(), key, line(v));
        }

        private record Located(String value, int line) {
        }

        /**
         * A map of plain names to single values ({@code placeholders:}, {@code session_settings:}), in file order,
         * variables substituted; empty when absent. Names are free (they are the user's), but each once.
         */
        private Map<String, Located> scalarMap(Map<String, NodeTuple> s, String key) {
            NodeTuple t = s.get(key);
            if (t == null || isNull(t.getValueNode())) {
                return Map.of();
            }
            Node v = t.getValueNode();
            if (!(v instanceof MappingNode map)) {
                throw error("CONFIG_INVALID_VALUE", "'" + key + "' must be a map, one 'name: value' per line, found "
                        + kind(v) + ".", v);
            }
            Map<String, Located> out = new LinkedHashMap<>();
            for (NodeTuple entry : map.getValue()) {
                Node k = entry.getKeyNode();
                Node value = entry.getValueNode();
                if (!(k instanceof ScalarNode name) || name.getValue().isBlank()) {
                    throw error("CONFIG_MALFORMED", "Each entry of '" + key + "' needs a plain name, found " + kind(k) + ".", k);
                }
                String qualified = key + "." + name.getValue();
                if (out.containsKey(name.getValue())) {
                    throw error("CONFIG_DUPLICATE_KEY", "'" + qualified + "' is set twice (first at line "
                            + out.get(name.getValue()).line() + "). Keep one.", k);
                }
                if (!(value instanceof ScalarNode scalar) || isNull(value)) {
                    throw error("CONFIG_INVALID_VALUE", "'" + qualified + "' must be a single value, found "
                            + (isNull(value) ? "nothing" : kind(value)) + ". Quote it if it is meant as text.", value);
                }
                out.put(name.getValue(), new Located(substitution.apply(scalar.getValue(), qualified, line(value)), line(value)));
            }
            return out;
        }

        private List<String> stringList(Map<String, NodeTuple> s, String key) {
            NodeTuple t = s.get(key);
            if (t == null || isNull(t.getValueNode())) {
                return List.of();
            }
            Node v = t.getValueNode();
            if (!(v instanceof SequenceNode seq)) {
                throw error("CONFIG_INVALID_VALUE", "'" + key + "' must be a list, one path per line starting with '- ', found "
                        + kind(v) + ".", v);
            }
            List<String> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                if (!(item instanceof ScalarNode scalar) || isNull(item)) {
                    throw error("CONFIG_INVALID_VALUE", "Each entry of '" + key + "' must be a path, found "
                            + (isNull(item) ? "an empty entry" : kind(item)) + ".", item);
                }
                String path = substitution.apply(scalar.getValue(), key, line(item)).strip();
                if (path.isEmpty()) {
                    throw error("CONFIG_INVALID_VALUE", "An entry of '" + key + "' is empty after substitution.", item);
                }
                out.add(path);
            }
            return out;
        }

        private boolean bool(Map<String, NodeTuple> s, String key, String qualified, boolean dflt) {
            String v = string(s, key);
            if (v == null || v.isBlank()) {
                return dflt;
            }
            switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> {
                    return true;
                }
                case "false", "no", "off" -> {
                    return false;
                }
                default -> throw error("CONFIG_INVALID_VALUE", "'" + qualified + "' must be true or false, found '" + v + "'.",
                        s.get(key).getValueNode());
            }
        }

        private static boolean isNull(Node n) {
            return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
        }

        private static String emptyToNull(String s) {
            return s == null || s.isEmpty() ? null : s;
        }

        private ConfitureException error(String code, String message, Node at) {
            return new ConfitureException(code, message, file, line(at));
        }
    }
}
