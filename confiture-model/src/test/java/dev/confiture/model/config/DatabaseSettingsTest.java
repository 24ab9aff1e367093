package dev.confiture.model.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseSettingsTest {

    @Test
    void describeAndToStringMaskEverySecretTheUrlKeeps() {
        DatabaseSettings s = UrlParser.parse("jdbc:postgresql://h:5432/db?user=alice&password=Pw1-Hidden"
                + "&sslpassword=Pw2-Hidden&PASSWORD=Pw3-Hidden&sslmode=require", "test");
        // the driver still gets every parameter it needs ...
        assertThat(s.jdbcUrl()).contains("sslpassword=Pw2-Hidden");
        // ... and nothing shown carries one
        assertThat(s.describe()).isEqualTo("jdbc:postgresql://h:5432/db?sslpassword=***&PASSWORD=***&sslmode=require as alice");
        assertThat(s.displayUrl()).doesNotContain("Hidden");
        assertThat(s.toString()).doesNotContain("Hidden").contains("password=***");
    }

    @Test
    void theUrlsOwnCredentialsComeBeforeTheFallback() {
        DatabaseSettings none = UrlParser.parse("postgresql://localhost/coord", "test");
        assertThat(none.withFallbackCredentials("carol", "pw2")).isEqualTo(new DatabaseSettings("jdbc:postgresql://localhost/coord", "carol", "pw2"));
        DatabaseSettings own = UrlParser.parse("postgresql://dave@localhost/c", "test");
        assertThat(own.withFallbackCredentials("carol", "pw2")).isEqualTo(own);
        DatabaseSettings same = UrlParser.parse("postgresql://carol@localhost/c", "test");
        assertThat(same.withFallbackCredentials("carol", "pw2").password()).isEqualTo("pw2");
        DatabaseSettings full = UrlParser.parse("postgresql://erin:pw@localhost/c", "test");
        assertThat(full.withFallbackCredentials("carol", "pw2")).isEqualTo(full);
    }
}
