package dev.confiture.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.confiture.model.files.NaturalPathOrder;
import org.junit.jupiter.api.Test;

/** The documented order of repository paths: component by component, digit runs as numbers. */
class NaturalOrderTest {

    @Test
    void pathsSortComponentByComponentWithNumbersAsNumbers() {
        List<String> paths = new ArrayList<>(List.of("db/schema/10_tables/users.sql", "db/schema/9_types.sql",
                "db/schema/10_tables", "db/schema/10_tables/a/b.sql", "db/schema/1_base.sql", "db/schema/10_tables/2.sql"));
        paths.sort(NaturalOrder.PATHS);
        assertThat(paths).containsExactly("db/schema/1_base.sql", "db/schema/9_types.sql", "db/schema/10_tables",
                "db/schema/10_tables/2.sql", "db/schema/10_tables/a/b.sql", "db/schema/10_tables/users.sql");
    }

    /** The order as first written (each path split into components), which the walk in place must keep. */
    private static int bySplitting(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = NaturalPathOrder.compareNames(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    @Test
    void comparesAsSplittingIntoComponentsDoes() {
        Random random = new Random(42);
        String[] parts = {"", "a", "b", "A", "1", "2", "10", "01", "x1", "x10", "_", "a.sql", "é"};
        for (int n = 0; n < 20_000; n++) {
            String a = path(random, parts);
            String b = path(random, parts);
            assertThat(Integer.signum(NaturalOrder.PATHS.compare(a, b))).as("%s vs %s", a, b)
                    .isEqualTo(Integer.signum(bySplitting(a, b)));
        }
    }

    private static String path(Random random, String[] parts) {
        int components = 1 + random.nextInt(4);
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < components; i++) {
            if (i > 0) {
                p.append('/');
            }
            p.append(parts[random.nextInt(parts.length)]);
        }
        return p.toString();
    }
}
