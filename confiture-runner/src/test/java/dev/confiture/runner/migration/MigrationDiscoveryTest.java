package dev.confiture.runner.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.files.IncludeScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationDiscoveryTest {

    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void versionsCompareAsNumbersAndKeepTheirText() throws IOException {
        write("20261128143015_stamp.up.sql", "SELECT 3;");
        write("10_ten.up.sql", "SELECT 2;");
        write("2_two.up.sql", "SELECT 1;");
        write("2_two.down.sql", "SELECT 1;");
        write("README.md", "not a migration");

        List<ResolvedMigration> found = MigrationDiscovery.discover(dir, null, null);

        assertThat(found).extracting(ResolvedMigration::displayName)
                .containsExactly("2_two", "10_ten", "20261128143015_stamp");
        assertThat(found.get(0).downFile()).isEqualTo(dir.resolve("2_two.down.sql"));
        assertThat(found.get(0).reversible()).isTrue();
        assertThat(found.get(1).reversible()).isFalse();
    }

    @Test
    void subFoldersAreSearched() throws IOException {
        write("2026/003_c.up.sql", "SELECT 1;");
        write("001_a.up.sql", "SELECT 1;");
        assertThat(MigrationDiscovery.discover(dir, null, null)).extracting(ResolvedMigration::displayName)
                .containsExactly("001_a", "003_c");
    }

    @Test
    void aMissingFolderHasNoMigrations() {
        assertThat(MigrationDiscovery.discover(dir.resolve("nope"), null, null)).isEmpty();
    }

    @Test
    void duplicateVersionsNameBothFiles() throws IOException {
        write("001_create_users.up.sql", "SELECT 1;");
        write("001_create_posts.up.sql", "SELECT 1;");
        assertThatThrownBy(() -> MigrationDiscovery.discover(dir, null, null))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("001_create_users.up.sql")
                .hasMessageContaining("001_create_posts.up.sql")
                .satisfies(e -> assertThat(((ConfitureException) e).code()).isEqualTo("MIGRATION_DUPLICATE_VERSION"));
    }

    @Test
    void sameNumberWrittenDifferentlyIsADuplicate() throws IOException {
        write("001_a.up.sql", "SELECT 1;");
        write("1_b.up.sql", "SELECT 1;");
        assertThatThrownBy(() -> MigrationDiscovery.discover(dir, null, null))
                .hasMessageContaining("001_a.up.sql").hasMessageContaining("1_b.up.sql");
    }

    @Test
    void downWithoutUpIsAnError() throws IOException {
        write("001_a.up.sql", "SELECT 1;");
        write("002_b.down.sql", "SELECT 1;");
        assertThatThrownBy(() -> MigrationDiscovery.discover(dir, null, null))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("002_b.down.sql")
                .hasMessageContaining("002_b.up.sql");
    }

    @Test
    void aDashedNameIsRefusedWithThePattern() throws IOException {
        write("001-foo.up.sql", "SELECT 1;");
        assertThatThrownBy(() -> MigrationDiscovery.discover(dir, null, null))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining("001-foo.up.sql")
                .hasMessageContaining("<version>_<name>.up.sql");
    }

    @Test
    void aVersionThatIsNotDigitsIsRefused() throws IOException {
        write("abc_x.up.sql", "SELECT 1;");
        assertThatThrownBy(() -> MigrationDiscovery.discover(dir, null, null))
                .hasMessageContaining("abc_x.up.sql").hasMessageContaining("<version>_<name>.up.sql");
    }

    /** The same files as confiture-git's {@code SelectionTest.theTargetIsReadByTheRuleMigrateApplies}, the same codes. */
    @Test
    void whatValidateRefusesMigrateRefusesWithTheSameCode() throws IOException {
        java.util.Map<String, String> refused = java.util.Map.of(
                "notes.sql", "MIGRATION_BAD_FILE_NAME",
                "003_add phone.up.sql", "MIGRATION_BAD_FILE_NAME",
                "003_add_phone.sql", "MIGRATION_BAD_FILE_NAME",
                "004_gone.down.sql", "MIGRATION_DOWN_WITHOUT_UP");
        for (java.util.Map.Entry<String, String> file : refused.entrySet()) {
            Path folder = Files.createTempDirectory(dir, "m");
            Files.writeString(folder.resolve("001_users.up.sql"), "SELECT 1;");
            Files.writeString(folder.resolve(file.getKey()), "SELECT 1;");
            assertThatThrownBy(() -> MigrationDiscovery.discover(folder, null, null))
                    .isInstanceOfSatisfying(ConfitureException.class,
                            e -> assertThat(e.code()).as(file.getKey()).isEqualTo(file.getValue()));
        }
    }

    @Test
    void aSqlFileWithoutDirectionIsRefused() throws IOException {
        write("001_x.sql", "SELECT 1;");
        assertThatThrownBy(() -> MigrationDiscovery.discover(dir, null, null)).hasMessageContaining("001_x.sql");
    }

    @Test
    void checksumCoversUpAndDown() throws IOException {
        write("001_a.up.sql", "CREATE TABLE a (id int);");
        String upOnly = MigrationDiscovery.discover(dir, null, null).get(0).checksum();
        write("001_a.down.sql", "DROP TABLE a;");
        String withDown = MigrationDiscovery.discover(dir, null, null).get(0).checksum();
        write("001_a.down.sql", "DROP TABLE a ;");
        String changedDown = MigrationDiscovery.discover(dir, null, null).get(0).checksum();
        assertThat(upOnly).hasSize(64).isNotEqualTo(withDown);
        assertThat(changedDown).isNotEqualTo(withDown);
    }

    @Test
    void snakeCaseOfClassNames() {
        assertThat(JavaMigrations.snakeCase("AddUserBio")).isEqualTo("add_user_bio");
        assertThat(JavaMigrations.snakeCase("add_user_bio")).isEqualTo("add_user_bio");
        assertThat(JavaMigrations.snakeCase("BackfillHTTPLogs")).isEqualTo("backfill_http_logs");
        assertThat(JavaMigrations.snakeCase("Add2faColumn")).isEqualTo("add2fa_column");
    }

    // Issue 18: the migrations folder under the include rule of schema files (IncludeScope).

    private Path project() throws IOException {
        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve("db/migrations"));
        return project;
    }

    @Test
    void aLinkedMigrationInsideTheProjectIsAMigration() throws IOException {
        Path project = project();
        Path shared = Files.createDirectories(project.resolve("shared/migrations"));
        Files.writeString(shared.resolve("add_phone.sql"), "SELECT 1;");
        Files.writeString(shared.resolve("004_d.up.sql"), "SELECT 4;");
        Path migrations = project.resolve("db/migrations");
        Files.writeString(migrations.resolve("001_a.up.sql"), "SELECT 1;");
        Files.createSymbolicLink(migrations.resolve("003_add_phone.up.sql"), Path.of("../../shared/migrations/add_phone.sql"));
        Files.createSymbolicLink(migrations.resolve("2026"), Path.of("../../shared/migrations"));

        List<ResolvedMigration> found = MigrationDiscovery.discover(migrations, IncludeScope.within(project), null, null);

        assertThat(found).extracting(ResolvedMigration::displayName).containsExactly("001_a", "003_add_phone", "004_d");
        assertThat(found.get(1).upFile()).isEqualTo(migrations.resolve("003_add_phone.up.sql"));
    }

    @Test
    void aMigrationLinkedToEtcPasswdIsAnErrorNamingTheLink() throws IOException {
        Path project = project();
        Path link = Files.createSymbolicLink(project.resolve("db/migrations/003_passwd.up.sql"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> MigrationDiscovery.discover(project.resolve("db/migrations"), IncludeScope.within(project),
                null, null)).isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
                    assertThat(e.getMessage()).contains(link.toString(), "/etc/passwd", "allow_external_includes");
                });
    }

    @Test
    void aMigrationsSubfolderLinkedOutsideTheProjectIsAnError() throws IOException {
        Path project = project();
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("005_e.up.sql"), "SELECT 5;");
        Path link = Files.createSymbolicLink(project.resolve("db/migrations/other"), Path.of("../../../other"));
        assertThatThrownBy(() -> MigrationDiscovery.discover(project.resolve("db/migrations"), IncludeScope.within(project),
                null, null)).isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("INCLUDE_LINK_OUTSIDE_PROJECT");
                    assertThat(e.getMessage()).contains(link.toString(), "../../../other");
                });
        // allowed by the environment, it is followed
        assertThat(MigrationDiscovery.discover(project.resolve("db/migrations"),
                new IncludeScope(project, true, null), null, null)).extracting(ResolvedMigration::displayName)
                .containsExactly("005_e");
    }

    @Test
    void aMigrationsFolderOutsideTheProjectNeedsTheEnvironmentsPermission() throws IOException {
        Path project = project();
        Path outside = Files.createDirectories(dir.resolve("shared-migrations"));
        Files.writeString(outside.resolve("001_a.up.sql"), "SELECT 1;");
        assertThatThrownBy(() -> MigrationDiscovery.discover(outside, IncludeScope.within(project), null, null))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("INCLUDE_OUTSIDE_PROJECT");
                    assertThat(e.getMessage()).contains(outside.toString(), "allow_external_includes");
                });
        assertThat(MigrationDiscovery.discover(outside, new IncludeScope(project, true, null), null, null)).hasSize(1);
    }

    @Test
    void oneListingServesVersionedAndRepeatableMigrationsAndANewOneSeesNewFiles() throws IOException {
        write("1_a.up.sql", "SELECT 1;");
        write("R__view.sql", "SELECT 1;");
        List<MigrationLocation> locations = List.of(new MigrationLocation(dir.toString(), dir, false));
        LocationFiles listing = new LocationFiles(IncludeScope.within(dir));

        assertThat(MigrationDiscovery.discover(locations, listing, null, null)).extracting(ResolvedMigration::displayName)
                .containsExactly("1_a");
        write("2_b.up.sql", "SELECT 2;");
        write("R__later.sql", "SELECT 2;");

        // The run's listing was taken once: what its versioned migrations saw, its repeatables see.
        assertThat(SqlMigrationFiles.repeatables(locations, listing)).extracting(RepeatableMigration::file)
                .containsExactly(dir.resolve("R__view.sql"));
        assertThat(MigrationDiscovery.discover(locations, listing, null, null)).hasSize(1);
        LocationFiles next = new LocationFiles(IncludeScope.within(dir));
        assertThat(MigrationDiscovery.discover(locations, next, null, null)).extracting(ResolvedMigration::displayName)
                .containsExactly("1_a", "2_b");
        assertThat(SqlMigrationFiles.repeatables(locations, next)).hasSize(2);
    }

    @Test
    void locationsAreEqualWhenSpecRootAndKindAreSoAndARunsListingServesAnEqualOneAgain() throws IOException {
        write("1_a.up.sql", "SELECT 1;");
        MigrationLocation location = new MigrationLocation("db/migrations", dir, false);
        MigrationLocation same = new MigrationLocation("db/migrations", dir, false);
        assertThat(same).isEqualTo(location).hasSameHashCodeAs(location);
        assertThat(new MigrationLocation("other", dir, false)).isNotEqualTo(location);
        assertThat(new MigrationLocation("db/migrations", dir.resolve("x"), false)).isNotEqualTo(location);
        assertThat(new MigrationLocation("db/migrations", dir, true)).isNotEqualTo(location);
        assertThat(location).isNotEqualTo(null).isNotEqualTo("db/migrations");

        LocationFiles listing = new LocationFiles(IncludeScope.within(dir));
        assertThat(SqlMigrationFiles.discover(location, listing)).hasSize(1);
        write("2_b.up.sql", "SELECT 2;");
        // The configuration makes its location list anew at each call: an equal location is the same listing.
        assertThat(SqlMigrationFiles.discover(same, listing)).hasSize(1);
    }

    @Test
    void aDiscoveredMigrationCarriesBothChecksumsOfItsFilesAsTheyAreNow() throws IOException {
        write("1_a.up.sql", "CREATE TABLE a (id int);\r\n\r\n");
        write("1_a.down.sql", "DROP TABLE a;\r\n");
        write("2_b.up.sql", "CREATE TABLE b (id int);");

        List<ResolvedMigration> found = MigrationDiscovery.discover(dir, null, null);

        Path up1 = dir.resolve("1_a.up.sql");
        Path up2 = dir.resolve("2_b.up.sql");
        assertThat(found.get(0).checksum()).isEqualTo(Checksums.ofFiles(up1, dir.resolve("1_a.down.sql")));
        assertThat(found.get(0).upChecksum()).isEqualTo(Checksums.ofUp(up1)).isNotEqualTo(found.get(0).checksum());
        assertThat(found.get(1).checksum()).isEqualTo(Checksums.ofFiles(up2, null));
        assertThat(found.get(1).upChecksum()).isEqualTo(Checksums.ofUp(up2));
        // line endings are normalised in both, as before
        assertThat(found.get(1).upChecksum()).isEqualTo(Checksums.ofUp(writeAndGet("c.sql", "CREATE TABLE b (id int);\r\n")));
    }

    private Path writeAndGet(String name, String content) throws IOException {
        write(name, content);
        return dir.resolve(name);
    }
}
