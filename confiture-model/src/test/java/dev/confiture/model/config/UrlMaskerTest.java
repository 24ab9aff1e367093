package dev.confiture.model.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UrlMaskerTest {

    @Test
    void hidesThePasswordOfTheCredentials() {
        assertThat(UrlMasker.mask("postgresql://u:secret@h/db")).isEqualTo("postgresql://u:***@h/db");
        assertThat(UrlMasker.mask("postgres://u:s%40cret@h:5432/db?sslmode=require")).isEqualTo("postgres://u:***@h:5432/db?sslmode=require");
        assertThat(UrlMasker.mask("postgresql://u:se@cr/et@h/db")).isEqualTo("postgresql://u:***@h/db");
        assertThat(UrlMasker.mask("postgresql://u@h/db")).isEqualTo("postgresql://u@h/db");
        assertThat(UrlMasker.mask("postgresql://h1:5432,[::1]:5433/db")).isEqualTo("postgresql://h1:5432,[::1]:5433/db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "PASSWORD", "Password", "sslpassword", "sslPassword", "SSLPASSWORD",
            "sslkeypassword", "passwd", "client_secret", "SECRET", "token", "api_token", "accessToken",
            "pass%77ord", "ssl%50assword"})
    void hidesEveryParameterWhoseNameNamesASecret(String name) {
        String url = "jdbc:postgresql://h:5432/db?user=alice&" + name + "=Hunter2Secret&ssl=true";
        assertThat(UrlMasker.mask(url)).isEqualTo("jdbc:postgresql://h:5432/db?user=alice&" + name + "=***&ssl=true");
        assertThat(UrlMasker.isSecretName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "sslmode", "ApplicationName", "options", "currentSchema", "sslkey"})
    void keepsTheOtherParameters(String name) {
        String url = "jdbc:postgresql://h/db?" + name + "=value";
        assertThat(UrlMasker.mask(url)).isEqualTo(url);
        assertThat(UrlMasker.isSecretName(name)).isFalse();
    }

    @Test
    void hidesUrlEncodedValuesWhole() {
        assertThat(UrlMasker.mask("postgresql://h/db?password=p%40ss%26w%3Drd&sslmode=require"))
                .isEqualTo("postgresql://h/db?password=***&sslmode=require");
        assertThat(UrlMasker.mask("jdbc:postgresql://h/db?password=a+b=c"))
                .isEqualTo("jdbc:postgresql://h/db?password=***");
        assertThat(UrlMasker.mask("jdbc:postgresql://h/db?password=")).isEqualTo("jdbc:postgresql://h/db?password=***");
    }

    @Test
    void hidesCredentialsAndParametersTogether() {
        assertThat(UrlMasker.mask("postgresql://u:pw1@h/db?sslpassword=pw2&PASSWORD=pw3"))
                .isEqualTo("postgresql://u:***@h/db?sslpassword=***&PASSWORD=***");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "u:Hunter2Secret@h",
            "postgresql://u:Hunter2Secret",
            "postgresql://u:Hunter2Secret@",
            "postgresql//u:Hunter2Secret@h/db",
            "mysql://u:Hunter2Secret@h/db?password=Hunter2Secret",
            "jdbc:postgresql://h:port/db?sslpassword=Hunter2Secret",
            "jdbc:postgresql://h/db;password=Hunter2Secret",
            "host=h password=Hunter2Secret dbname=db",
            "postgresql://u:Hunter2Secret@h:bad/db?token=Hunter2Secret",
            "?password=Hunter2Secret",
            "postgresql://u:Hunter2?Secret@h/db",
    })
    void malformedUrlsNeverShowTheSecret(String url) {
        assertThat(UrlMasker.mask(url)).doesNotContain("Hunter2").doesNotContain("Secret");
    }

    @Test
    void nullStaysNull() {
        assertThat(UrlMasker.mask(null)).isNull();
        assertThat(UrlMasker.isSecretName(null)).isFalse();
    }
}
