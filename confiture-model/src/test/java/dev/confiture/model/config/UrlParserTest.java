package dev.confiture.model.config;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrlParserTest {

    @Test
    void libpqFormWithCredentialsAndParameters() {
        DatabaseSettings s = UrlParser.parse("postgresql://alice:s3cret@db.example.com:5433/app?sslmode=require&application_name=ci", "test");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/app?sslmode=require&application_name=ci");
        assertThat(s.user()).isEqualTo("alice");
        assertThat(s.password()).isEqualTo("s3cret");
    }

    @Test
    void postgresSchemeWithoutPortOrPassword() {
        DatabaseSettings s = UrlParser.parse("postgres://bob@localhost/app", "test");
        assertThat(s).isEqualTo(new DatabaseSettings("jdbc:postgresql://localhost/app", "bob", null));
    }

    @Test
    void noCredentialsAtAll() {
        assertThat(UrlParser.parse("postgresql://h:5432/db", "test")).isEqualTo(new DatabaseSettings("jdbc:postgresql://h:5432/db", null, null));
    }

    @Test
    void userInfoIsPercentDecodedAndPlusStaysPlus() {
        DatabaseSettings s = UrlParser.parse("postgresql://al%40ice:p%40ss%2Fw%3Ard+1%25@h/db", "test");
        assertThat(s.user()).isEqualTo("al@ice");
        assertThat(s.password()).isEqualTo("p@ss/w:rd+1%");
    }

    @Test
    void passwordsMayHoldUnencodedAtSlashAndQuestionMark() {
        DatabaseSettings s = UrlParser.parse("postgresql://u:a@b/c?d@host:5432/db?sslmode=disable", "test");
        assertThat(s).isEqualTo(new DatabaseSettings("jdbc:postgresql://host:5432/db?sslmode=disable", "u", "a@b/c?d"));
    }

    @Test
    void anAtInAQueryParameterIsNotCredentials() {
        DatabaseSettings s = UrlParser.parse("postgresql://u:pw@host/db?application_name=me@ci", "test");
        assertThat(s).isEqualTo(new DatabaseSettings("jdbc:postgresql://host/db?application_name=me@ci", "u", "pw"));
    }

    @Test
    void userAndPasswordParametersOfTheLibpqForm() {
        DatabaseSettings s = UrlParser.parse("postgresql://host/db?user=carol&password=p%26w+x&connect_timeout=5", "test");
        assertThat(s).isEqualTo(new DatabaseSettings("jdbc:postgresql://host/db?connect_timeout=5", "carol", "p&w+x"));
    }

    @Test
    void jdbcFormTakesUserAndPasswordOutAndKeepsTheRest() {
        DatabaseSettings s = UrlParser.parse("jdbc:postgresql://h:5432/db?user=dave&ssl=true&password=a%26b+c&ApplicationName=x", "test");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?ssl=true&ApplicationName=x");
        assertThat(s.user()).isEqualTo("dave");
        assertThat(s.password()).isEqualTo("a&b c"); // the driver decodes its parameters as form data
    }

    @Test
    void theDriversShortForm() {
        assertThat(UrlParser.parse("jdbc:postgresql:app?user=eve", "test")).isEqualTo(new DatabaseSettings("jdbc:postgresql://localhost/app", "eve", null));
    }

    @Test
    void severalHostsAndIpv6() {
        assertThat(UrlParser.parse("postgresql://u@h1:5432,h2:5433/db?target_session_attrs=read-write", "test").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db?target_session_attrs=read-write");
        assertThat(UrlParser.parse("postgresql://[::1]:5432/db", "test").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/db");
    }

    @Test
    void anEmptyHostMeansLocalhost() {
        assertThat(UrlParser.parse("postgresql:///db", "test").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/db");
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertThat(UrlParser.parse("  PostgreSQL://h/db ", "test").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mysql://root:Hunter2Secret@h/db",
            "root:Hunter2Secret@h/db",
            "postgresql://root:Hunter2Secret@h",
            "postgresql://root:Hunter2Secret@h:54x2/db",
            "postgresql://root:Hunter2Secret@h:99999/db",
            "postgresql://root:Hunter2Secret%zz@h/db",
            "postgresql://root:Hunter2Secret@[::1/db",
            "postgresql://root:Hunter2Secret@/a/b",
            "jdbc:postgresql://h/db?user=root&password=Hunter2Secret&x=%zz",
            "jdbc:postgresql://h:port/db?password=Hunter2Secret",
            "postgresql://root:Hunter2?Secret@h:bad/db",
            "postgresql://root:Hunter2Secret",
            "jdbc:postgresql://h:port/db?sslpassword=Hunter2Secret&PASSWORD=Hunter2Secret",
            "host=h password=Hunter2Secret",
    })
    void malformedUrlsAreClearErrorsWithoutThePassword(String url) {
        assertThatThrownBy(() -> UrlParser.parse(url, "database_url", Path.of("db/environments/x.yaml"), 7))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("DATABASE_URL_INVALID");
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.getMessage()).contains("database_url").contains("not valid")
                            .doesNotContain("Hunter2").doesNotContain("Secret");
                });
    }
}
