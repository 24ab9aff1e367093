package dev.confiture.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code placeholders:}, {@code placeholderReplacement} and {@code session_settings:} in an environment file. */
class EnvironmentRunSettingsTest {

    @TempDir
    Path project;

    private Environment load(String yaml) throws IOException {
        Path f = project.resolve("db/environments/local.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, yaml);
        return EnvironmentLoader.load(project, "local", null, Map.of("OWNER", "app_owner"));
    }

    @Test
    void readsPlaceholdersAndSessionSettingsInFileOrderWithVariablesSubstituted() throws IOException {
        Environment e = load("database_url: postgresql://h/db\nplaceholders:\n  schema: app\n  owner: ${OWNER}\n"
                + "session_settings:\n  statement_timeout: 15min\n  lock_timeout: 5s\n  role: ${OWNER}\n");
        assertThat(e.placeholders()).containsExactlyInAnyOrderEntriesOf(Map.of("schema", "app", "owner", "app_owner"));
        assertThat(e.placeholderReplacement()).isTrue();
        assertThat(e.sessionSettings()).extracting(SessionSetting::name)
                .containsExactly("statement_timeout", "lock_timeout", "role");
        SessionSetting role = e.sessionSettings().get(2);
        assertThat(role.value()).isEqualTo("app_owner");
        assertThat(role.line()).isEqualTo(8);
        assertThat(role.source()).isEqualTo("local.yaml:8");
    }

    @Test
    void placeholderReplacementCanBeTurnedOffInEitherSpelling() throws IOException {
        assertThat(load("placeholderReplacement: false\n").placeholderReplacement()).isFalse();
        assertThat(load("placeholder_replacement: false\n").placeholderReplacement()).isFalse();
        assertThatThrownBy(() -> load("placeholderReplacement: false\nplaceholder_replacement: true\n"))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONFIG_DUPLICATE_KEY");
                    assertThat(e.line()).isEqualTo(2);
                });
    }

    @Test
    void aListOrAMapAsAValueAndATwiceSetNameAreErrorsWithTheirLine() throws IOException {
        assertThatThrownBy(() -> load("placeholders:\n  a: 1\n  b:\n    - x\n"))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONFIG_INVALID_VALUE");
                    assertThat(e.getMessage()).contains("'placeholders.b' must be a single value");
                    assertThat(e.line()).isEqualTo(4);
                });
        assertThatThrownBy(() -> load("session_settings:\n  lock_timeout: 5s\n  lock_timeout: 9s\n"))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONFIG_DUPLICATE_KEY");
                    assertThat(e.line()).isEqualTo(3);
                });
        assertThatThrownBy(() -> load("session_settings: lock_timeout=5s\n"))
                .isInstanceOfSatisfying(ConfitureException.class, e ->
                        assertThat(e.getMessage()).contains("'session_settings' must be a map"));
    }
}
