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

        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("schema"))))).containsExactly(
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

        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("seeds"), single, dir.resolve("schema")))))
                .containsExactly("seeds/common/1_users.sql", "extra/setup.psql", "schema/a.sql");
    }

    @Test
    void aFileReachedTwiceIsListedOnceAtItsFirstPosition() throws IOException {
        write("schema/1_a.sql");
        Path b = write("schema/2_b.sql");
        write("schema/sub/3_c.sql");

        List<Path> files = SqlFiles.discover(List.of(b, dir.resolve("schema"), dir.resolve("schema/sub"), dir.resolve("schema/./sub/../2_b.sql")));
        assertThat(relative(files)).containsExactly("schema/2_b.sql", "schema/1_a.sql", "schema/sub/3_c.sql");
    }

    @Test
    void symbolicLinksAreFollowedWithoutLoopingAndWithoutDuplicates() throws IOException {
        write("schema/1_a.sql");
        write("shared/2_shared.sql");
        Files.createSymbolicLink(dir.resolve("schema/linked"), dir.resolve("shared"));
        Files.createSymbolicLink(dir.resolve("schema/loop"), dir.resolve("schema"));

        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("schema"), dir.resolve("shared")))))
                .containsExactly("schema/1_a.sql", "schema/linked/2_shared.sql");
    }

    @Test
    void hiddenFilesAndDirectoriesAreSkipped() throws IOException {
        write("schema/1_a.sql");
        write("schema/.#1_a.sql");
        write("schema/.backup/2_b.sql");

        assertThat(relative(SqlFiles.discover(List.of(dir.resolve("schema"))))).containsExactly("schema/1_a.sql");
    }

    @Test
    void anEmptyDirectoryContributesNothing() throws IOException {
        Files.createDirectories(dir.resolve("seeds/test"));
        assertThat(SqlFiles.discover(List.of(dir.resolve("seeds/test")))).isEmpty();
    }

    @Test
    void returnsAbsoluteNormalisedPaths() throws IOException {
        write("schema/a.sql");
        List<Path> files = SqlFiles.discover(List.of(dir.resolve("schema/../schema")));
        assertThat(files).containsExactly(dir.resolve("schema/a.sql").toAbsolutePath().normalize());
    }

    @Test
    void anIncludeThatIsNeitherFileNorDirectoryIsAnError() {
        Path device = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(device));
        assertThatThrownBy(() -> SqlFiles.discover(List.of(device)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("INCLUDE_NOT_FOUND");
                    assertThat(e.getMessage()).contains("/dev/null").contains("neither a file nor a directory");
                });
    }

    @Test
    void aMissingIncludeNamesItselfAndTheConfigFile() {
        Path config = dir.resolve("db/environments/local.yaml");
        Path missing = dir.resolve("db/schema2");
        assertThatThrownBy(() -> SqlFiles.discover(List.of(missing), config))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("INCLUDE_NOT_FOUND");
                    assertThat(e.file()).isEqualTo(config);
                    assertThat(e.getMessage()).contains(missing.toString()).contains("local.yaml").contains("relative to");
                });
        assertThatThrownBy(() -> SqlFiles.discover(List.of(missing)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("INCLUDE_NOT_FOUND");
                    assertThat(e.file()).isNull();
                    assertThat(e.getMessage()).contains(missing.toString());
                });
    }
}
