package dev.confiture.model.files;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlFilesTest {

    @TempDir
    Path dir;

    private Path write(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "-- " + relative + "\n");
        return p;
    }

    private List<String> relative(List<Path> files) {
        return files.stream().map(p -> dir.relativize(p).toString()).toList();
    }

    @Test
    void directoriesAreWalkedRecursivelyInNaturalOrder() throws IOException {
        write("schema/10_tables/users.sql");
        write("schema/10_tables/2_orders.sql");
        write("schema/10_tables/10_items.sql");
        write("schema/9_types/enum.sql");
        write("schema/00_common/extensions.sql");
        write("schema/100_views/v.sql");
        write("schema/README.md");
        write("schema/10_tables/notes.txt");
        write("schema/20_upper/UPPER.SQL");

        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("schema")), IncludeScope.within(dir)))).containsExactly(
                "schema/00_common/extensions.sql",
                "schema/9_types/enum.sql",
                "schema/10_tables/2_orders.sql",
                "schema/10_tables/10_items.sql",
                "schema/10_tables/users.sql",
                "schema/20_upper/UPPER.SQL",
                "schema/100_views/v.sql");
    }

    @Test
    void includesKeepTheirGivenOrderAndFilesAreTakenAsTheyAre() throws IOException {
        write("schema/a.sql");
        write("seeds/common/1_users.sql");
        Path single = write("extra/setup.psql");

        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("seeds"), single, dir.resolve("schema")), IncludeScope.within(dir))))
                .containsExactly("seeds/common/1_users.sql", "extra/setup.psql", "schema/a.sql");
    }

    @Test
    void aFileReachedTwiceIsListedOnceAtItsFirstPosition() throws IOException {
        write("schema/1_a.sql");
        Path b = write("schema/2_b.sql");
        write("schema/sub/3_c.sql");

        List<Path> files = SqlFiles.discover(List.of(b, dir.resolve("schema"), dir.resolve("schema/sub"), dir.resolve("schema/./sub/../2_b.sql")), IncludeScope.within(dir));
        assertThat(relative(files)).containsExactly("schema/2_b.sql", "schema/1_a.sql", "schema/sub/3_c.sql");
    }

    @Test
    void symbolicLinksAreFollowedWithoutLoopingAndWithoutDuplicates() throws IOException {
        write("schema/1_a.sql");
        write("shared/2_shared.sql");
        Files.createSymbolicLink(dir.resolve("schema/linked"), dir.resolve("shared"));
        Files.createSymbolicLink(dir.resolve("schema/loop"), dir.resolve("schema"));

        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("schema"), dir.resolve("shared")), IncludeScope.within(dir))))
                .containsExactly("schema/1_a.sql", "schema/linked/2_shared.sql");
    }

    @Test
    void aLinkMetLateInAWalkStillGivesEveryFileOnceInOrder() throws IOException {
        // A tree is first walked without following links; the link in the last folder sends it back to
        // the walk that follows them, and nothing the first walk had listed may be kept twice or lost.
        for (int i = 1; i <= 9; i++) {
            write("project/db/migrations/0" + i + "/00" + i + "_m.up.sql");
        }
        write("project/shared/099_linked.up.sql");
        Files.createSymbolicLink(dir.resolve("project/db/migrations/09/z_shared"), Path.of("../../../shared"));

        List<String> listed = relative(SqlFiles.discover(List.of(dir.resolve("project/db/migrations")),
                IncludeScope.within(dir.resolve("project"))));

        assertThat(listed).hasSize(10).startsWith("project/db/migrations/01/001_m.up.sql")
                .endsWith("project/db/migrations/09/009_m.up.sql", "project/db/migrations/09/z_shared/099_linked.up.sql");
    }

    @Test
    void aHiddenLinkIsSkippedWithoutBeingFollowed() throws IOException {
        write("project/db/schema/1_a.sql");
        write("outside/ext/secret.sql");
        Files.createSymbolicLink(dir.resolve("project/db/schema/.ext"), dir.resolve("outside/ext"));
        Files.createSymbolicLink(dir.resolve("project/db/schema/.2_b.sql"), dir.resolve("outside/ext/secret.sql"));

        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("project/db/schema")), IncludeScope.within(dir.resolve("project")))))
                .containsExactly("project/db/schema/1_a.sql");
    }

    @Test
    void hiddenFilesAndDirectoriesAreSkipped() throws IOException {
        write("schema/1_a.sql");
        write("schema/.#1_a.sql");
        write("schema/.backup/2_b.sql");

        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("schema")), IncludeScope.within(dir)))).containsExactly("schema/1_a.sql");
    }

    @Test
    void anEmptyDirectoryContributesNothing() throws IOException {
        Files.createDirectories(dir.resolve("seeds/test"));
        assertThat(SqlFiles.discover(List.of(dir.resolve("seeds/test")), IncludeScope.within(dir))).isEmpty();
    }

    @Test
    void returnsAbsoluteNormalisedPaths() throws IOException {
        write("schema/a.sql");
        List<Path> files = SqlFiles.discover(List.of(dir.resolve("schema/../schema")), IncludeScope.within(dir));
        assertThat(files).containsExactly(dir.resolve("schema/a.sql").toAbsolutePath().normalize());
    }

    @Test
    void anIncludeThatIsNeitherFileNorDirectoryIsAnError() {
        Path device = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(device));
        assertThatThrownBy(() -> SqlFiles.discover(List.of(device), new IncludeScope(dir, true, null)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("INCLUDE_NOT_FOUND");
                    assertThat(e.getMessage()).contains("/dev/null").contains("neither a file nor a directory");
                });
    }

    @Test
    void aMissingIncludeNamesItselfAndTheConfigFile() {
        Path config = dir.resolve("db/environments/local.yaml");
        Path missing = dir.resolve("db/schema2");
        assertThatThrownBy(() -> SqlFiles.discover(List.of(missing), new IncludeScope(dir, false, config)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("INCLUDE_NOT_FOUND");
                    assertThat(e.file()).isEqualTo(config);
                    assertThat(e.getMessage()).contains(missing.toString()).contains("local.yaml").contains("relative to");
                });
        assertThatThrownBy(() -> SqlFiles.discover(List.of(missing), IncludeScope.within(dir)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("INCLUDE_NOT_FOUND");
                    assertThat(e.file()).isNull();
                    assertThat(e.getMessage()).contains(missing.toString());
                });
    }

    // One rule for symbolic links (issue 18): followed inside the project, an error naming the link outside it.

    private ConfitureException refused(List<Path> includes) {
        try {
            SqlFiles.discover(includes, new IncludeScope(dir.resolve("project"), false, dir.resolve("project/db/environments/local.yaml")));
        } catch (ConfitureException e) {
            return e;
        }
        throw new AssertionError("expected the includes to be refused");
    }

    @Test
    void aLinkedFileInsideTheProjectIsFollowedUnderTheLinksName() throws IOException {
        write("project/db/schema/1_a.sql");
        write("project/shared/common.sql");
        Files.createSymbolicLink(dir.resolve("project/db/schema/2_common.sql"), Path.of("../../shared/common.sql"));
        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("project/db/schema")), IncludeScope.within(dir.resolve("project")))))
                .containsExactly("project/db/schema/1_a.sql", "project/db/schema/2_common.sql");
    }

    @Test
    void aFileAndALinkToItInTheSameFolderOrThroughALinkedFolderCountOnce() throws IOException {
        write("project/db/schema/1_a.sql");
        Files.createSymbolicLink(dir.resolve("project/db/schema/2_again.sql"), Path.of("1_a.sql"));
        Files.createSymbolicLink(dir.resolve("project/db/linked"), Path.of("schema"));
        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("project/db/schema"), dir.resolve("project/db/linked")),
                IncludeScope.within(dir.resolve("project")))))
                .containsExactly("project/db/schema/1_a.sql");
    }

    @Test
    void withinOneFolderAFileReachedTwiceThroughALinkCountsOnce() throws IOException {
        // one include: the listing skips merging only when it met no link
        write("project/db/schema/1_a.sql");
        Files.createSymbolicLink(dir.resolve("project/db/schema/2_again.sql"), Path.of("1_a.sql"));
        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("project/db/schema")), IncludeScope.within(dir.resolve("project")))))
                .containsExactly("project/db/schema/1_a.sql");

        write("project/db/other/tables/t.sql");
        Files.createSymbolicLink(dir.resolve("project/db/other/views"), Path.of("tables"));
        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("project/db/other")), IncludeScope.within(dir.resolve("project")))))
                .containsExactly("project/db/other/tables/t.sql");
    }

    @Test
    void aLinkedFolderInsideTheProjectIsFollowed() throws IOException {
        write("project/db/schema/1_a.sql");
        write("project/shared/tables/t.sql");
        Files.createSymbolicLink(dir.resolve("project/db/schema/5_shared"), Path.of("../../shared"));
        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("project/db/schema")), IncludeScope.within(dir.resolve("project")))))
                .containsExactly("project/db/schema/1_a.sql", "project/db/schema/5_shared/tables/t.sql");
    }

    @Test
    void aLinkToAFolderOutsideTheProjectIsAnErrorNamingTheLinkAndItsTarget() throws IOException {
        write("project/db/schema/1_a.sql");
        write("outside/ext/secret.sql");
        Path link = dir.resolve("project/db/schema/5_ext");
        Files.createSymbolicLink(link, dir.resolve("outside/ext"));
        ConfitureException e = refused(List.of(dir.resolve("project/db/schema")));
        assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
        assertThat(e.file()).isEqualTo(link);
        assertThat(e.getMessage()).contains(link.toString(), dir.resolve("outside/ext").toString(),
                "outside the project", "allow_external_includes: true", "local.yaml");
    }

    @Test
    void aLinkToEtcPasswdIsAnErrorNamingTheLink() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(Path.of("/etc/passwd")));
        write("project/db/schema/1_a.sql");
        Path link = dir.resolve("project/db/schema/9_passwd.sql");
        Files.createSymbolicLink(link, Path.of("/etc/passwd"));
        ConfitureException e = refused(List.of(dir.resolve("project/db/schema")));
        assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
        assertThat(e.getMessage()).contains(link.toString(), "/etc/passwd");
    }

    @Test
    void anIncludeOutsideTheProjectIsAnErrorAndAnIncludeThatIsALinkOutsideNamesTheLink() throws IOException {
        write("outside/ext/secret.sql");
        ConfitureException direct = refused(List.of(dir.resolve("outside/ext")));
        assertThat(direct.code()).isEqualTo("INCLUDE_OUTSIDE_PROJECT");
        assertThat(direct.getMessage()).contains(dir.resolve("outside/ext").toString(), "outside the project");

        Files.createDirectories(dir.resolve("project/db"));
        Path link = dir.resolve("project/db/schema");
        Files.createSymbolicLink(link, dir.resolve("outside/ext"));
        ConfitureException linked = refused(List.of(dir.resolve("project/db/schema")));
        assertThat(linked.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
        assertThat(linked.getMessage()).contains(link.toString(), dir.resolve("outside/ext").toString());
    }

    @Test
    void theEnvironmentMayAllowIncludesAndLinksOutsideTheProject() throws IOException {
        write("project/db/schema/1_a.sql");
        write("outside/ext/secret.sql");
        Files.createSymbolicLink(dir.resolve("project/db/schema/5_ext"), dir.resolve("outside/ext"));
        IncludeScope allowed = new IncludeScope(dir.resolve("project"), true, null);
        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("project/db/schema"), dir.resolve("outside/ext")), allowed)))
                .containsExactly("project/db/schema/1_a.sql", "project/db/schema/5_ext/secret.sql");
    }

    @Test
    void aBrokenLinkNamedLikeASqlFileIsAnError() throws IOException {
        write("project/db/schema/1_a.sql");
        Path link = dir.resolve("project/db/schema/2_gone.sql");
        Files.createSymbolicLink(link, Path.of("nowhere.sql"));
        ConfitureException e = refused(List.of(dir.resolve("project/db/schema")));
        assertThat(e.code()).isEqualTo("INCLUDE_BROKEN_LINK");
        assertThat(e.getMessage()).contains(link.toString(), "nowhere.sql");
    }
}
