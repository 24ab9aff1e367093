package dev.confiture.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confiture.model.config.DatabaseSettings;
import org.junit.jupiter.api.Test;

class StoreUrlTest {

    @Test
    void postgresqlUrlWithCredentials() {
        DatabaseSettings s = StoreUrl.parse("postgresql://alice:s%40cret@db.example:5433/coord?sslmode=require", null, null);
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/coord?sslmode=require");
        assertThat(s.user()).isEqualTo("alice");
        assertThat(s.password()).isEqualTo("s@cret");
        assertThat(s.toString()).doesNotContain("s@cret");
    }

    @Test
    void jdbcUrlWithCredentialParameters() {
        DatabaseSettings s = StoreUrl.parse("jdbc:postgresql://127.0.0.1:5432/coord?user=bob&password=pw&ssl=false", null, null);
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/coord?ssl=false");
        assertThat(s.user()).isEqualTo("bob");
        assertThat(s.password()).isEqualTo("pw");
    }

    @Test
    void urlWithoutCredentialsTakesTheFallback() {
        DatabaseSettings s = StoreUrl.parse("postgresql://localhost/confiture_coordination", "carol", "pw2");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/confiture_coordination");
        assertThat(s.user()).isEqualTo("carol");
        assertThat(s.password()).isEqualTo("pw2");
        DatabaseSettings own = StoreUrl.parse("postgresql://dave@localhost/c", "carol", "pw2");
        assertThat(own.user()).isEqualTo("dave");
        assertThat(own.password()).isNull();
    }

    @Test
    void refusesOtherSchemesWithoutShowingThePassword() {
        assertThatThrownBy(() -> StoreUrl.parse("mysql://u:topsecret@h/db", null, null))
                .hasMessageContaining("must start with postgresql:// or jdbc:postgresql://")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> StoreUrl.parse(" ", null, null)).hasMessageContaining("CONFITURE_COORDINATION_URL");
    }

    @Test
    void masksPasswords() {
        assertThat(StoreUrl.mask("postgresql://u:pw@h/db")).isEqualTo("postgresql://u:***@h/db");
        assertThat(StoreUrl.mask("jdbc:postgresql://h/db?user=u&password=pw")).isEqualTo("jdbc:postgresql://h/db?user=u&password=***");
    }
}
