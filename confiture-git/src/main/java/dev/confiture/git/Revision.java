package dev.confiture.git;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One side of the range, as files: the tree of a commit, the index, or the empty tree. {@code files}
 * holds only the paths under the folders validate looks at, keyed by repository path. {@code id}
 * is the commit id, {@code index} or {@code empty tree} for reports. {@code links} are the symbolic
 * links (git mode 120000) by repository path, each with its target as git stores it (the blob's text);
 * when there are links under those folders, {@code files} and {@code links} hold the whole tree, so
 * that a link's target can be found wherever it is.
 */
public record Revision(String id, String label, Map<String, GitFile> files, Map<String, String> links) {

    public Revision {
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
        links = java.util.Collections.unmodifiableMap(new TreeMap<>(links));
    }

    /** A side without symbolic links. */
    public Revision(String id, String label, Map<String, GitFile> files) {
        this(id, label, files, Map.of());
    }

    public List<GitFile> matching(Predicate<String> path) {
        return files.values().stream().filter(f -> path.test(f.path())).toList();
    }
}
