package dev.confiture.model.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;

class ProtectedEnvironmentTest {

    private static Environment env(boolean protectedEnv) {
        Path project = Path.of("/project");
        return new Environment("production", project.resolve("db/environments/production.yaml"), project, List.of(),
                List.of(), List.of(), null, false, project.resolve("db/migrations"), "confiture_migrations", protectedEnv);
    }

    @Test
    void aProtectedEnvironmentIsRefusedNamingTheFileAndForce() {
        assertThatThrownBy(() -> ProtectedEnvironment.refuseUnlessForced(env(true), "repair", "rewrites the tracking table", false))
                .isInstanceOfSatisfying(ConfitureException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.code()).isEqualTo("ENV_PROTECTED"))
                .hasMessageContaining("Environment 'production' is protected")
                .hasMessageContaining("production.yaml")
                .hasMessageContaining("repair rewrites the tracking table")
                .hasMessageContaining("-Dconfiture.force=true");
    }

    @Test
    void forceOrAnUnprotectedEnvironmentGoesOn() {
        assertThatCode(() -> ProtectedEnvironment.refuseUnlessForced(env(true), "repair", "x", true)).doesNotThrowAnyException();
        assertThatCode(() -> ProtectedEnvironment.refuseUnlessForced(env(false), "repair", "x", false)).doesNotThrowAnyException();
    }
}
