package dev.confiture.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/** Which files of a tree are schema files and migrations, and in which order. */
class SelectionTest {

    private static Revision revision(String... paths) {
        Map<String, GitFile> files = new HashMap<>();
        int i = 1;
        for (String p : paths) {
            files.put(p, new GitFile(p, ObjectId.fromString(String.format("%040x", i++))));
        }
        return new Revision("c0ffee", "test", files);
    }

    private static List<String> paths(List<GitFile> files) {
        return files.stream().map(GitFile::path).toList();
    }

    @Test
    void directoryIncludesTakeSqlFilesInNaturalOrder() {
        Revision r = revision("db/schema/10_tables/users.sql", "db/schema/9_types/enums.sql",
                "db/schema/00_common/extensions.sql", "db/schema/10_tables/2_b.sql", "db/schema/10_tables/10_a.sql",
                "db/schema/README.md", "db/schema/logo.png", "db/schema/UPPER.SQL", "db/schema/.#users.sql",
                "db/schema/.old/x.sql", "db/other/x.sql",
                "db/schema2/y.sql", "db/migrations/001_a.up.sql");
        List<GitFile> selected = new SchemaIncludes(List.of("db/schema")).select(r);
        assertThat(paths(selected)).containsExactly("db/schema/00_common/extensions.sql",
                "db/schema/9_types/enums.sql", "db/schema/10_tables/2_b.sql", "db/schema/10_tables/10_a.sql",
                "db/schema/10_tables/users.sql", "db/schema/UPPER.SQL");
    }

    @Test
    void includesKeepTheirOrderFileIncludesCountAndNothingIsReadTwice() {
        Revision r = revision("db/schema/b.sql", "db/schema/a.sql", "db/extra/first.sql", "db/views.txt");
        List<GitFile> selected = new SchemaIncludes(List.of("./db/extra/", "db/schema/b.sql", "db/schema", "db/views.txt",
                "db/missing")).select(r);
        assertThat(paths(selected)).containsExactly("db/extra/first.sql", "db/schema/b.sql", "db/schema/a.sql",
                "db/views.txt");
    }

    @Test
    void naturalOrderComparesDigitRunsAsNumbersOneComponentAtATime() {
        List<String> sorted = dev.confiture.model.files.NaturalPathOrder.sortByRelativePath(List.of("a0/b.sql", "a/z.sql",
                "x10.sql", "x9.sql", "x09.sql", "x123456789012345678901234567890.sql", "x2.sql"), p -> p);
        assertThat(sorted).containsExactly("a/z.sql", "a0/b.sql", "x2.sql", "x09.sql", "x9.sql", "x10.sql",
                "x123456789012345678901234567890.sql");
    }

    @Test
    void migrationsAreUpFilesOrderedByNumericVersion() {
        Revision r = revision("db/migrations/10_ten.up.sql", "db/migrations/9_nine.up.sql",
                "db/migrations/9_nine.down.sql", "db/migrations/20261128143015_stamp.up.sql",
                "db/migrations/README.md");
        List<MigrationFile> migrations = MigrationFile.in(r, "db/migrations", true);
        assertThat(migrations).extracting(MigrationFile::version).containsExactly(BigInteger.valueOf(9),
                BigInteger.valueOf(10), new BigInteger("20261128143015"));
        assertThat(migrations.get(0).name()).isEqualTo("nine");
        assertThat(migrations.get(0).fileName()).isEqualTo("9_nine.up.sql");
    }

    @Test
    void badMigrationNamesAndRepeatedVersionsAreErrors() {
        assertThatThrownBy(() -> MigrationFile.in(revision("db/migrations/add_phone.up.sql"), "db/migrations", true))
                .hasMessageContaining("'add_phone.up.sql' in the migrations folder does not follow the pattern"
                        + " <version>_<name>.up.sql");
        Revision twice = revision("db/migrations/003_a.up.sql", "db/migrations/3_b.up.sql");
        assertThatThrownBy(() -> MigrationFile.in(twice, "db/migrations", true))
                .hasMessageContaining("has version 3");
        assertThat(MigrationFile.in(twice, "db/migrations", false)).hasSize(2);
    }

    /**
     * Validate read the target with its own, looser pattern: any {@code .sql} file that did not end in
     * {@code .up.sql} was skipped and any text after the version was a name, so it passed what migrate
     * then refused. Each of these is refused by migrate ({@code SqlMigrationFilesTest}) with the same code.
     */
    @Test
    void theTargetIsReadByTheRuleMigrateApplies() {
        Map<String, String> refused = Map.of(
                "db/migrations/notes.sql", "MIGRATION_BAD_FILE_NAME",
                "db/migrations/003_add phone.up.sql", "MIGRATION_BAD_FILE_NAME",
                "db/migrations/003_add_phone.sql", "MIGRATION_BAD_FILE_NAME",
                "db/migrations/004_gone.down.sql", "MIGRATION_DOWN_WITHOUT_UP");
        refused.forEach((file, code) -> {
            Revision r = revision("db/migrations/001_users.up.sql", file);
            assertThatThrownBy(() -> MigrationFile.in(r, "db/migrations", true))
                    .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code()).isEqualTo(code));
            // the base is only what came before: a branch may fix the name
            assertThat(MigrationFile.in(r, "db/migrations", false)).extracting(MigrationFile::fileName)
                    .containsExactly("001_users.up.sql");
        });
    }

    @Test
    void repositoryPathsAreNormalised() {
        assertThat(GitPaths.normalize("./db/schema/")).isEqualTo("db/schema");
        assertThat(GitPaths.normalize(".")).isEmpty();
        assertThat(GitPaths.isUnder("db/schema/a.sql", "db/schema")).isTrue();
        assertThat(GitPaths.isUnder("db/schema2/a.sql", "db/schema")).isFalse();
        assertThat(GitPaths.isUnder("anything", "")).isTrue();
        assertThat(GitPaths.isUnder("db/schema", "db/schema")).isTrue();
        assertThat(GitPaths.isUnder("db/schem", "db/schema")).isFalse();
        assertThat(GitPaths.isUnder("db/schema.sql", "db/schema")).isFalse();
    }

    @Test
    void linksAreFollowedInsideTheTreeInOrderWithoutLoopsOrDuplicates() {
        Revision plain = revision("db/schema/1_a.sql", "shared/2_b.sql", "shared/sub/3_c.sql", "db/schema/9_z.sql");
        Revision r = new Revision("c0ffee", "test", plain.files(), Map.of(
                "db/schema/5_shared", "../../shared",          // a folder: walked under the link's name
                "db/schema/6_again.sql", "1_a.sql",             // the same file twice: read once, first position
                "db/schema/7_chain.sql", "5_shared/2_b.sql",    // through another link
                "db/schema/loop", ".",                           // back up the tree: ends, as on disk
                "db/schema/notes", "../../nowhere"));            // broken, but not a SQL file name: ignored
        assertThat(paths(new SchemaIncludes(List.of("db/schema"), "", false).select(r))).containsExactly(
                "db/schema/1_a.sql", "db/schema/5_shared/2_b.sql", "db/schema/5_shared/sub/3_c.sql", "db/schema/9_z.sql");
    }

    @Test
    void aLinkOutsideTheProjectFolderIsRefusedUnlessAllowed() {
        Revision plain = revision("services/orders/db/schema/1_a.sql", "shared/2_b.sql");
        Revision r = new Revision("c0ffee", "test", plain.files(),
                Map.of("services/orders/db/schema/2_b.sql", "../../../../shared/2_b.sql"));
        SchemaIncludes strict = new SchemaIncludes(List.of("services/orders/db/schema"), "services/orders", false);
        assertThatThrownBy(() -> strict.select(r)).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
            assertThat(e.getMessage()).contains("services/orders/db/schema/2_b.sql", "../../../../shared/2_b.sql");
        });
        assertThat(paths(new SchemaIncludes(List.of("services/orders/db/schema"), "services/orders", true).select(r)))
                .containsExactly("services/orders/db/schema/1_a.sql", "services/orders/db/schema/2_b.sql");
    }

    @Test
    void aBrokenLinkNamedLikeASqlFileIsAnError() {
        Revision r = new Revision("c0ffee", "test", revision("db/schema/1_a.sql").files(),
                Map.of("db/schema/2_gone.sql", "gone.sql"));
        assertThatThrownBy(() -> new SchemaIncludes(List.of("db/schema")).select(r))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("INCLUDE_BROKEN_LINK");
                    assertThat(e.getMessage()).contains("db/schema/2_gone.sql", "gone.sql");
                });
    }
}
