package dev.confiture.model.migration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.migration.MigrationFileName.Direction;
import dev.confiture.model.migration.MigrationFileName.Repeatable;
import dev.confiture.model.migration.MigrationFileName.Versioned;

/**
 * The {@code .sql} files of a migrations folder, paired by {@link MigrationFileName}: every file must
 * be a migration, an up file and its down file share {@code <version>_<name>}, a down file needs its
 * up file and one name is one file. The same for files on disk (migrate) and blobs in a git tree
 * (validate), hence the file type {@code F}.
 */
public final class MigrationPairs {

    /** An up file and its down file (null when the migration cannot be undone). */
    public record Pair<F>(Versioned name, F up, F down) {
    }

    /** A repeatable migration's file ({@code R__<name>.sql}). */
    public record Single<F>(Repeatable name, F file) {
    }

    /** Every migration of a folder: the versioned pairs, and the repeatable files in name order. */
    public record Listing<F>(List<Pair<F>> pairs, List<Single<F>> repeatables) {
    }

    private MigrationPairs() {
    }

    /**
     * @param files the {@code .sql} files in listing order
     * @param path how an error names a file
     * @param folder how an error names the migrations folder
     * @return the pairs, in the order their up files were listed
     */
    public static <F> List<Pair<F>> of(List<F> files, Function<F, Path> path, String folder) {
        return list(files, path, folder).pairs();
    }

    /**
     * As {@link #of}, with the repeatable migrations too, sorted by name (the order they are applied
     * in); two files of one repeatable name (in different sub-folders) are an error.
     */
    public static <F> Listing<F> list(List<F> files, Function<F, Path> path, String folder) {
        Map<String, Single<F>> repeatables = new java.util.TreeMap<>();
        Map<String, F> ups = new LinkedHashMap<>();
        Map<String, F> downs = new LinkedHashMap<>();
        Map<String, Versioned> names = new LinkedHashMap<>();
        for (F file : files) {
            Path p = path.apply(file);
            MigrationFileName name = MigrationFileName.require(p, folder);
            if (name instanceof Repeatable r) {
                Single<F> previous = repeatables.putIfAbsent(r.name(), new Single<>(r, file));
                if (previous != null) {
                    throw new ConfitureException("MIGRATION_DUPLICATE_REPEATABLE", "Two files for repeatable migration "
                            + r.key() + ": " + path.apply(previous.file()) + " and " + p + ". Keep one.", p, 0);
                }
                continue;
            }
            Versioned v = (Versioned) name;
            String key = v.key();
            Map<String, F> target = v.direction() == Direction.UP ? ups : downs;
            F previous = target.putIfAbsent(key, file);
            if (previous != null) {
                throw new ConfitureException("MIGRATION_DUPLICATE_VERSION", "Two files for migration "
                        + key + ": " + path.apply(previous) + " and " + p + ". Keep one.", p, 0);
            }
            names.putIfAbsent(key, v.up());
        }
        for (Map.Entry<String, F> down : downs.entrySet()) {
            if (!ups.containsKey(down.getKey())) {
                Path p = path.apply(down.getValue());
                throw new ConfitureException("MIGRATION_DOWN_WITHOUT_UP", "'" + p.getFileName()
                        + "' has no matching '" + down.getKey() + ".up.sql'. Every migration needs an up file;"
                        + " the down file is optional. Expected: " + MigrationFileName.EXPECTED + ".", p, 0);
            }
        }
        List<Pair<F>> result = new ArrayList<>();
        ups.forEach((key, up) -> result.add(new Pair<>(names.get(key), up, downs.get(key))));
        return new Listing<>(List.copyOf(result), List.copyOf(repeatables.values()));
    }
}
