package dev.confiture.runner.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.files.IncludeScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationLocationsTest {

    @TempDir
    Path project;

    private Path write(String relative, String content) throws IOException {
        Path p = project.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    /** A jar as a dependency's would be: its resources at the jar's root. */
    private Path jar(String name, Map<String, String> entries) throws IOException {
        Path jar = project.resolve("repo").resolve(name);
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                j.putNextEntry(new JarEntry(e.getKey()));
                j.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    private List<ResolvedMigration> discover(List<String> specs, List<Path> classPath) {
        return MigrationDiscovery.discover(MigrationLocations.resolve(specs, project, classPath), IncludeScope.within(project),
                null, null);
    }

    @Test
    void aJarOfMigrationsIsReadWithTheProjectsOwnInOneVersionOrder() throws IOException {
        write("db/migrations/001_users.up.sql", "CREATE TABLE users (id int);");
        write("db/migrations/003_orders.up.sql", "CREATE TABLE orders (id int);");
        Path shared = jar("shared-migrations-1.0.jar", Map.of(
                "db/shared/002_audit.up.sql", "CREATE TABLE audit (id int);",
                "db/shared/002_audit.down.sql", "DROP TABLE audit;",
                "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"));

        List<ResolvedMigration> all = discover(List.of("db/migrations", "classpath:db/shared"), List.of(shared));

        assertThat(all).extracting(ResolvedMigration::displayName).containsExactly("001_users", "002_audit", "003_orders");
        ResolvedMigration audit = all.get(1);
        assertThat(audit.source()).isEqualTo("shared-migrations-1.0.jar!/db/shared/002_audit.up.sql");
        assertThat(audit.reversible()).isTrue();
        // the checksum is the one the same files have on disk: a jar does not change what was applied
        Path onDiskUp = write("copy/002_audit.up.sql", "CREATE TABLE audit (id int);");
        Path onDiskDown = write("copy/002_audit.down.sql", "DROP TABLE audit;");
        assertThat(audit.checksum()).isEqualTo(Checksums.ofFiles(onDiskUp, onDiskDown));
        assertThat(audit.upChecksum()).isEqualTo(Checksums.ofUp(onDiskUp));
    }

    @Test
    void aClasspathFolderIsReadToo() throws IOException {
        write("db/migrations/001_users.up.sql", "CREATE TABLE users (id int);");
        write("sibling/target/classes/db/shared/002_audit.up.sql", "CREATE TABLE audit (id int);");

        List<ResolvedMigration> all = discover(List.of("db/migrations", "classpath:/db/shared/"),
                List.of(project.resolve("nothing-here.jar"), project.resolve("sibling/target/classes")));

        assertThat(all).extracting(ResolvedMigration::displayName).containsExactly("001_users", "002_audit");
    }

    @Test
    void oneVersionInTwoLocationsIsAnErrorNamingBoth() throws IOException {
        write("db/migrations/002_bio.up.sql", "ALTER TABLE users ADD bio text;");
        Path shared = jar("shared-migrations-1.0.jar", Map.of("db/shared/002_audit.up.sql", "CREATE TABLE audit (id int);"));

        assertThatThrownBy(() -> discover(List.of("db/migrations", "classpath:db/shared"), List.of(shared)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("MIGRATION_DUPLICATE_VERSION");
                    assertThat(e.getMessage()).contains("002_bio.up.sql")
                            .contains("shared-migrations-1.0.jar!/db/shared/002_audit.up.sql");
                });
    }

    @Test
    void aClasspathLocationFoundNowhereIsAnError() throws IOException {
        Path other = jar("other-1.0.jar", Map.of("db/other/001_x.up.sql", "SELECT 1;"));

        assertThatThrownBy(() -> discover(List.of("classpath:db/shared"), List.of(other)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("LOCATION_NOT_FOUND");
                    assertThat(e.getMessage()).contains("classpath:db/shared").contains("src/main/resources/db/shared");
                });
        assertThatThrownBy(() -> discover(List.of("classpath:../etc"), List.of(other)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code()).isEqualTo("LOCATION_INVALID"));
    }

    @Test
    void aMisnamedFileInAJarIsRefusedNamingTheJar() throws IOException {
        Path shared = jar("shared-migrations-1.0.jar", Map.of("db/shared/audit.sql", "CREATE TABLE audit (id int);"));

        assertThatThrownBy(() -> discover(List.of("classpath:db/shared"), List.of(shared)))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("MIGRATION_BAD_FILE_NAME");
                    assertThat(e.getMessage()).contains("'audit.sql'").contains("shared-migrations-1.0.jar!/db/shared");
                });
    }
}
