package dev.confiture.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.Environment;
import dev.confiture.model.config.SessionSetting;
import dev.confiture.runner.RunSettings;
import org.junit.jupiter.api.Test;

/** The command line's placeholders and session settings over the environment file's. */
class RunSettingsParametersTest {

    private static final Path FILE = Path.of("/p/db/environments/local.yaml");

    private static Environment env(Map<String, String> placeholders, boolean replacement, List<SessionSetting> settings) {
        return new Environment("local", FILE, Path.of("/p"), List.of(), List.of(), List.of(), null, false,
                Path.of("/p/db/migrations"), "confiture_migrations", false, false, placeholders, replacement, settings,
                true, List.of(), List.of());
    }

    @Test
    void aPropertyWinsOverThePomWhichWinsOverTheFile() {
        Properties user = new Properties();
        user.setProperty("confiture.placeholders.schema", "cli");
        user.setProperty("confiture.placeholders.", "ignored");
        Properties system = new Properties();
        system.setProperty("confiture.placeholders.schema", "system");
        system.setProperty("confiture.placeholders.extra", "x");
        RunSettings s = RunSettingsParameters.of(env(Map.of("schema", "yaml", "owner", "yaml", "keep", "yaml"), true, List.of()),
                List.of(user, system), Map.of("owner", "pom"), null);
        assertThat(s.placeholders().values()).containsExactlyInAnyOrderEntriesOf(
                Map.of("schema", "cli", "owner", "pom", "keep", "yaml", "extra", "x"));
        assertThat(s.placeholders().enabled()).isTrue();
        assertThat(s.environment()).isEqualTo("local");
        assertThat(s.callbacksDir()).isEqualTo(Path.of("/p/db/callbacks"));
    }

    @Test
    void placeholderReplacementOffInTheFileTurnsEveryPlaceholderOff() {
        RunSettings s = RunSettingsParameters.of(env(Map.of("a", "b"), false, List.of()), List.of(), null, null);
        assertThat(s.placeholders().enabled()).isFalse();
    }

    @Test
    void sessionSettingsFromThePropertyReplaceTheFilesInPlaceAndAddNewOnesAfter() {
        List<SessionSetting> yaml = List.of(new SessionSetting("lock_timeout", "5s", FILE, 3, "local.yaml:3"),
                new SessionSetting("role", "app", FILE, 4, "local.yaml:4"));
        List<SessionSetting> merged = RunSettingsParameters.sessionSettings(yaml, " lock_timeout = 1s ,statement_timeout=15min,");
        assertThat(merged).extracting(SessionSetting::name).containsExactly("lock_timeout", "role", "statement_timeout");
        assertThat(merged.get(0).value()).isEqualTo("1s");
        assertThat(merged.get(0).source()).isEqualTo("-Dconfiture.sessionSettings");
        assertThat(merged.get(1).source()).isEqualTo("local.yaml:4");
    }

    @Test
    void anEntryWithoutAnEqualsSignIsAnError() {
        assertThatThrownBy(() -> RunSettingsParameters.sessionSettings(List.of(), "lock_timeout"))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("SESSION_SETTING_INVALID");
                    assertThat(e.getMessage()).contains("'lock_timeout' is not name=value");
                });
    }
}
