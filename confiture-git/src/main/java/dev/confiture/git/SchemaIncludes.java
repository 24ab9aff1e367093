package dev.confiture.git;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.model.files.NaturalPathOrder;

/**
 * The environment's schema includes as repository paths, and the selection they make in a git
 * tree, by the rule {@code SqlFiles.discover} applies on disk (confiture-model), so that validate
 * reads what build and verify read: a directory include takes every {@code .sql} file under it,
 * recursively, in the documented natural order of paths relative to the include (names starting with
 * a dot skipped); a file include takes that file. Includes keep their listed order and a file reached
 * twice (by two includes, or through a link) is read once, at its first position.
 *
 * <p>Symbolic links are followed from the tree itself: git stores a link as a blob whose content is
 * the target path, resolved here relative to the link's folder at that commit or in the index. A
 * linked file is listed under the link's name. A link that leads outside {@code project} (the Maven
 * project's folder in the repository; the empty string for the whole repository) is an error naming
 * the link and its target, unless {@code allowOutside}; a link that leaves the repository is always
 * an error, since validate cannot read its target from git; a link named like a SQL file whose target
 * is not in the tree is an error too.
 */
public record SchemaIncludes(List<String> paths, String project, boolean allowOutside) {

    /** Links are followed anywhere inside the repository. */
    public SchemaIncludes(List<String> paths) {
        this(paths, "", false);
    }

    public SchemaIncludes {
        paths = paths.stream().map(GitPaths::normalize).toList();
        project = GitPaths.normalize(project);
    }

    /** More links than this in one resolution is a loop (Linux gives up at 40 too). */
    private static final int MAX_HOPS = 40;

    public List<GitFile> select(Revision revision) {
        Set<String> seen = new LinkedHashSet<>();
        List<GitFile> selected = new ArrayList<>();
        for (String include : paths) {
            String real = revision.links().containsKey(include) ? resolve(revision, include) : include;
            GitFile exact = revision.files().get(real);
            if (exact != null) {
                if (seen.add(real)) {
                    selected.add(new GitFile(include, exact.blob()));
                }
                continue;
            }
            List<Found> under = new ArrayList<>();
            collect(revision, include, real, "", new ArrayDeque<>(), under);
            for (Found f : NaturalPathOrder.sortByRelativePath(under, Found::relative)) {
                if (seen.add(f.real)) {
                    selected.add(f.file);
                }
            }
        }
        return selected;
    }

    /** A file found under an include: its path relative to the include, the file as listed, where it really is. */
    private record Found(String relative, GitFile file, String real) {
    }

    /**
     * The SQL files under the real folder {@code dir}, seen at {@code view} (the include, or a link to a
     * folder under it); {@code prefix} is {@code view} relative to the include. {@code open} holds the
     * folders being listed, so that a link back up the tree ends instead of looping (as on disk).
     */
    private void collect(Revision revision, String view, String dir, String prefix, Deque<String> open, List<Found> out) {
        if (open.contains(dir) || open.size() > MAX_HOPS) {
            return;
        }
        open.push(dir);
        for (Map.Entry<String, GitFile> e : revision.files().entrySet()) {
            String path = e.getKey();
            if (GitPaths.isUnder(path, dir) && !path.equals(dir)) {
                String relative = prefix + GitPaths.relativeTo(path, dir);
                if (isSql(path) && !hidden(relative)) {
                    out.add(new Found(relative, new GitFile(join(view, GitPaths.relativeTo(path, dir)), e.getValue().blob()),
                            path));
                }
            }
        }
        for (String link : revision.links().keySet()) {
            if (!GitPaths.isUnder(link, dir) || link.equals(dir)) {
                continue;
            }
            String relative = prefix + GitPaths.relativeTo(link, dir);
            if (hidden(relative)) {
                continue;
            }
            String linkView = join(view, GitPaths.relativeTo(link, dir));
            String target = resolve(revision, link);
            GitFile file = revision.files().get(target);
            if (file != null) {
                if (isSql(link)) {
                    out.add(new Found(relative, new GitFile(linkView, file.blob()), target));
                }
            } else if (isFolder(revision, target)) {
                collect(revision, linkView, target, relative + "/", open, out);
            } else if (isSql(link)) {
                throw new ConfitureException("INCLUDE_BROKEN_LINK", link + " is a symbolic link to "
                        + revision.links().get(link) + ", which is not in " + revision.label()
                        + ". Point the link at the file, or delete it.", Path.of(link), 0);
            }
        }
        open.pop();
    }

    /**
     * The repository path a link leads to, every link on the way followed; an error when it leaves the
     * repository, or the project unless that is allowed.
     */
    String resolve(Revision revision, String link) {
        String path = link;
        for (int hops = 0; hops < MAX_HOPS; hops++) {
            String next = step(revision, path, link);
            if (next.equals(path)) {
                if (!allowOutside && !GitPaths.isUnder(path, project)) {
                    throw outside(revision, link, false);
                }
                return path;
            }
            path = next;
        }
        throw new ConfitureException("INCLUDE_LINK_LOOP", link + " is a symbolic link that leads through more than "
                + MAX_HOPS + " links (a loop). Point it at a file or folder.", Path.of(link), 0);
    }

    /** {@code path} with its first linked component replaced by the link's target; itself when none is a link. */
    private String step(Revision revision, String path, String origin) {
        String[] parts = path.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                prefix.append('/');
            }
            prefix.append(parts[i]);
            String target = revision.links().get(prefix.toString());
            if (target != null) {
                String parent = prefix.lastIndexOf("/") < 0 ? "" : prefix.substring(0, prefix.lastIndexOf("/"));
                String rest = i + 1 < parts.length ? "/" + String.join("/", List.of(parts).subList(i + 1, parts.length)) : "";
                String joined = normalizeWithin(revision, parent, target.strip(), origin);
                return GitPaths.normalize(joined + rest);
            }
        }
        return path;
    }

    /** {@code target} (as the link says) from the folder {@code parent}, with {@code .} and {@code ..} applied. */
    private String normalizeWithin(Revision revision, String parent, String target, String origin) {
        if (target.startsWith("/") || target.matches("^[A-Za-z]:[\\\\/].*")) {
            throw outside(revision, origin, true);
        }
        Deque<String> parts = new ArrayDeque<>();
        if (!parent.isEmpty()) {
            for (String p : parent.split("/")) {
                parts.addLast(p);
            }
        }
        for (String p : target.replace('\\', '/').split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    throw outside(revision, origin, true);
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    /**
     * A link that leaves the project is refused as on disk; with {@code allow_external_includes} only one
     * that leaves the repository is, because validate cannot read its target from git.
     */
    private ConfitureException outside(Revision revision, String link, boolean leavesRepository) {
        String target = link + " is a symbolic link to " + revision.links().get(link) + " (in " + revision.label() + "), ";
        if (allowOutside && leavesRepository) {
            return new ConfitureException("VALIDATE_LINK_OUTSIDE_REPOSITORY", target + "outside the git repository."
                    + " validate reads schema files from git, so it cannot see that file: move it into the repository"
                    + " or point the link inside it.", Path.of(link), 0);
        }
        return new ConfitureException("INCLUDE_LINK_OUTSIDE_PROJECT", target + "outside the project"
                + (project.isEmpty() ? "" : " " + project) + ". " + IncludeScope.remedy(null), Path.of(link), 0);
    }

    private static boolean isFolder(Revision revision, String path) {
        String prefix = path.isEmpty() ? "" : path + "/";
        return revision.files().keySet().stream().anyMatch(p -> p.startsWith(prefix))
                || revision.links().keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }

    private static String join(String dir, String relative) {
        return dir.isEmpty() ? relative : dir + "/" + relative;
    }

    /** As on disk ({@code SqlFiles}): names starting with a dot (editor backups) are not schema files. */
    private static boolean hidden(String relative) {
        return relative.startsWith(".") || relative.contains("/.");
    }

    static boolean isSql(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".sql");
    }
}
