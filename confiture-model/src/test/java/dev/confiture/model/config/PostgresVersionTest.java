package dev.confiture.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresVersionTest {

    @Test
    void aMajorSelectsThePinnedBinariesAndAFullVersionIsTakenAsIs() {
        assertThat(PostgresVersion.parse("12")).isEqualTo(new PostgresVersion(12, null));
        assertThat(PostgresVersion.parse(" 18 ")).isEqualTo(new PostgresVersion(18, null));
        assertThat(PostgresVersion.parse("15.13.0")).isEqualTo(new PostgresVersion(15, "15.13.0"));
        assertThat(PostgresVersion.parse("15.13.0").toString()).isEqualTo("15.13.0");
        assertThat(PostgresVersion.parse("16").toString()).isEqualTo("16");
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "19", "9.6.24", "19.1.0"})
    void majorsOutsideTwelveToEighteenAreRefusedWithTheRange(String value) {
        assertThatThrownBy(() -> PostgresVersion.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not available embedded: give a major version from 12 to 18");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "15.13", "15.x.0", "v15", "15.13.0.1"})
    void otherFormsAreRefusedWithBothAcceptedForms(String value) {
        assertThatThrownBy(() -> PostgresVersion.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a PostgreSQL version: give a major version from 12 to 18 (e.g. 16),"
                        + " or a full version of the embedded binaries (e.g. 15.13.0)");
    }
}
