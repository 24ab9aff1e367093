package dev.confiture.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.confiture.model.ConfitureException;

/**
 * Turns file-system paths (as an environment gives them, absolute or relative to the project) into
 * paths inside the repository ({@code db/schema}, forward slashes, no leading or trailing slash),
 * which is how git names files in trees and in the index. The Maven project may sit in a subfolder
 * of the repository: {@code services/orders/db/schema}.
 */
final class GitPaths {

    private GitPaths() {
    }

    /** The repository path of {@code path}; fails when it lies outside the work tree. */
    static String inRepository(Path workTree, Path path, String what) {
        Path root = real(workTree);
        Path target = real(path);
        if (!target.startsWith(root)) {
            throw new ConfitureException("VALIDATE_PATH_OUTSIDE_REPOSITORY",
                    what + " " + path + " is outside the git repository " + root
                            + "; validate reads files from git, so they must be inside the repository");
        }
        return normalize(root.relativize(target).toString());
    }

    /** Forward slashes, no {@code ./}, no leading or trailing slash; the repository root is the empty string. */
    static String normalize(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(".") ? "" : p;
    }

    /** True when {@code path} is {@code dir} itself or lies under it; the empty dir is the whole repository. */
    static boolean isUnder(String path, String dir) {
        // no dir + "/" per call: every path of the tree is tested against each include
        return dir.isEmpty() || path.startsWith(dir) && (path.length() == dir.length() || path.charAt(dir.length()) == '/');
    }

    /** {@code path} relative to {@code dir} (which it lies under). */
    static String relativeTo(String path, String dir) {
        if (dir.isEmpty()) {
            return path;
        }
        return path.equals(dir) ? path.substring(path.lastIndexOf('/') + 1) : path.substring(dir.length() + 1);
    }

    /**
     * The real path of the longest existing ancestor, with the rest appended: symbolic links
     * (such as a {@code /tmp} that points elsewhere) resolve the same way for the work tree and for
     * an include that no longer exists in the working directory (deleted, but still in git).
     */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
