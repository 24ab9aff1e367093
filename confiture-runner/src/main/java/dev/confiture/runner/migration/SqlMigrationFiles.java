package dev.confiture.runner.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.model.files.SqlFiles;

/**
 * Finds {@code <version>_<name>.up.sql} / {@code .down.sql} pairs under a migrations folder
 * (recursively, so teams may group them in sub-folders; names starting with a dot skipped, as for
 * schema files). Any other {@code .sql} file there is an
 * error rather than something silently skipped: a misnamed migration would otherwise never run.
 */
public final class SqlMigrationFiles {

    public static final String EXPECTED = "<version>_<name>.up.sql or <version>_<name>.down.sql"
            + " (version = digits, e.g. 001_create_users.up.sql or 20261128143015_add_bio.up.sql)";

    private static final Pattern FILE = Pattern.compile("(\\d+)_([A-Za-z0-9][A-Za-z0-9_\\-]*)\\.(up|down)\\.sql");

    private SqlMigrationFiles() {
    }

    /** As {@link #discover(Path, IncludeScope)}, with the migrations folder itself as the bound. */
    public static List<ResolvedMigration> discover(Path dir) {
        return discover(dir, null);
    }

    /**
     * The migrations under {@code dir}, listed by the rule of schema includes ({@link SqlFiles}), so
     * that migrate, verify and validate (from git) see the same files: symbolic links inside the
     * project are followed (a linked migration is listed under the link's name), a link that leads
     * outside it, or a migrations folder outside it, is an error unless the environment allows it.
     *
     * @param scope the environment's {@link IncludeScope}; null bounds links by {@code dir} itself
     */
    public static List<ResolvedMigration> discover(Path dir, IncludeScope scope) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        return pairs(dir, SqlFiles.discover(List.of(dir), scope == null ? IncludeScope.within(dir) : scope));
    }

    /**
     * The migrations of one location: a folder of the project (bounded by {@code scope} as above), or a
     * {@code classpath:} location, read where it is (a folder of the class path is bounded by itself; a
     * folder inside a jar holds no links).
     */
    public static List<ResolvedMigration> discover(MigrationLocation location, IncludeScope scope) {
        if (!location.classpath()) {
            return discover(location.root(), scope);
        }
        if (!location.inJar()) {
            return discover(location.root(), IncludeScope.within(location.root()));
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(location.root())) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".sql") && !f.getFileName().toString().startsWith("."))
                    .sorted(java.util.Comparator.comparing(Path::toString)).toList();
            return pairs(location.root(), files);
        } catch (java.io.IOException e) {
            throw new ConfitureException("LOCATION_UNREADABLE", "Could not list " + MigrationLocation.display(location.root())
                    + ": " + e.getMessage(), e);
        }
    }

    private static List<ResolvedMigration> pairs(Path dir, List<Path> files) {
        Map<String, Path> ups = new LinkedHashMap<>();
        Map<String, Path> downs = new LinkedHashMap<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            Matcher m = FILE.matcher(fileName);
            if (!m.matches()) {
                throw new ConfitureException("MIGRATION_BAD_FILE_NAME",
                        "'" + fileName + "' in the migrations folder does not follow the pattern " + EXPECTED
                                + ". Rename it, or move it out of " + MigrationLocation.display(dir) + ".",
                        file, 0);
            }
            String key = m.group(1) + "_" + m.group(2);
            Map<String, Path> target = m.group(3).equals("up") ? ups : downs;
            Path previous = target.putIfAbsent(key, file);
            if (previous != null) {
                throw new ConfitureException("MIGRATION_DUPLICATE_VERSION", "Two files for migration " + key + ": "
                        + MigrationLocation.display(previous) + " and " + MigrationLocation.display(file) + ". Keep one.", file, 0);
            }
        }
        for (Map.Entry<String, Path> down : downs.entrySet()) {
            if (!ups.containsKey(down.getKey())) {
                throw new ConfitureException("MIGRATION_DOWN_WITHOUT_UP", "'" + down.getValue().getFileName()
                        + "' has no matching '" + down.getKey() + ".up.sql'. Every migration needs an up file;"
                        + " the down file is optional. Expected: " + EXPECTED + ".", down.getValue(), 0);
            }
        }
        List<ResolvedMigration> result = new ArrayList<>();
        for (Map.Entry<String, Path> up : ups.entrySet()) {
            String key = up.getKey();
            int underscore = key.indexOf('_');
            Path down = downs.get(key);
            result.add(new ResolvedMigration(MigrationVersion.parse(key.substring(0, underscore)),
                    key.substring(underscore + 1), MigrationKind.SQL, Checksums.ofFiles(up.getValue(), down),
                    up.getValue(), down, null));
        }
        return result;
    }
}
