package dev.confiture.model.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

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
     * The files under {@code root} sorted by this order of their paths relative to it. Each name is
     * turned once into a {@link #sortKey}, which plain {@link String#compareTo} orders as
     * {@link #compareNames} does: on a cold JVM, sorting 10,000 migration files by comparing their
     * names took about 0.3 s (each of ~130,000 comparisons walking both names through the
     * interpreter), by their keys about 0.1 s.
     */
    public static List<Path> sortUnder(Path root, List<Path> files) {
        List<Keyed<Path>> keyed = new ArrayList<>(files.size());
        for (Path file : files) {
            String[] keys;
            if (root.equals(file.getParent())) {
                // A file directly in the folder (every migration of a flat folder): its relative path is its name.
                keys = new String[] {sortKey(file.getFileName().toString())};
            } else {
                Path relative = root.relativize(file);
                keys = new String[relative.getNameCount()];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = sortKey(relative.getName(i).toString());
                }
            }
            keyed.add(new Keyed<>(file, keys));
        }
        return sorted(keyed);
    }

    /**
     * {@code items} sorted by this order of the relative path each one has, spelt with {@code /} as
     * git spells it ({@code 10_tables/users.sql}), keyed once as {@link #sortUnder} does.
     */
    public static <T> List<T> sortByRelativePath(List<T> items, Function<T, String> relativePath) {
        List<Keyed<T>> keyed = new ArrayList<>(items.size());
        for (T item : items) {
            String[] names = relativePath.apply(item).split("/", -1);
            String[] keys = new String[names.length];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = sortKey(names[i]);
            }
            keyed.add(new Keyed<>(item, keys));
        }
        return sorted(keyed);
    }

    private static <T> List<T> sorted(List<Keyed<T>> keyed) {
        keyed.sort(KEY_ORDER);
        List<T> sorted = new ArrayList<>(keyed.size());
        for (Keyed<T> k : keyed) {
            sorted.add(k.item());
        }
        return sorted;
    }

    private record Keyed<T>(T item, String[] keys) {
    }

    /** Component by component, each by its key; a path that is a prefix of another first. */
    private static final Comparator<Keyed<?>> KEY_ORDER = new Comparator<>() {
        @Override
        public int compare(Keyed<?> a, Keyed<?> b) {
            int n = Math.min(a.keys().length, b.keys().length);
            for (int i = 0; i < n; i++) {
                int c = a.keys()[i].compareTo(b.keys()[i]);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.keys().length, b.keys().length);
        }
    };

    /**
     * A string whose {@link String#compareTo} order is {@link #compareNames}'s order of the names:
     * every digit run, its leading zeros dropped, is written as its length then its digits (the
     * length as one character {@code '1'..'8'}, or {@code '9'} and two characters holding it, so
     * that a longer number sorts after a shorter one and the run still sorts against a non-digit
     * as a digit does); the other characters as they are; then a NUL (below every character a name
     * holds, so a key that is a prefix of another sorts first, as the shorter rest does) and the
     * name itself, which breaks ties between spellings of one number as {@link #compareNames} does.
     */
    static String sortKey(String name) {
        StringBuilder key = new StringBuilder(2 * name.length() + 4);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (!isDigit(c)) {
                key.append(c);
                i++;
                continue;
            }
            int end = digitRunEnd(name, i);
            int start = i;
            while (start < end - 1 && name.charAt(start) == '0') {
                start++;
            }
            int length = end - start;
            if (length < 9) {
                key.append((char) ('0' + length));
            } else {
                key.append('9').append((char) (length >>> 16)).append((char) (length & 0xFFFF));
            }
            key.append(name, start, end);
            i = end;
        }
        return key.append('\0').append(name).toString();
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
