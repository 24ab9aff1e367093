package dev.confiture.runner.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.confiture.model.ConfitureException;

/**
 * Finds {@code <version>_<name>.up.sql} / {@code .down.sql} pairs under a migrations folder
 * (recursively, so teams may group them in sub-folders). Any other {@code .sql} file there is an
 * error rather than something silently skipped: a misnamed migration would otherwise never run.
 */
public final class SqlMigrationFiles {

    public static final String EXPECTED = "<version>_<name>.up.sql or <version>_<name>.down.sql"
            + " (version = digits, e.g. 001_create_users.up.sql or 20261128143015_add_bio.up.sql)";

    private static final Pattern FILE = Pattern.compile("(\\d+)_([A-Za-z0-9][A-Za-z0-9_\\-]*)\\.(up|down)\\.sql");

    private SqlMigrationFiles() {
    }

    public static List<ResolvedMigration> discover(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        // Files.find hands over the attributes read while walking: no second stat per file.
        try (Stream<Path> walk = Files.find(dir, Integer.MAX_VALUE, (p, attrs) -> attrs.isRegularFile()
                && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".sql"))) {
            files = walk.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the migrations folder " + dir, e);
        }
        Map<String, Path> ups = new LinkedHashMap<>();
        Map<String, Path> downs = new LinkedHashMap<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            Matcher m = FILE.matcher(fileName);
            if (!m.matches()) {
                throw new ConfitureException("MIGRATION_BAD_FILE_NAME",
                        "'" + fileName + "' in the migrations folder does not follow the pattern " + EXPECTED
                                + ". Rename it, or move it out of " + dir + ".",
                        file, 0);
            }
            String key = m.group(1) + "_" + m.group(2);
            Map<String, Path> target = m.group(3).equals("up") ? ups : downs;
            Path previous = target.putIfAbsent(key, file);
            if (previous != null) {
                throw new ConfitureException("MIGRATION_DUPLICATE_VERSION", "Two files for migration " + key + ": "
                        + previous + " and " + file + ". Keep one.", file, 0);
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
