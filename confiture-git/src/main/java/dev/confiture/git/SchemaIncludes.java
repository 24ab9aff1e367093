package dev.confiture.git;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The environment's schema includes as repository paths, and the selection they make in a git
 * tree: a directory include takes every {@code .sql} file under it, recursively, in the documented
 * natural order of paths relative to the include (names starting with a dot skipped, as
 * {@code SqlFiles.discover} does on disk); a file include takes that file. Includes keep
 * their listed order and a file named by two includes is read once. Anything else (READMEs, images,
 * files outside every include) is not a schema file.
 */
public record SchemaIncludes(List<String> paths) {

    public SchemaIncludes {
        paths = paths.stream().map(GitPaths::normalize).toList();
    }

    public List<GitFile> select(Revision revision) {
        Set<String> seen = new LinkedHashSet<>();
        List<GitFile> selected = new ArrayList<>();
        for (String include : paths) {
            GitFile exact = revision.files().get(include);
            if (exact != null) {
                if (seen.add(exact.path())) {
                    selected.add(exact);
                }
                continue;
            }
            List<GitFile> under = new ArrayList<>(revision.matching(
                    p -> GitPaths.isUnder(p, include) && isSql(p) && !hidden(GitPaths.relativeTo(p, include))));
            under.sort((a, b) -> NaturalOrder.PATHS.compare(GitPaths.relativeTo(a.path(), include),
                    GitPaths.relativeTo(b.path(), include)));
            for (GitFile f : under) {
                if (seen.add(f.path())) {
                    selected.add(f);
                }
            }
        }
        return selected;
    }

    /** As on disk ({@code SqlFiles}): names starting with a dot (editor backups) are not schema files. */
    private static boolean hidden(String relative) {
        return relative.startsWith(".") || relative.contains("/.");
    }

    static boolean isSql(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".sql");
    }
}
