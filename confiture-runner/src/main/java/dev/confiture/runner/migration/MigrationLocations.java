package dev.confiture.runner.migration;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.confiture.model.ConfitureException;

/**
 * Turns the {@code locations} setting ({@code db/migrations}, {@code classpath:db/shared}) into the
 * folders migrations are read from. A {@code classpath:} location is looked for in every element of
 * the class path given (the project's compile class path: its own resources, its dependencies' jars),
 * in class path order; one found in several elements is read in each, so a version in two of them is
 * the duplicate error that names both.
 */
public final class MigrationLocations {

    /** Jars stay open for the life of the JVM: their files are read again when a migration runs. */
    private static final Map<Path, FileSystem> OPEN_JARS = new ConcurrentHashMap<>();

    private MigrationLocations() {
    }

    /**
     * @param specs      the locations as written; folders relative to {@code project}
     * @param project    the project base directory
     * @param classPath  the class path elements (folders and jars) {@code classpath:} locations are looked up in
     */
    public static List<MigrationLocation> resolve(List<String> specs, Path project, List<Path> classPath) {
        List<MigrationLocation> out = new ArrayList<>();
        for (String raw : specs) {
            String spec = raw.strip();
            if (spec.isEmpty()) {
                continue;
            }
            if (spec.startsWith(MigrationLocation.CLASSPATH_PREFIX)) {
                String resource = spec.substring(MigrationLocation.CLASSPATH_PREFIX.length()).replace('\\', '/')
                        .replaceAll("^/+", "").replaceAll("/+$", "");
                if (resource.isEmpty() || resource.contains("..")) {
                    throw new ConfitureException("LOCATION_INVALID", "'" + spec + "' names no folder on the class path:"
                            + " write classpath:db/shared (a resource folder, without '..').");
                }
                List<MigrationLocation> found = new ArrayList<>();
                for (Path element : classPath) {
                    Path root = lookUp(element, resource);
                    if (root != null) {
                        found.add(new MigrationLocation(spec, root, true));
                    }
                }
                if (found.isEmpty()) {
                    throw new ConfitureException("LOCATION_NOT_FOUND", "Migration location " + spec + " is in none of the "
                            + classPath.size() + " class path element(s) of the project. Add the dependency that holds"
                            + " src/main/resources/" + resource + " (compile scope), or correct locations.");
                }
                out.addAll(found);
            } else {
                out.add(new MigrationLocation(spec, project.resolve(spec).toAbsolutePath().normalize(), false));
            }
        }
        return List.copyOf(out);
    }

    /** The folder {@code resource} in a class path folder or jar; null when it has none. */
    private static Path lookUp(Path element, String resource) {
        if (Files.isDirectory(element)) {
            Path dir = element.resolve(resource);
            return Files.isDirectory(dir) ? dir.toAbsolutePath().normalize() : null;
        }
        if (!Files.isRegularFile(element) || !element.getFileName().toString().endsWith(".jar")) {
            return null;
        }
        Path dir = jar(element).getPath("/" + resource);
        return Files.isDirectory(dir) ? dir : null;
    }

    private static FileSystem jar(Path jar) {
        Path key = jar.toAbsolutePath().normalize();
        return OPEN_JARS.computeIfAbsent(key, k -> {
            try {
                return FileSystems.newFileSystem(k, (ClassLoader) null);
            } catch (FileSystemAlreadyExistsException e) {
                return FileSystems.getFileSystem(URI.create("jar:" + k.toUri()));
            } catch (IOException e) {
                throw new ConfitureException("LOCATION_UNREADABLE", "Could not open " + k + " to look for migrations: "
                        + e.getMessage(), k, 0, false, e);
            }
        });
    }
}
