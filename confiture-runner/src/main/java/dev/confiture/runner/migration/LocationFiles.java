package dev.confiture.runner.migration;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.model.files.IncludeScope;
import dev.confiture.model.migration.MigrationPairs;

/**
 * The {@code .sql} files of each migration location, listed once per run: migrate and status read
 * both the versioned and the repeatable migrations from the same folders, and walking (and sorting)
 * a folder of 1,000 files twice cost a tenth of a second on a cold JVM. Make one per run, so that
 * the next run sees files added since.
 */
public final class LocationFiles {

    private final IncludeScope scope;
    private final Map<MigrationLocation, List<Path>> listed = new HashMap<>();
    private final Map<MigrationLocation, MigrationPairs.Listing<Path>> named = new HashMap<>();

    /** @param scope the environment's {@link IncludeScope}; null bounds each folder by itself */
    public LocationFiles(IncludeScope scope) {
        this.scope = scope;
    }

    /** The files of {@code location}, as {@link SqlMigrationFiles} lists them; the same list on every call. */
    List<Path> of(MigrationLocation location) {
        return listed.computeIfAbsent(location, l -> SqlMigrationFiles.files(l, scope));
    }

    /**
     * The files of {@code location} named and paired ({@link MigrationPairs#list}): the versioned pairs
     * and the repeatables of one folder come from one reading of its file names, not two.
     */
    MigrationPairs.Listing<Path> named(MigrationLocation location) {
        return named.computeIfAbsent(location, l -> MigrationPairs.list(of(l), p -> p, MigrationLocation.display(l.root())));
    }
}
