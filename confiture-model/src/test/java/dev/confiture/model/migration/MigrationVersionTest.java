package dev.confiture.model.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class MigrationVersionTest {

    @Test
    void comparingTheTextsOrdersAsComparingTheVersions() {
        String[] fixed = {"0", "00", "1", "001", "01", "2", "10", "010", "20261128143015", "020261128143015", "99999999999999999999"};
        Random random = new Random(3);
        String[] texts = new String[600];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = i < fixed.length ? fixed[i] : "0".repeat(random.nextInt(3)) + random.nextLong(0, i % 2 == 0 ? 30 : Long.MAX_VALUE);
        }
        for (String a : texts) {
            for (String b : texts) {
                assertThat(Integer.signum(MigrationVersion.compare(a, b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(MigrationVersion.parse(a).compareTo(MigrationVersion.parse(b))));
            }
        }
    }
}
