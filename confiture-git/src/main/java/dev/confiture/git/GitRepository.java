package dev.confiture.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.confiture.model.ConfitureException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoWorkTreeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * The git side of validate: finds the repository around a directory, resolves the range
 * (merge-base of the base ref and HEAD, to HEAD or to the index) and lists the files of a commit's
 * tree or of the index under given folders. Every way this can go wrong ends in a
 * {@link ConfitureException} that tells the user what to do.
 */
public final class GitRepository implements AutoCloseable {

    /** What the range resolved to: the two sides, and notes for the report (such as a fallback taken). */
    public record Range(RevisionRef base, RevisionRef target, List<String> notes) {
    }

    /** A side of the range before its files are read: a commit, the index, or the empty tree. */
    public record RevisionRef(ObjectId commit, boolean index, String label) {
        static RevisionRef emptyTree(String why) {
            return new RevisionRef(null, false, "empty tree (" + why + ")");
        }

        public String id() {
            if (index) {
                return "index";
            }
            return commit == null ? "empty tree" : commit.name();
        }
    }

    private final Repository repository;
    private final Path workTree;

    private GitRepository(Repository repository, Path workTree) {
        this.repository = repository;
        this.workTree = workTree;
    }

    /**
     * Opens the repository that holds {@code directory} (searching upwards, as git does). When git
     * runs a hook it may point {@code GIT_INDEX_FILE} at a temporary index ({@code git commit -a},
     * {@code git commit <paths>}): that is the index about to be committed, so it is the one read.
     */
    public static GitRepository open(Path directory) {
        return open(directory, System.getenv("GIT_INDEX_FILE"));
    }

    /** As {@link #open(Path)}, with the value of {@code GIT_INDEX_FILE} given (null when unset). */
    static GitRepository open(Path directory, String gitIndexFile) {
        File dir = directory.toAbsolutePath().toFile();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir);
        if (builder.getGitDir() == null) {
            throw new ConfitureException("VALIDATE_NOT_A_REPOSITORY", directory.toAbsolutePath()
                    + " is not inside a git repository. confiture:validate compares git revisions: run it in a git"
                    + " checkout (git init, or git clone), or skip it with -Dconfiture.skip=true");
        }
        try {
            builder.setMustExist(true).setup();
            if (builder.isBare()) {
                throw new ConfitureException("VALIDATE_BARE_REPOSITORY", builder.getGitDir()
                        + " is a bare repository; confiture:validate needs a checkout with a work tree");
            }
            File hookIndex = hookIndex(builder.getGitDir(), builder.getWorkTree(), gitIndexFile);
            if (hookIndex != null) {
                builder.setIndexFile(hookIndex);
            }
            Repository repository = builder.build();
            return new GitRepository(repository, repository.getWorkTree().toPath());
        } catch (IOException | IllegalArgumentException | NoWorkTreeException e) {
            throw new ConfitureException("VALIDATE_NOT_A_REPOSITORY",
                    "Could not open the git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The index a git hook names, if it belongs to this repository. Git gives it relative to the
     * work tree root, where hooks start (the hook may have changed folder since); an index of
     * another repository (a build run from some other repository's hook) is not ours to read.
     */
    static File hookIndex(File gitDir, File workTree, String gitIndexFile) {
        if (gitIndexFile == null || gitIndexFile.isBlank()) {
            return null;
        }
        Path index = Path.of(gitIndexFile);
        if (!index.isAbsolute()) {
            index = workTree.toPath().resolve(index);
        }
        Path realGitDir = GitPaths.real(gitDir.toPath());
        Path realIndex = GitPaths.real(index);
        if (!realIndex.startsWith(realGitDir) || !realIndex.toFile().isFile()) {
            return null;
        }
        return realIndex.toFile();
    }

    public Path workTree() {
        return workTree;
    }

    Repository repository() {
        return repository;
    }

    /**
     * The range to validate. {@code baseRef} is any revision git understands (a branch, a remote
     * branch, a tag, {@code HEAD~10}, a commit id). With {@code staged} the target is the index.
     * When {@code staged} and the base ref was not given explicitly but the default one does not
     * exist (a local repository without {@code origin}), the base is HEAD: a pre-commit hook then
     * checks what is about to be committed. Before the first commit, a staged run compares the index
     * with the empty tree.
     */
    public Range range(String baseRef, boolean baseRefExplicit, boolean staged) {
        List<String> notes = new ArrayList<>();
        ObjectId head = resolve("HEAD");
        if (head == null) {
            if (staged) {
                notes.add("The repository has no commits yet: the index is compared with the empty tree.");
                return new Range(RevisionRef.emptyTree("no commits yet"), index(), notes);
            }
            throw new ConfitureException("VALIDATE_NO_COMMITS", "The git repository at " + workTree
                    + " has no commits yet, so there is no range to validate. Commit first, or validate what is"
                    + " staged with -Dconfiture.staged=true");
        }
        RevisionRef target = staged ? index() : new RevisionRef(head, false, "HEAD " + head.abbreviate(10).name());
        ObjectId base = resolve(baseRef);
        if (base == null) {
            if (staged && !baseRefExplicit) {
                notes.add("Base ref '" + baseRef + "' does not exist here: the index is compared with HEAD.");
                return new Range(new RevisionRef(head, false, "HEAD " + head.abbreviate(10).name()), target, notes);
            }
            throw unknownRef(baseRef);
        }
        ObjectId mergeBase = mergeBase(base, head, baseRef);
        String label = mergeBase.equals(base)
                ? baseRef + " " + mergeBase.abbreviate(10).name()
                : "merge-base of " + baseRef + " and HEAD " + mergeBase.abbreviate(10).name();
        return new Range(new RevisionRef(mergeBase, false, label), target, notes);
    }

    private RevisionRef index() {
        return new RevisionRef(null, true, "index (staged changes)");
    }

    /** The commit a revision names, or null when it names nothing. */
    private ObjectId resolve(String revision) {
        try {
            return repository.resolve(revision + "^{commit}");
        } catch (RevisionSyntaxException e) {
            throw new ConfitureException("VALIDATE_BAD_REF", "'" + revision + "' is not a valid git revision ("
                    + e.getMessage() + "). Set confiture.baseRef to a branch, tag or commit, such as origin/main,"
                    + " v1.2.0 or HEAD~1", e);
        } catch (AmbiguousObjectException e) {
            throw new ConfitureException("VALIDATE_BAD_REF", "'" + revision
                    + "' is an ambiguous abbreviated commit id; give more digits or a branch or tag name", e);
        } catch (MissingObjectException e) {
            // A shallow clone cut the history short: HEAD~10 walks past the commits it has.
            return null;
        } catch (IOException e) {
            throw new ConfitureException("VALIDATE_GIT_ERROR", "Could not resolve '" + revision + "' in " + workTree
                    + ": " + e.getMessage(), e);
        }
    }

    private ConfitureException unknownRef(String baseRef) {
        String shallow = isShallow() ? " This is a shallow clone, which lacks most history." : "";
        return new ConfitureException("VALIDATE_UNKNOWN_REF", "Base ref '" + baseRef
                + "' does not exist in this repository." + shallow + " Fetch it first (git fetch origin main), and in"
                + " GitHub Actions check out with 'fetch-depth: 0'; or set confiture.baseRef to a branch, tag or commit"
                + " that exists here (for example -Dconfiture.baseRef=HEAD~1)");
    }

    private ObjectId mergeBase(ObjectId base, ObjectId head, String baseRef) {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(base));
            walk.markStart(walk.parseCommit(head));
            RevCommit mergeBase = walk.next();
            if (mergeBase != null) {
                return mergeBase.getId();
            }
        } catch (MissingObjectException e) {
            throw shallow(baseRef, e);
        } catch (IOException e) {
            throw new ConfitureException("VALIDATE_GIT_ERROR",
                    "Could not compute the merge-base of " + baseRef + " and HEAD: " + e.getMessage(), e);
        }
        if (isShallow()) {
            throw shallow(baseRef, null);
        }
        throw new ConfitureException("VALIDATE_NO_MERGE_BASE", "HEAD and '" + baseRef
                + "' have no common ancestor, so there is no range to validate. Set confiture.baseRef to the branch"
                + " this work started from");
    }

    private ConfitureException shallow(String baseRef, Throwable cause) {
        return new ConfitureException("VALIDATE_SHALLOW_CLONE", "The merge-base of '" + baseRef
                + "' and HEAD is not in this clone: it is shallow. Fetch the full history (git fetch --unshallow"
                + " origin, or in GitHub Actions check out with 'fetch-depth: 0'; in Jenkins disable shallow clone)",
                null, 0, false, cause);
    }

    private boolean isShallow() {
        try {
            Set<ObjectId> shallow = repository.getObjectDatabase().getShallowCommits();
            return !shallow.isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The files under {@code folders} (repository paths; the empty string is everything) at one side of
     * the range, with the symbolic links among them. When there is a link, the whole tree is listed, so
     * that validate can follow the link wherever it points inside the repository, as build does on disk.
     */
    public Revision files(RevisionRef ref, List<String> folders) {
        if (ref.commit() == null && !ref.index()) {
            return new Revision(ref.id(), ref.label(), Map.of());
        }
        Entries entries = entries(ref, folders, folders);
        if (!entries.links.isEmpty() && folders.stream().noneMatch(String::isEmpty)) {
            entries = entries(ref, List.of(""), folders);
        }
        return new Revision(ref.id(), ref.label(), entries.files, entries.links);
    }

    /** Regular files and symbolic links (with their targets) of one side. */
    private record Entries(Map<String, GitFile> files, Map<String, String> links) {
    }

    private Entries entries(RevisionRef ref, List<String> folders, List<String> checked) {
        return ref.index() ? indexFiles(folders, checked) : treeFiles(ref.commit(), folders);
    }

    private Entries treeFiles(ObjectId commit, List<String> folders) {
        Map<String, GitFile> files = new LinkedHashMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            if (folders.stream().noneMatch(String::isEmpty)) {
                tree.setFilter(PathFilterGroup.createFromStrings(folders));
            }
            while (tree.next()) {
                // Regular and executable files hold SQL; symbolic links are followed; submodules hold none.
                String path = tree.getPathString();
                if (FileMode.REGULAR_FILE.equals(tree.getRawMode(0)) || FileMode.EXECUTABLE_FILE.equals(tree.getRawMode(0))) {
                    files.put(path, new GitFile(path, tree.getObjectId(0)));
                } else if (FileMode.SYMLINK.equals(tree.getRawMode(0))) {
                    links.put(path, linkTarget(tree.getObjectId(0)));
                }
            }
            return new Entries(files, links);
        } catch (IOException e) {
            throw new ConfitureException("VALIDATE_GIT_ERROR",
                    "Could not read the tree of commit " + commit.name() + ": " + e.getMessage(), e);
        }
    }

    /** {@code checked}: the folders validate reads, where an unmerged entry is an error. */
    private Entries indexFiles(List<String> folders, List<String> checked) {
        Map<String, GitFile> files = new LinkedHashMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        DirCache index;
        try {
            index = repository.readDirCache();
        } catch (IOException e) {
            throw new ConfitureException("VALIDATE_GIT_ERROR", "Could not read the git index of " + workTree + ": "
                    + e.getMessage(), e);
        }
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry entry = index.getEntry(i);
            String path = entry.getPathString();
            if (folders.stream().noneMatch(f -> GitPaths.isUnder(path, f))) {
                continue;
            }
            if (entry.getStage() != DirCacheEntry.STAGE_0) {
                if (checked.stream().noneMatch(f -> GitPaths.isUnder(path, f))) {
                    continue; // listed only so that links can be followed; not a file validate reads
                }
                throw new ConfitureException("VALIDATE_UNMERGED", path + " has unresolved merge conflicts in the index;"
                        + " resolve them and git add the file before validating", Path.of(path), 0);
            }
            int mode = entry.getRawMode();
            if (entry.isIntentToAdd()) {
                continue;
            }
            if (mode == FileMode.REGULAR_FILE.getBits() || mode == FileMode.EXECUTABLE_FILE.getBits()) {
                files.put(path, new GitFile(path, entry.getObjectId()));
            } else if (mode == FileMode.SYMLINK.getBits()) {
                links.put(path, linkTarget(entry.getObjectId()));
            }
        }
        return new Entries(files, links);
    }

    /** A symbolic link's target: git stores it as the blob's content. */
    private String linkTarget(ObjectId blob) {
        try {
            return new String(repository.open(blob, org.eclipse.jgit.lib.Constants.OBJ_BLOB).getBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfitureException("VALIDATE_GIT_ERROR", "Could not read the symbolic link blob " + blob.name()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Reads blobs (shared by both sides of the range, so each distinct content is read once). */
    public BlobReader blobs() {
        return new BlobReader(repository.newObjectReader());
    }

    @Override
    public void close() {
        repository.close();
    }
}
