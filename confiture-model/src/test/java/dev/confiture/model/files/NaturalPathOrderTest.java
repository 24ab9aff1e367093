package dev.confiture.model.files;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class NaturalPathOrderTest {

    private static List<String> sorted(String... paths) {
        List<Path> list = new ArrayList<>();
        for (String p : paths) {
            list.add(Path.of(p));
        }
        Collections.shuffle(list, new Random(7));
        list.sort(NaturalPathOrder.INSTANCE);
        return list.stream().map(Path::toString).toList();
    }

    @Test
    void digitRunsCompareAsNumbers() {
        assertThat(sorted("10_x.sql", "9_x.sql", "100_x.sql", "1_x.sql")).containsExactly("1_x.sql", "9_x.sql", "10_x.sql", "100_x.sql");
        assertThat(sorted("a10", "a2", "a1")).containsExactly("a1", "a2", "a10");
    }

    @Test
    void componentsCompareOneAtATime() {
        // Plain string order would put "10_tables/a.sql" before "9_types/z.sql" and "a-b/x" after "a/x" differently.
        assertThat(sorted("10_tables/a.sql", "9_types/z.sql", "9_types/10.sql", "9_types/9.sql"))
                .containsExactly("9_types/9.sql", "9_types/10.sql", "9_types/z.sql", "10_tables/a.sql");
        assertThat(sorted("a.b/x.sql", "a/x.sql")).containsExactly("a/x.sql", "a.b/x.sql");
    }

    @Test
    void aDirectoryComesBeforeItsContents() {
        assertThat(sorted("a/b", "a")).containsExactly("a", "a/b");
    }

    @Test
    void equalNumbersSpelledDifferentlyAreStillOrderedDeterministically() {
        assertThat(NaturalPathOrder.compareNames("01_a", "1_a")).isNotZero();
        assertThat(NaturalPathOrder.compareNames("01_a", "1_a")).isEqualTo(-NaturalPathOrder.compareNames("1_a", "01_a"));
        assertThat(sorted("1_a", "01_a", "001_a")).containsExactly("001_a", "01_a", "1_a");
        assertThat(NaturalPathOrder.compareNames("x", "x")).isZero();
    }

    @Test
    void longDigitRunsDoNotOverflow() {
        assertThat(sorted("20261128143015000000000001_b", "9_a", "20261128143015000000000000_c"))
                .containsExactly("9_a", "20261128143015000000000000_c", "20261128143015000000000001_b");
    }

    @Test
    void caseAndPunctuationFollowCharacterOrder() {
        assertThat(sorted("b", "B", "a_b", "a-b")).containsExactly("B", "a-b", "a_b", "b");
    }

    @Test
    void isATotalOrderOnAMixedSample() {
        List<String> names = List.of("a", "a1", "a01", "a1b", "a10", "a2", "1", "01", "b", "_", "-", "a.sql", "a_1", "ab", "");
        for (String x : names) {
            for (String y : names) {
                int xy = Integer.signum(NaturalPathOrder.compareNames(x, y));
                assertThat(xy).as("%s vs %s", x, y).isEqualTo(-Integer.signum(NaturalPathOrder.compareNames(y, x)));
                assertThat(xy == 0).as("%s vs %s", x, y).isEqualTo(x.equals(y));
                for (String z : names) {
                    if (xy < 0 && NaturalPathOrder.compareNames(y, z) < 0) {
                        assertThat(NaturalPathOrder.compareNames(x, z)).as("%s < %s < %s", x, y, z).isNegative();
                    }
                }
            }
        }
    }

    @Test
    void sortUnderGivesTheComparatorsOrderOfTheRelativePaths() {
        Path root = Path.of("/project/db/migrations");
        List<Path> files = new ArrayList<>();
        for (String p : List.of("10_tables/a.sql", "9_types/z.sql", "9_types/10.sql", "9_types/9.sql", "a.b/x.sql", "a/x.sql",
                "1_a.sql", "01_a.sql", "001_a.sql", "B.sql", "a-b.sql", "a_b.sql", "b.sql", "a10.sql", "a2.sql",
                "20261128143015000000000001_b.sql", "20261128143015000000000000_c.sql", "a/b/c/1.sql", "a/b.sql")) {
            files.add(root.resolve(p));
        }
        Collections.shuffle(files, new Random(11));
        List<Path> expected = new ArrayList<>(files);
        expected.sort((a, b) -> NaturalPathOrder.INSTANCE.compare(root.relativize(a), root.relativize(b)));

        List<Path> sorted = NaturalPathOrder.sortUnder(root, files);

        assertThat(sorted).containsExactlyElementsOf(expected);
        assertThat(sorted.get(0)).isEqualTo(root.resolve("001_a.sql"));
    }

    @Test
    void repositoryPathsSortComponentByComponentWithNumbersAsNumbers() {
        List<String> sorted = NaturalPathOrder.sortByRelativePath(List.of("db/schema/10_tables/users.sql",
                "db/schema/9_types.sql", "db/schema/10_tables", "db/schema/10_tables/a/b.sql", "db/schema/1_base.sql",
                "db/schema/10_tables/2.sql"), p -> p);
        assertThat(sorted).containsExactly("db/schema/1_base.sql", "db/schema/9_types.sql", "db/schema/10_tables",
                "db/schema/10_tables/2.sql", "db/schema/10_tables/a/b.sql", "db/schema/10_tables/users.sql");
    }

    /** The order of '/'-separated paths as first written for git trees: split into components, compared by name. */
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
    void sortByRelativePathGivesTheOrderOfComparingComponentByComponent() {
        Random random = new Random(42);
        String[] parts = {"", "a", "b", "A", "1", "2", "10", "01", "x1", "x10", "_", "a.sql", "\u00e9"};
        for (int round = 0; round < 200; round++) {
            List<String> paths = new ArrayList<>();
            for (int n = 0; n < 100; n++) {
                StringBuilder p = new StringBuilder();
                int components = 1 + random.nextInt(4);
                for (int i = 0; i < components; i++) {
                    p.append(i > 0 ? "/" : "").append(parts[random.nextInt(parts.length)]);
                }
                paths.add(p.toString());
            }
            List<String> expected = new ArrayList<>(paths);
            expected.sort(NaturalPathOrderTest::bySplitting);
            assertThat(NaturalPathOrder.sortByRelativePath(paths, p -> p)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void sortKeysOrderNamesAsTheComparatorDoes() {
        // Random names over the characters that matter: digit runs of every length (leading zeros,
        // nine digits and more), characters either side of the digits, and one beyond Latin-1.
        String alphabet = "0000111999_-.aAzZ~ \u00e9\u4e2d";
        Random random = new Random(42);
        List<String> names = new ArrayList<>(List.of("", "0", "00", "9", "123456789", "0123456789", "1234567890",
                "99999999", "100000000", "a", "a0", "a00", "a\u0001", "20261128143015_x", "020261128143015_x"));
        for (int i = 0; i < 600; i++) {
            StringBuilder name = new StringBuilder();
            for (int n = random.nextInt(14); n > 0; n--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            names.add(name.toString());
        }
        for (String x : names) {
            for (String y : names) {
                assertThat(Integer.signum(NaturalPathOrder.sortKey(x).compareTo(NaturalPathOrder.sortKey(y))))
                        .as("'%s' vs '%s'", x, y).isEqualTo(Integer.signum(NaturalPathOrder.compareNames(x, y)));
            }
        }
    }
}
