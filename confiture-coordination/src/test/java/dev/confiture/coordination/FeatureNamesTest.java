package dev.confiture.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"user_profiles", "billing-v2", "a.b", "x", "Ünïcode_feature", "with@sign", "UPPER"})
    void acceptsNamesGitAcceptsAsOneComponent(String name) {
        assertThat(FeatureNames.validate(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "user profiles|a space at position 5",
            "a~b|'~' at position 2",
            "a^b|'^' at position 2",
            "a:b|':' at position 2",
            "a?b|'?' at position 2",
            "a*b|'*' at position 2",
            "a[b|'[' at position 2",
            "a\\b|'\\' at position 2",
            "feature/x|'/' at position 8 is not allowed in a git branch name (the feature name is one path component",
            ".hidden|starts with '.'",
            "-opt|starts with '-'",
            "end.|ends with '.'",
            "x.lock|ends with '.lock'",
            "a..b|'..' at position 2",
            "a@{b|'@{' at position 2",
            "@|'@' alone"})
    void refusesWhatGitRefusesSayingWhichCharacter(String name, String why) {
        assertThatThrownBy(() -> FeatureNames.validate(name))
                .isInstanceOf(ConfitureException.class)
                .hasMessageContaining(why)
                .hasMessageContaining("Use letters, digits, '_', '-' and '.'");
    }

    @Test
    void refusesControlCharactersAndNul() {
        assertThatThrownBy(() -> FeatureNames.validate("a\tb")).hasMessageContaining("control character U+0009 at position 2");
        assertThatThrownBy(() -> FeatureNames.validate("a\0b")).hasMessageContaining("NUL character");
    }

    @Test
    void refusesEmptyAndOverlongNames() {
        assertThatThrownBy(() -> FeatureNames.validate(" ")).hasMessageContaining("featureName is required");
        assertThatThrownBy(() -> FeatureNames.validate(null)).hasMessageContaining("featureName is required");
        assertThatThrownBy(() -> FeatureNames.validate("x".repeat(101))).hasMessageContaining("at most 100");
    }
}
