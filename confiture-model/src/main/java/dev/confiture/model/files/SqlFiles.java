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
 * Ordered discovery of the SQL files an environment includes (docs/configuration.md, "Includes, schema and seeds").
 *
 * <p>Each include is a file or a directory, taken in the order given. A file is taken as it is,
 * whatever its extension. A directory contributes every {@code .sql} file under it (any case of
 * the extension), recursively, following symbolic links, in {@link NaturalPathOrder} of the path
 * relative to the directory (a linked file is listed under the link's name). Names starting with a
 * dot (editor backups, {@code .git}) are skipped. A file reached twice, through two includes or a
 * link, is listed once, at its first position.
 *
 * <p>The {@link IncludeScope} bounds it: an include outside the project, or a symbolic link that
 * leads outside it (to a folder elsewhere, to {@code /etc/passwd}), is an error naming the link
 * and its target, unless the environment allows it; a link named like a SQL file whose target does
 * not exist is an error too. Validate applies the same rule to git trees ({@code confiture-git}'s
 * {@code SchemaIncludes}).
 */
public final class SqlFiles {

    private SqlFiles() {
    }

    /** The files, as absolute normalised paths, in reading order. */
    public static List<Path> discover(List<Path> includes, IncludeScope scope) {
        Path project = real(scope.project());
        Map<Path, Path> byIdentity = new LinkedHashMap<>();
        for (Path include : includes) {
            Path root = include.toAbsolutePath().normalize();
            if (!Files.exists(root)) {
                if (Files.isSymbolicLink(root)) {
                    throw broken(root);
                }
                throw notFound(include, root, scope.configFile());
            }
            checkInside(root, project, scope);
            if (Files.isRegularFile(root)) {
                byIdentity.putIfAbsent(identity(root), root);
            } else if (Files.isDirectory(root)) {
                Found found = sqlFilesUnder(root, project, scope);
                if (includes.size() == 1 && !found.throughLinks()) {
                    // One folder and no link in it: every file is a different one, nothing to merge
                    // (a migrations folder: 10,000 identities made and looked up for nothing).
                    return List.copyOf(found.files());
                }
                for (Path file : found.files()) {
                    byIdentity.putIfAbsent(found.identity(file), file);
                }
            } else {
                Path configFile = scope.configFile();
                throw new ConfitureException("INCLUDE_NOT_FOUND", "Include " + root + " is neither a file nor a directory"
                        + (configFile == null ? "" : " (listed in " + configFile + ")") + ". Include .sql files or folders of them.",
                        configFile, 0);
            }
        }
        return List.copyOf(byIdentity.values());
    }

    /** An include must lie inside the project; when a link on its path leads out, that link is named. */
    private static void checkInside(Path root, Path project, IncludeScope scope) {
        if (scope.allowOutside() || real(root).startsWith(project)) {
            return;
        }
        if (root.startsWith(scope.project())) {
            Path relative = scope.project().relativize(root);
            for (int i = 1; i <= relative.getNameCount(); i++) {
                Path step = scope.project().resolve(relative.subpath(0, i));
                if (Files.isSymbolicLink(step) && !real(step).startsWith(project)) {
                    throw linkOutside(step, project, scope);
                }
            }
        }
        throw new ConfitureException("INCLUDE_OUTSIDE_PROJECT", "Include " + root + " is outside the project "
                + scope.project() + (scope.configFile() == null ? "" : " (listed in " + scope.configFile() + ")")
                + ". " + scope.remedy(), scope.configFile(), 0);
    }

    private static ConfitureException linkOutside(Path link, Path project, IncludeScope scope) {
        String target = target(link);
        String resolved = real(link).toString();
        return new ConfitureException("INCLUDE_LINK_OUTSIDE_PROJECT", link + " is a symbolic link to " + target
                + (resolved.equals(target) ? "" : " (" + resolved + ")") + ", outside the project " + scope.project()
                + ". " + scope.remedy(), link, 0);
    }

    private static ConfitureException unreadable(Path root, IOException e) {
        return new ConfitureException("INCLUDE_UNREADABLE",
                "Could not read the include " + root + ": " + e.getMessage() + ". Check its permissions.", e);
    }

    private static ConfitureException broken(Path link) {
        return new ConfitureException("INCLUDE_BROKEN_LINK", link + " is a symbolic link to " + target(link)
                + ", which does not exist. Point the link at the file, or delete it.", link, 0);
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

    /** What the link says, as written. */
    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }

    /** The real path where it can be had (every link resolved), else the normalised absolute path. */
    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** The real path where it can be had, so a file reached through a link counts once. */
    private static Path identity(Path file) {
        return real(file);
    }

    /**
     * The {@code .sql} files under one folder, sorted, and what tells a file reached twice: whether a
     * link was on the way, and each file's {@link #identity}. A file that is not a link has its
     * directory's real path and its own name: one real path per directory, not one per file (each
     * resolves every component of the path, which for a folder of 10,000 migrations cost as much as
     * reading them), made only when asked.
     */
    private record Found(List<Path> files, boolean throughLinks, Map<Path, Path> realDirs, Map<Path, Path> linkedFiles) {

        Path identity(Path file) {
            Path linked = linkedFiles.get(file);
            if (linked != null) {
                return linked;
            }
            Path realDir = realDirs.get(file.getParent());
            return realDir == null ? SqlFiles.identity(file) : realDir.resolve(file.getFileName().toString());
        }
    }

    private static Found sqlFilesUnder(Path root, Path project, IncludeScope scope) {
        Found withoutLinks = withoutLinks(root);
        if (withoutLinks != null) {
            return withoutLinks;
        }
        List<Path> found = new ArrayList<>();
        Map<Path, Path> realDirs = new java.util.HashMap<>();
        Map<Path, Path> linkedFiles = new java.util.HashMap<>();
        boolean[] throughLinks = {false};
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && hidden(dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    boolean link = Files.isSymbolicLink(dir);
                    throughLinks[0] |= link;
                    checkLink(dir, link);
                    realDirs.put(dir, real(dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (hidden(file) || !sqlName(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink()) {
                        throw broken(file); // FOLLOW_LINKS hands over the link itself only when its target is missing
                    }
                    if (attrs.isRegularFile()) {
                        boolean link = Files.isSymbolicLink(file);
                        checkLink(file, link);
                        found.add(file);
                        if (link) {
                            throughLinks[0] = true;
                            linkedFiles.put(file, identity(file));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                private void checkLink(Path path, boolean link) {
                    if (!scope.allowOutside() && link && !real(path).startsWith(project)) {
                        throw linkOutside(path, project, scope);
                    }
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof FileSystemLoopException) {
                        throughLinks[0] = true;
                        return FileVisitResult.CONTINUE; // a link back up the tree: its files are listed already
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw unreadable(root, e);
        }
        return new Found(NaturalPathOrder.sortUnder(root, found), throughLinks[0], realDirs, linkedFiles);
    }

    /**
     * The {@code .sql} files under {@code root} as {@link #sqlFilesUnder} lists them, when no symbolic
     * link is met on the way (one whose name is hidden is skipped, as there); else null, and the tree
     * is walked again following links. Without following them the walk reads each entry once
     * ({@code lstat}); following them it read the entry's target and then, to tell a link, the entry
     * itself: two system calls per file where one does, 10,000 more for the 10,000 files of 5,000
     * migrations (30 to 40 ms of a cold goal).
     */
    private static Found withoutLinks(Path root) {
        if (Files.isSymbolicLink(root)) {
            return null;
        }
        List<Path> found = new ArrayList<>();
        Map<Path, Path> realDirs = new java.util.HashMap<>();
        boolean[] linkMet = {false};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && hidden(dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    realDirs.put(dir, real(dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (hidden(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink()) {
                        linkMet[0] = true; // to a file, a folder or nothing: the walk that follows links decides
                        return FileVisitResult.TERMINATE;
                    }
                    if (attrs.isRegularFile() && sqlName(file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw unreadable(root, e);
        }
        return linkMet[0] ? null : new Found(NaturalPathOrder.sortUnder(root, found), false, realDirs, Map.of());
    }

    /** A name ending in {@code .sql}, in any case: what a folder include contributes (both walks above). */
    private static boolean sqlName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql");
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
