package dev.confiture.git;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One side of the range, as files: the tree of a commit, the index, or the empty tree. {@code files}
 * holds only the paths under the folders validate looks at, keyed by repository path. {@code id}
 * is the commit id, {@code index} or {@code empty tree} for reports.
 */
public record Revision(String id, String label, Map<String, GitFile> files) {

    public Revision {
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public List<GitFile> matching(Predicate<String> path) {
        return files.values().stream().filter(f -> path.test(f.path())).toList();
    }
}
