package dev.confiture.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Range resolution and file listing against real repositories made with the git command. */
class GitRepositoryTest {

    @TempDir
    Path tmp;

    private static final List<String> ALL = List.of("");

    @Test
    void aFolderOutsideAnyRepositoryIsAClearError() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> GitRepository.open(plain))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("is not inside a git repository")
                .satisfies(e -> assertThat(((ConfitureException) e).code()).isEqualTo("VALIDATE_NOT_A_REPOSITORY"));
    }

    @Test
    void aRepositoryWithoutCommitsIsAnErrorUnlessStaged() {
        TestRepo repo = TestRepo.init(tmp.resolve("r"));
        repo.write("db/schema/t.sql", "CREATE TABLE t (id int);").add();
        try (GitRepository git = GitRepository.open(repo.dir())) {
            assertThatThrownBy(() -> git.range("origin/main", false, false))
                    .isInstanceOf(ConfitureException.class)
                    .hasMessageContaining("has no commits yet")
                    .hasMessageContaining("-Dconfiture.staged=true");

            GitRepository.Range range = git.range("origin/main", false, true);
            assertThat(range.base().commit()).isNull();
            assertThat(range.base().id()).isEqualTo("empty tree");
            assertThat(range.target().index()).isTrue();
            assertThat(git.files(range.base(), ALL).files()).isEmpty();
            assertThat(git.files(range.target(), ALL).files()).containsOnlyKeys("db/schema/t.sql");
        }
    }

    @Test
    void anUnknownBaseRefTellsTheUserWhatToFetch() {
        TestRepo repo = TestRepo.init(tmp.resolve("r"));
        repo.write("a.sql", "x").commit("one");
        try (GitRepository git = GitRepository.open(repo.dir())) {
            assertThatThrownBy(() -> git.range("origin/main", false, false))
                    .isInstanceOf(ConfitureException.class)
                    .hasMessageContaining("'origin/main' does not exist")
                    .hasMessageContaining("git fetch origin main")
                    .hasMessageContaining("fetch-depth: 0")
                    .satisfies(e -> assertThat(((ConfitureException) e).code()).isEqualTo("VALIDATE_UNKNOWN_REF"));
            assertThatThrownBy(() -> git.range("no-such-branch", true, true))
                    .hasMessageContaining("'no-such-branch' does not exist");
            assertThatThrownBy(() -> git.range("HEAD~5", true, false))
                    .hasMessageContaining("'HEAD~5' does not exist");
        }
    }

    @Test
    void stagedRunsWithoutTheDefaultRemoteCompareTheIndexWithHead() {
        TestRepo repo = TestRepo.init(tmp.resolve("r"));
        String head = repo.write("a.sql", "x").commit("one");
        try (GitRepository git = GitRepository.open(repo.dir())) {
            GitRepository.Range range = git.range(ValidateOptions.DEFAULT_BASE_REF, false, true);
            assertThat(range.base().id()).isEqualTo(head);
            assertThat(range.target().id()).isEqualTo("index");
            assertThat(range.notes()).anySatisfy(n -> assertThat(n).contains("compared with HEAD"));
        }
    }

    @Test
    void tagsBranchesRelativeRevisionsAndRemoteBranchesResolve() {
        TestRepo origin = TestRepo.init(tmp.resolve("origin"));
        String first = origin.write("a.sql", "1").commit("one");
        String second = origin.write("a.sql", "2").commit("two");
        origin.git("tag", "v1", first);
        TestRepo.run(tmp, "clone", "-q", origin.dir().toString(), "clone");
        TestRepo clone = new TestRepo(tmp.resolve("clone"));
        clone.git("checkout", "-q", "-b", "feature");
        String third = clone.write("a.sql", "3").commit("three");
        try (GitRepository git = GitRepository.open(clone.dir())) {
            assertThat(git.range("origin/main", false, false).base().id()).isEqualTo(second);
            assertThat(git.range("main", true, false).base().id()).isEqualTo(second);
            assertThat(git.range("v1", true, false).base().id()).isEqualTo(first);
            assertThat(git.range("HEAD~2", true, false).base().id()).isEqualTo(first);
            assertThat(git.range(first.substring(0, 12), true, false).base().id()).isEqualTo(first);
            GitRepository.Range range = git.range("HEAD", true, false);
            assertThat(range.base().id()).isEqualTo(third);
            assertThat(range.target().id()).isEqualTo(third);
        }
    }

    @Test
    void theBaseIsTheMergeBaseEvenAfterMainMovedOnOrWasMergedIn() {
        TestRepo repo = TestRepo.init(tmp.resolve("r"));
        String fork = repo.write("a.sql", "1").commit("one");
        repo.git("checkout", "-q", "-b", "feature");
        repo.write("b.sql", "feature").commit("feature work");
        repo.git("checkout", "-q", "main");
        String mainTip = repo.write("c.sql", "main").commit("main work");
        repo.git("checkout", "-q", "feature");
        try (GitRepository git = GitRepository.open(repo.dir())) {
            assertThat(git.range("main", true, false).base().id()).isEqualTo(fork);
        }
        repo.git("merge", "-q", "--no-edit", "main");
        String merge = repo.head();
        try (GitRepository git = GitRepository.open(repo.dir())) {
            GitRepository.Range range = git.range("main", true, false);
            assertThat(range.base().id()).isEqualTo(mainTip);
            assertThat(range.target().id()).isEqualTo(merge);
            assertThat(range.base().label()).contains("main");
        }
    }

    @Test
    void aShallowCloneWithoutTheMergeBaseSaysToFetchTheHistory() {
        TestRepo origin = TestRepo.init(tmp.resolve("origin"));
        origin.write("a.sql", "1").commit("one");
        origin.write("a.sql", "2").commit("two");
        origin.git("checkout", "-q", "-b", "feature", "HEAD~1");
        origin.write("b.sql", "feature").commit("feature");
        TestRepo.run(tmp, "clone", "-q", "--depth", "1", "--branch", "feature", "file://" + origin.dir(), "clone");
        TestRepo clone = new TestRepo(tmp.resolve("clone"));
        clone.git("fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main");
        try (GitRepository git = GitRepository.open(clone.dir())) {
            assertThatThrownBy(() -> git.range("origin/main", false, false))
                    .isInstanceOf(ConfitureException.class)
                    .hasMessageContaining("shallow")
                    .hasMessageContaining("fetch-depth: 0")
                    .satisfies(e -> assertThat(((ConfitureException) e).code()).isEqualTo("VALIDATE_SHALLOW_CLONE"));
        }
    }

    @Test
    void unrelatedHistoriesHaveNoRange() {
        TestRepo repo = TestRepo.init(tmp.resolve("r"));
        repo.write("a.sql", "1").commit("one");
        repo.git("checkout", "-q", "--orphan", "other");
        repo.write("a.sql", "2").commit("unrelated");
        try (GitRepository git = GitRepository.open(repo.dir())) {
            assertThatThrownBy(() -> git.range("main", true, false))
                    .hasMessageContaining("no common ancestor");
        }
    }

    @Test
    void filesComeFromTheTreeOrTheIndexNotFromTheWorkingDirectory() {
        TestRepo repo = TestRepo.init(tmp.resolve("r"));
        String first = repo.write("db/schema/a.sql", "committed").write("docs/readme.md", "x").commit("one");
        repo.write("db/schema/a.sql", "staged").add("db/schema/a.sql");
        repo.write("db/schema/a.sql", "only on disk").write("db/schema/b.sql", "untracked");
        try (GitRepository git = GitRepository.open(repo.dir()); BlobReader blobs = git.blobs()) {
            GitRepository.Range range = git.range("HEAD", true, true);
            Revision committed = git.files(range.base(), List.of("db/schema"));
            Revision index = git.files(range.target(), List.of("db/schema"));
            assertThat(committed.id()).isEqualTo(first);
            assertThat(committed.files()).containsOnlyKeys("db/schema/a.sql");
            assertThat(index.files()).containsOnlyKeys("db/schema/a.sql");
            assertThat(blobs.text(committed.files().get("db/schema/a.sql"))).isEqualTo("committed");
            assertThat(blobs.text(index.files().get("db/schema/a.sql"))).isEqualTo("staged");
        }
    }

    @Test
    void symbolicLinksAreListedWithTheirTargetsAndThenTheWholeTreeIsListed() throws Exception {
        TestRepo repo = TestRepo.init(tmp.resolve("r"));
        repo.write("db/schema/a.sql", "x").write("other/b.sql", "y").write("third/c.sql", "z");
        repo.commit("one");
        try (GitRepository git = GitRepository.open(repo.dir())) {
            GitRepository.Range range = git.range("HEAD", true, false);
            Revision noLinks = git.files(range.target(), List.of("db/schema"));
            assertThat(noLinks.files()).containsOnlyKeys("db/schema/a.sql");
            assertThat(noLinks.links()).isEmpty();
        }
        Files.createSymbolicLink(repo.path("db/schema/link.sql"), Path.of("../../other/b.sql"));
        repo.commit("two");
        try (GitRepository git = GitRepository.open(repo.dir())) {
            GitRepository.Range range = git.range("HEAD", true, false);
            // a link may point anywhere in the repository, so its side lists the whole tree
            Revision linked = git.files(range.target(), List.of("db/schema"));
            assertThat(linked.links()).containsExactly(java.util.Map.entry("db/schema/link.sql", "../../other/b.sql"));
            assertThat(linked.files()).containsOnlyKeys("db/schema/a.sql", "other/b.sql", "third/c.sql");
            repo.add();
            Revision index = git.files(new GitRepository.RevisionRef(null, true, "index"), List.of("db/schema"));
            assertThat(index.links()).containsOnlyKeys("db/schema/link.sql");
            assertThat(index.files()).containsOnlyKeys("db/schema/a.sql", "other/b.sql", "third/c.sql");
        }
    }

    @Test
    void unmergedIndexEntriesAreReported() {
        TestRepo repo = TestRepo.init(tmp.resolve("r"));
        repo.write("db/schema/a.sql", "base").commit("one");
        repo.git("checkout", "-q", "-b", "other");
        repo.write("db/schema/a.sql", "other").commit("other");
        repo.git("checkout", "-q", "main");
        repo.write("db/schema/a.sql", "main").commit("main");
        try {
            repo.git("merge", "-q", "other");
        } catch (IllegalStateException expected) {
            // the conflict is the point
        }
        try (GitRepository git = GitRepository.open(repo.dir())) {
            GitRepository.Range range = git.range("HEAD", true, true);
            assertThatThrownBy(() -> git.files(range.target(), List.of("db/schema")))
                    .hasMessageContaining("unresolved merge conflicts");
        }
    }

    @Test
    void theIndexAGitHookNamesIsReadWhenItBelongsToTheRepository() throws Exception {
        TestRepo repo = TestRepo.init(tmp.resolve("r"));
        repo.write("db/schema/a.sql", "committed").commit("one");
        // What `git commit -a` does: stage into a temporary index, leaving .git/index alone.
        repo.write("db/schema/a.sql", "in the hook's index").add("db/schema/a.sql");
        Files.copy(repo.path(".git/index"), repo.path(".git/next-index-42.lock"));
        repo.git("reset", "-q");
        Path otherRepoIndex = TestRepo.init(tmp.resolve("other")).path(".git/index");
        Files.copy(repo.path(".git/next-index-42.lock"), otherRepoIndex);

        try (GitRepository git = GitRepository.open(repo.dir(), ".git/next-index-42.lock");
             BlobReader blobs = git.blobs()) {
            Revision index = git.files(git.range("HEAD", true, true).target(), List.of("db"));
            assertThat(blobs.text(index.files().get("db/schema/a.sql"))).isEqualTo("in the hook's index");
        }
        for (String foreign : new String[] {otherRepoIndex.toString(), ".git/missing", null}) {
            try (GitRepository git = GitRepository.open(repo.dir(), foreign); BlobReader blobs = git.blobs()) {
                Revision index = git.files(git.range("HEAD", true, true).target(), List.of("db"));
                assertThat(blobs.text(index.files().get("db/schema/a.sql"))).as(foreign).isEqualTo("committed");
            }
        }
    }
}
