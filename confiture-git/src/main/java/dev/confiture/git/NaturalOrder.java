package dev.confiture.git;

import java.util.Comparator;

import dev.confiture.model.files.NaturalPathOrder;

/**
 * The documented file order (docs/configuration.md, {@link NaturalPathOrder}) applied to
 * repository paths as git spells them ({@code db/schema/10_tables/users.sql}): one component at a
 * time, digit runs as numbers, so {@code 9_x.sql} comes before {@code 10_x.sql}.
 */
final class NaturalOrder implements Comparator<String> {

    static final NaturalOrder PATHS = new NaturalOrder();

    @Override
    public int compare(String a, String b) {
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
}
