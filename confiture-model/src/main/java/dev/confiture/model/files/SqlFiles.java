package dev.confiture.model.files;

import dev.confiture.model.ConfitureException;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ordered discovery of the SQL files an environment includes (INTERFACE.md section 1).
 *
 * <p>Each include is a file or a directory, taken in the order given. A file is taken as it is,
 * whatever its extension. A directory contributes every {@code .sql} file under it (any case of
 * the extension), recursively, following symbolic links, in {@link NaturalPathOrder} of the path
 * relative to the directory. Names starting with a dot (editor backups, {@code .git}) are skipped.
 * A file reached twice, through two includes or a link, is listed once, at its first position.
 */
public final class SqlFiles {

    private SqlFiles() {
    }

    /** The files, as absolute normalised paths, in reading order. */
    public static List<Path> discover(List<Path> includes) {
        return discover(includes, null);
    }

    /**
     * As {@link #discover(List)}; {@code configFile} (nullable), the environment file that lists the
     * includes, is named in the error for a missing include.
     */
    public static List<Path> discover(List<Path> includes, Path configFile) {
        Map<Path, Path> byIdentity = new LinkedHashMap<>();
        for (Path include : includes) {
            Path root = include.toAbsolutePath().normalize();
            if (Files.isRegularFile(root)) {
                byIdentity.putIfAbsent(identity(root), root);
            } else if (Files.isDirectory(root)) {
                for (Path file : sqlFilesUnder(root)) {
                    byIdentity.putIfAbsent(identity(file), file);
                }
            } else if (Files.exists(root)) {
                throw new ConfitureException("INCLUDE_NOT_FOUND", "Include " + root + " is neither a file nor a directory"
                        + (configFile == null ? "" : " (listed in " + configFile + ")") + ". Include .sql files or folders of them.",
                        configFile, 0);
            } else {
                throw notFound(include, root, configFile);
            }
        }
        return List.copyOf(byIdentity.values());
    }

    private static ConfitureException notFound(Path include, Path root, Path configFile) {
        String where = configFile == null ? "" : ", listed in " + configFile;
        String shown = include.isAbsolute() ? root.toString() : include + " (" + root + ")";
        return new ConfitureException("INCLUDE_NOT_FOUND",
                "Include " + shown + " does not exist" + where
                        + ". Create it, or correct the path: entries of 'includes' are relative to the environment file,"
                        + " entries of 'include_dirs' to the project directory.",
                configFile, 0);
    }

    /** The real path where it can be had, so a file reached through a link counts once. */
    private static Path identity(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file;
        }
    }

    private static List<Path> sqlFilesUnder(Path root) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile() && !hidden(file) && name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof FileSystemLoopException) {
                        return FileVisitResult.CONTINUE; // a link back up the tree: its files are listed already
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new ConfitureException("INCLUDE_UNREADABLE",
                    "Could not read the include " + root + ": " + e.getMessage() + ". Check its permissions.", e);
        }
        found.sort((a, b) -> NaturalPathOrder.INSTANCE.compare(root.relativize(a), root.relativize(b)));
        return found;
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
