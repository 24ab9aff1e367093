package dev.confiture.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BundledPropertiesTest {

    @Test
    void readsTheFileInTheOwnersPackage() {
        assertThat(BundledProperties.load(BundledPropertiesTest.class, "bundled-test.properties").getProperty("version"))
                .isEqualTo("17.11.0");
    }

    @Test
    void aMissingFileIsABrokenBuildNamedAsSuchNotANullPointer() {
        assertThatThrownBy(() -> BundledProperties.load(BundledPropertiesTest.class, "nowhere.properties"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nowhere.properties is not on the class path next to " + BundledPropertiesTest.class.getName());
    }
}
