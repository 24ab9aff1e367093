package dev.confiture.model.config;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionResolverTest {

    private static final Path FILE = Path.of("/p/db/environments/local.yaml");
    private static final DatabaseSettings YAML_DB = new DatabaseSettings("jdbc:postgresql://yaml-host:5432/app", "yaml_user", "yaml_pw");

    private static Environment env(DatabaseSettings db, boolean embedded) {
        return new Environment("local", FILE, Path.of("/p"), List.of(), List.of(), List.of(), db, embedded,
                Path.of("/p/db/migrations"), "confiture_migrations", false);
    }

    private static final Map<String, String> ENV_URL = Map.of(ConnectionResolver.URL_VARIABLE, "postgresql://env_user:env_pw@env-host/envdb");

    @Test
    void theYamlWhenNothingOverridesIt() {
        assertThat(ConnectionResolver.resolve(env(YAML_DB, false), null, null, null, Map.of())).contains(YAML_DB);
    }

    @Test
    void theEnvironmentVariableBeatsTheYaml() {
        assertThat(ConnectionResolver.resolve(env(YAML_DB, false), null, null, null, ENV_URL))
                .contains(new DatabaseSettings("jdbc:postgresql://env-host/envdb", "env_user", "env_pw"));
    }

    @Test
    void theUrlPropertyBeatsTheEnvironmentVariable() {
        assertThat(ConnectionResolver.resolve(env(YAML_DB, false), "jdbc:postgresql://prop-host/propdb?user=p", null, null, ENV_URL))
                .contains(new DatabaseSettings("jdbc:postgresql://prop-host/propdb", "p", null));
    }

    @Test
    void blankOverridesAreIgnored() {
        assertThat(ConnectionResolver.resolve(env(YAML_DB, false), "  ", null, null, Map.of(ConnectionResolver.URL_VARIABLE, "")))
                .contains(YAML_DB);
    }

    @Test
    void userAndPasswordPropertiesReplaceWhateverCameBefore() {
        assertThat(ConnectionResolver.resolve(env(YAML_DB, false), null, "admin", null, Map.of()))
                .contains(new DatabaseSettings(YAML_DB.jdbcUrl(), "admin", "yaml_pw"));
        assertThat(ConnectionResolver.resolve(env(YAML_DB, false), null, null, "new_pw", ENV_URL))
                .contains(new DatabaseSettings("jdbc:postgresql://env-host/envdb", "env_user", "new_pw"));
        assertThat(ConnectionResolver.resolve(env(YAML_DB, false), "postgresql://u:pw@h/d", "x", "y", ENV_URL))
                .contains(new DatabaseSettings("jdbc:postgresql://h/d", "x", "y"));
    }

    @Test
    void embeddedIsEmptyUnlessAUrlOverridesIt() {
        assertThat(ConnectionResolver.resolve(env(null, true), null, "ignored", "ignored", Map.of())).isEqualTo(Optional.empty());
        assertThat(ConnectionResolver.resolve(env(null, true), null, null, null, ENV_URL)).isPresent();
        assertThat(ConnectionResolver.resolve(env(null, true), "postgresql://h/d", null, null, Map.of()))
                .contains(new DatabaseSettings("jdbc:postgresql://h/d", null, null));
    }

    @Test
    void nothingConfiguredIsAnErrorSayingWhatToAdd() {
        assertThatThrownBy(() -> ConnectionResolver.resolve(env(null, false), null, "u", "p", Map.of()))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("DATABASE_NOT_CONFIGURED");
                    assertThat(e.file()).isEqualTo(FILE);
                    assertThat(e.getMessage()).contains("local.yaml").contains("database_url").contains("embedded: true")
                            .contains("confiture.url").contains("CONFITURE_DATABASE_URL");
                });
    }

    @Test
    void aBadOverrideUrlNamesItsSourceButNotItsPassword() {
        assertThatThrownBy(() -> ConnectionResolver.resolve(env(YAML_DB, false), "postgresql://u:Pr1vate@h:x/d", null, null, Map.of()))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("DATABASE_URL_INVALID");
                    assertThat(e.getMessage()).contains("confiture.url").doesNotContain("Pr1vate");
                });
        assertThatThrownBy(() -> ConnectionResolver.resolve(env(YAML_DB, false), null, null, null,
                Map.of(ConnectionResolver.URL_VARIABLE, "mysql://u:Pr1vate@h/d")))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.getMessage()).contains("CONFITURE_DATABASE_URL").doesNotContain("Pr1vate");
                });
    }

    @Test
    void resolvedSettingsNeverPrintThePassword() {
        DatabaseSettings s = ConnectionResolver.resolve(env(YAML_DB, false), null, null, null, ENV_URL).orElseThrow();
        assertThat(s.toString()).doesNotContain("env_pw");
        assertThat(s.describe()).doesNotContain("env_pw");
    }
}
