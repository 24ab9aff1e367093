package dev.confiture.model.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLayoutTest {

    @TempDir
    Path project;

    @Test
    void writesTheContractLayoutAndTheJvmConfigThatKeepsJsonOutputClean() throws Exception {
        ProjectLayout.Result result = ProjectLayout.write(project);

        for (String file : new String[] {"db/schema/00_common/extensions.sql", "db/schema/10_tables/example.sql",
                "db/environments/local.yaml", "db/environments/test.yaml", "db/environments/production.yaml",
                ".mvn/jvm.config"}) {
            assertThat(project.resolve(file)).isRegularFile();
        }
        for (String dir : new String[] {"db/seeds/common", "db/seeds/development", "db/seeds/test", "db/migrations"}) {
            assertThat(project.resolve(dir)).isDirectory();
        }
        assertThat(Files.readString(project.resolve(".mvn/jvm.config"))).contains("-Djansi.noreset=true");
        assertThat(result.kept()).isEmpty();
        assertThat(ProjectLayout.keepsJsonOutputClean(project)).isTrue();
    }

    @Test
    void productionCarriesACommentedSessionSettingsExampleThatLoadsWhenUncommented() throws Exception {
        ProjectLayout.write(project);
        Path production = project.resolve("db/environments/production.yaml");
        String text = Files.readString(production);
        assertThat(text).contains("# session_settings:\n#   lock_timeout: 5s\n");
        Files.writeString(production, text.replace("# session_settings:", "session_settings:")
                .replace("#   lock_timeout", "  lock_timeout").replace("#   statement_timeout", "  statement_timeout"));
        dev.confiture.model.config.Environment env = dev.confiture.model.config.EnvironmentLoader.load(project, "production",
                null, java.util.Map.of("DB_HOST", "h", "DB_NAME", "d", "DB_USER", "u", "DB_PASSWORD", "p"));
        assertThat(env.sessionSettings()).extracting(s -> s.name() + "=" + s.value())
                .containsExactly("lock_timeout=5s", "statement_timeout=15min");
    }

    @Test
    void neverOverwritesAnExistingFileAndSaysWhichItKept() throws Exception {
        Files.createDirectories(project.resolve("db/environments"));
        Files.writeString(project.resolve("db/environments/local.yaml"), "name: mine\n");
        Files.createDirectories(project.resolve(".mvn"));
        Files.writeString(project.resolve(".mvn/jvm.config"), "-Xmx1g\n");

        ProjectLayout.Result result = ProjectLayout.write(project);

        assertThat(Files.readString(project.resolve("db/environments/local.yaml"))).isEqualTo("name: mine\n");
        assertThat(result.kept()).containsExactlyInAnyOrder(project.resolve("db/environments/local.yaml"),
                project.resolve(".mvn/jvm.config"));
        assertThat(ProjectLayout.keepsJsonOutputClean(project)).isFalse();
    }

    @Test
    void aSecondRunCreatesNothing() throws Exception {
        ProjectLayout.write(project);
        ProjectLayout.Result again = ProjectLayout.write(project);
        assertThat(again.created()).isEmpty();
        assertThat(again.kept()).hasSize(6);
    }

    @Test
    void aDeletedExampleIsNotRecreatedInAProjectThatHasSchemaFiles() throws Exception {
        ProjectLayout.write(project);
        Files.delete(project.resolve("db/schema/10_tables/example.sql"));
        Files.writeString(project.resolve("db/schema/10_tables/orders.sql"), "CREATE TABLE orders (id int);\n");

        ProjectLayout.Result again = ProjectLayout.write(project);

        assertThat(project.resolve("db/schema/10_tables/example.sql")).doesNotExist();
        assertThat(again.created()).isEmpty();
        assertThat(again.skipped()).containsExactly(project.resolve("db/schema/10_tables/example.sql"));
    }

    @Test
    void aProjectWithItsOwnSchemaFilesGetsTheLayoutWithoutTheExamples() throws Exception {
        Files.createDirectories(project.resolve("db/schema"));
        Files.writeString(project.resolve("db/schema/tables.sql"), "CREATE TABLE t (id int);\n");

        ProjectLayout.Result result = ProjectLayout.write(project);

        assertThat(project.resolve("db/environments/local.yaml")).isRegularFile();
        assertThat(project.resolve("db/schema/10_tables")).doesNotExist();
        assertThat(project.resolve("db/schema/00_common")).doesNotExist();
        assertThat(result.skipped()).contains(project.resolve("db/schema/10_tables/example.sql"),
                project.resolve("db/schema/00_common/extensions.sql"));
    }
}
