package dev.confiture.git;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.migration.MigrationFileName;
import dev.confiture.model.migration.MigrationFileName.Direction;
import dev.confiture.model.migration.MigrationPairs;

/**
 * An up migration in a git tree: {@code <version>_<name>.up.sql} under the migrations folder, named
 * by the rule migrate applies ({@link MigrationFileName}), the version compared as a number
 * (docs/migrations.md). Down files are not migrations to apply. The folder is read by the rule of
 * {@link SchemaIncludes}, as {@code SqlMigrationFiles} reads it on disk for migrate (confiture-runner):
 * symbolic links are followed from the tree, a linked migration is listed under the link's name, and a
 * link that leaves the project is an error naming it.
 */
public record MigrationFile(GitFile file, BigInteger version, String name) {

    /** Whether this is a repeatable migration ({@code R__<name>.sql}), which has no version. */
    public boolean repeatable() {
        return version == null;
    }

    static final Comparator<MigrationFile> BY_VERSION =
            Comparator.comparing(MigrationFile::version).thenComparing(m -> m.file().path());

    public String fileName() {
        return fileName(file);
    }

    private static String fileName(GitFile file) {
        return file.path().substring(file.path().lastIndexOf('/') + 1);
    }

    /** As {@link #in(Revision, SchemaIncludes, boolean)}, with links followed anywhere inside the repository. */
    static List<MigrationFile> in(Revision revision, String dir, boolean strict) {
        return in(revision, new SchemaIncludes(List.of(dir)), strict);
    }

    /**
     * The up migrations of a revision under {@code folder} (one include: the migrations folder), by
     * version. The target side is read as migrate reads the folder on disk ({@link MigrationPairs}):
     * a {@code .sql} file that is not a migration, a down file without its up file, or a repeated
     * version is an error. The base side ({@code strict} false) is only what came before: files that
     * are not migrations are left out there, so that a branch can fix a bad name.
     */
    static List<MigrationFile> in(Revision revision, SchemaIncludes folder, boolean strict) {
        return in(revision, folder, folder.select(revision), strict);
    }

    /** As {@link #in(Revision, SchemaIncludes, boolean)}, with the folder's files already selected. */
    static List<MigrationFile> in(Revision revision, SchemaIncludes folder, List<GitFile> files, boolean strict) {
        List<MigrationFile> migrations = new ArrayList<>();
        if (strict) {
            String where = String.join(", ", folder.paths()) + " in " + revision.label();
            for (MigrationPairs.Pair<GitFile> pair : MigrationPairs.of(files, f -> Path.of(f.path()), where)) {
                migrations.add(new MigrationFile(pair.up(), pair.name().version().number(), pair.name().name()));
            }
        } else {
            for (GitFile f : files) {
                MigrationFileName.parse(fileName(f)).ifPresent(name -> {
                    if (name instanceof MigrationFileName.Versioned v && v.direction() == Direction.UP) {
                        migrations.add(new MigrationFile(f, v.version().number(), v.name()));
                    }
                });
            }
        }
        migrations.sort(BY_VERSION);
        if (!strict) {
            return migrations;
        }
        refuseDuplicateVersions(revision, migrations);
        return migrations;
    }

    /**
     * The repeatable migrations ({@code R__<name>.sql}) of a revision under {@code folder}, in name
     * order (the order migrate applies them in, after every versioned one), with a null version.
     * {@code strict} as for {@link #in(Revision, SchemaIncludes, boolean)}.
     */
    static List<MigrationFile> repeatablesIn(Revision revision, SchemaIncludes folder, boolean strict) {
        return repeatablesIn(revision, folder, folder.select(revision), strict);
    }

    /** As {@link #repeatablesIn(Revision, SchemaIncludes, boolean)}, with the folder's files already selected. */
    static List<MigrationFile> repeatablesIn(Revision revision, SchemaIncludes folder, List<GitFile> files,
                                             boolean strict) {
        List<MigrationFile> repeatables = new ArrayList<>();
        if (strict) {
            String where = String.join(", ", folder.paths()) + " in " + revision.label();
            for (MigrationPairs.Single<GitFile> r : MigrationPairs.list(files, f -> Path.of(f.path()), where).repeatables()) {
                repeatables.add(new MigrationFile(r.file(), null, r.name().key()));
            }
            return repeatables;
        }
        for (GitFile f : files) {
            MigrationFileName.parse(fileName(f)).ifPresent(name -> {
                if (name instanceof MigrationFileName.Repeatable r) {
                    repeatables.add(new MigrationFile(f, null, r.key()));
                }
            });
        }
        repeatables.sort(Comparator.comparing(MigrationFile::name));
        return repeatables;
    }

    private static void refuseDuplicateVersions(Revision revision, List<MigrationFile> migrations) {
        Map<BigInteger, MigrationFile> byVersion = new HashMap<>();
        for (MigrationFile m : migrations) {
            MigrationFile other = byVersion.putIfAbsent(m.version(), m);
            if (other != null) {
                throw new ConfitureException("VALIDATE_DUPLICATE_VERSION", "has version " + m.version()
                        + ", as " + other.file().path() + " does, in " + revision.label()
                        + "; give one of them a new version", Path.of(m.file().path()), 0);
            }
        }
    }
}
