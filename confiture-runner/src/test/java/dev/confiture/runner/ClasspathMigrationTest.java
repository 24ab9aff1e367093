package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import dev.confiture.runner.migration.MigrationLocations;
import dev.confiture.runner.report.MigrationOutcome;
import dev.confiture.runner.report.StatusEntry;
import dev.confiture.runner.report.StatusReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations from a jar (a dependency's) applied, shown and rolled back with the project's own. */
class ClasspathMigrationTest {

    @TempDir
    Path project;

    private RunnerFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private Path jar(Map<String, String> entries) throws IOException {
        Path jar = project.resolve("repo/shared-migrations-1.0.jar");
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

    @Test
    void migrateStatusAndRollbackWorkForMigrationsInAJar() throws IOException {
        f = new RunnerFixture(project.resolve("db/migrations"));
        f.write("001_users.up.sql", "CREATE TABLE users (id int);");
        f.write("001_users.down.sql", "DROP TABLE users;");
        Path shared = jar(Map.of("db/shared/002_audit.up.sql", "CREATE TABLE audit_log (id int);",
                "db/shared/002_audit.down.sql", "DROP TABLE audit_log;"));
        RunnerConfig config = f.config().withLocations(MigrationLocations.resolve(List.of("db/migrations", "classpath:db/shared"),
                project, List.of(shared)));

        assertThat(f.runner(config).migrate(null, false).migrations()).extracting(MigrationOutcome::displayName)
                .containsExactly("001_users", "002_audit");
        assertThat(f.tableExists("audit_log")).isTrue();

        StatusReport status = f.runner(config).status();
        assertThat(status.migrations()).extracting(e -> e.version() + ":" + e.status())
                .containsExactly("001:applied", "002:applied");
        assertThat(status.migrations()).extracting(StatusEntry::source)
                .last().isEqualTo("shared-migrations-1.0.jar!/db/shared/002_audit.up.sql");
        assertThat(f.runner(config).migrate(null, false).migrations()).isEmpty();

        f.runner(config).rollback(1, null, false);
        assertThat(f.tableExists("audit_log")).isFalse();
        assertThat(f.appliedVersions()).containsExactly("001");
    }
}
