package dev.confiture.runner.migration;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;

/**
 * A place SQL migrations are read from: a folder of the project, or a {@code classpath:} location
 * found in one element of the project's class path (a folder such as a sibling module's
 * {@code target/classes}, or a jar, read in place through a zip file system).
 *
 * @param spec      what the user wrote ({@code db/migrations}, {@code classpath:db/shared})
 * @param root      the folder (in a jar: the folder inside it)
 * @param classpath true for a {@code classpath:} location: its files are read where they are, not
 *                  bounded by the project as folder locations are
 */
public record MigrationLocation(String spec, Path root, boolean classpath) {

    public static final String CLASSPATH_PREFIX = "classpath:";

    /** The migrations folder as a location. */
    public static MigrationLocation folder(Path dir) {
        return new MigrationLocation(String.valueOf(dir), dir, false);
    }

    /** {@code locations} when any are set, else the migrations folder alone: the rule every goal reads migrations by. */
    public static List<MigrationLocation> orFolder(List<MigrationLocation> locations, Path migrationsDir) {
        return locations.isEmpty() ? List.of(folder(migrationsDir)) : locations;
    }

    // equals and hashCode written out: each run keys its listing by location (LocationFiles), and a
    // record's generated ones are bootstrapped through method handles on first use, some fifty classes
    // spun at run time in every goal's fresh JVM. Same meaning as the generated ones: all three components.
    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationLocation other && java.util.Objects.equals(spec, other.spec)
                && java.util.Objects.equals(root, other.root) && classpath == other.classpath;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(spec, root, classpath);
    }

    /** True when the location lies inside a jar. */
    public boolean inJar() {
        return root.getFileSystem() != FileSystems.getDefault();
    }

    /**
     * How a file of a location is shown: its path, or {@code shared-migrations-1.0.jar!/db/shared/001_x.up.sql}
     * for a file inside a jar (Java's own notation), since a path inside a jar alone names no jar.
     */
    public static String display(Path file) {
        if (file == null || file.getFileSystem() == FileSystems.getDefault()) {
            return String.valueOf(file);
        }
        String uri = file.toUri().toString();
        int bang = uri.indexOf("!/");
        String jar = bang < 0 ? uri : uri.substring(0, bang);
        return jar.substring(jar.lastIndexOf('/') + 1) + (bang < 0 ? "" : uri.substring(bang));
    }
}
