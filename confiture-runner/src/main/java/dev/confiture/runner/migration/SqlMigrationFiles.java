package dev.confiture.runner.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.files.IncludeScope;
import dev.confiture.model.files.SqlFiles;
import dev.confiture.model.migration.MigrationFileName;
import dev.confiture.model.migration.MigrationPairs;

/**
 * Finds {@code <version>_<name>.up.sql} / {@code .down.sql} pairs under a migrations folder
 * (recursively, so teams may group them in sub-folders; names starting with a dot skipped, as for
 * schema files), named and paired by {@link MigrationFileName} and {@link MigrationPairs}. Any other
 * {@code .sql} file there is an error rather than something silently skipped: a misnamed migration
 * would otherwise never run.
 */
public final class SqlMigrationFiles {

    private SqlMigrationFiles() {
    }

    /** As {@link #discover(Path, IncludeScope)}, with the migrations folder itself as the bound. */
    public static List<ResolvedMigration> discover(Path dir) {
        return discover(dir, null);
    }

    /**
     * The migrations under {@code dir}, listed by the rule of schema includes ({@link SqlFiles}), so
     * that migrate, verify and validate (from git) see the same files: symbolic links inside the
     * project are followed (a linked migration is listed under the link's name), a link that leads
     * outside it, or a migrations folder outside it, is an error unless the environment allows it.
     *
     * @param scope the environment's {@link IncludeScope}; null bounds links by {@code dir} itself
     */
    public static List<ResolvedMigration> discover(Path dir, IncludeScope scope) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = SqlFiles.discover(List.of(dir), scope == null ? IncludeScope.within(dir) : scope);
        return pairs(MigrationPairs.of(files, p -> p, MigrationLocation.display(dir)));
    }

    /**
     * The migrations of one location: a folder of the project (bounded by {@code scope} as above), or a
     * {@code classpath:} location, read where it is (a folder of the class path is bounded by itself; a
     * folder inside a jar holds no links).
     */
    public static List<ResolvedMigration> discover(MigrationLocation location, IncludeScope scope) {
        return discover(location, new LocationFiles(scope));
    }

    /** As {@link #discover(MigrationLocation, IncludeScope)}, from a run's listing of its locations. */
    public static List<ResolvedMigration> discover(MigrationLocation location, LocationFiles listing) {
        return pairs(listing.named(location).pairs());
    }

    /** The {@code .sql} files of one location, listed as {@link #discover(MigrationLocation, IncludeScope)} says. */
    static List<Path> files(MigrationLocation location, IncludeScope scope) {
        Path dir = location.root();
        if (!location.classpath() || !location.inJar()) {
            if (dir == null || !Files.isDirectory(dir)) {
                return List.of();
            }
            IncludeScope bound = location.classpath() || scope == null ? IncludeScope.within(dir) : scope;
            return SqlFiles.discover(List.of(dir), bound);
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(location.root())) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".sql") && !f.getFileName().toString().startsWith("."))
                    .sorted(java.util.Comparator.comparing(Path::toString)).toList();
        } catch (java.io.IOException e) {
            throw new ConfitureException("LOCATION_UNREADABLE", "Could not list " + MigrationLocation.display(location.root())
                    + ": " + e.getMessage(), e);
        }
    }

    private static List<ResolvedMigration> pairs(List<MigrationPairs.Pair<Path>> pairs) {
        List<ResolvedMigration> result = new ArrayList<>();
        Checksums.PairHasher hasher = new Checksums.PairHasher();
        for (MigrationPairs.Pair<Path> pair : pairs) {
            Checksums.OfPair sums = hasher.ofPair(pair.up(), pair.down());
            result.add(new ResolvedMigration(pair.name().version(), pair.name().name(), MigrationKind.SQL,
                    sums.checksum(), pair.up(), pair.down(), null, sums.upChecksum()));
        }
        return result;
    }

    /**
     * The repeatable migrations ({@code R__<name>.sql}) of every location, listed by the same rule as
     * {@link #discover(MigrationLocation, IncludeScope)}, in name order: the order migrate applies them
     * in. One name in two places is an error naming both.
     */
    public static List<RepeatableMigration> repeatables(List<MigrationLocation> locations, IncludeScope scope) {
        return repeatables(locations, new LocationFiles(scope));
    }

    /** As {@link #repeatables(List, IncludeScope)}, from a run's listing of its locations. */
    public static List<RepeatableMigration> repeatables(List<MigrationLocation> locations, LocationFiles listing) {
        java.util.TreeMap<String, RepeatableMigration> byName = new java.util.TreeMap<>();
        for (MigrationLocation location : locations) {
            for (MigrationPairs.Single<Path> r : listing.named(location).repeatables()) {
                RepeatableMigration found = new RepeatableMigration(r.name(), r.file(), Checksums.ofUp(r.file()));
                RepeatableMigration previous = byName.putIfAbsent(r.name().name(), found);
                if (previous != null) {
                    throw new ConfitureException("MIGRATION_DUPLICATE_REPEATABLE", "Two files for repeatable migration "
                            + found.key() + ": " + MigrationLocation.display(previous.file()) + " and "
                            + MigrationLocation.display(found.file()) + ". Keep one.", found.file(), 0);
                }
            }
        }
        return List.copyOf(byName.values());
    }
}
