package dev.confiture.git;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.confiture.model.ConfitureException;

/**
 * An up migration in a git tree: {@code <version>_<name>.up.sql} under the migrations folder, the
 * version being the digits before the first {@code _}, compared as a number (INTERFACE.md section 3).
 * Down files and other files are not migrations to apply. The folder is read by the rule of
 * {@link SchemaIncludes}, as {@code SqlMigrationFiles} reads it on disk for migrate (confiture-runner):
 * symbolic links are followed from the tree, a linked migration is listed under the link's name, and a
 * link that leaves the project is an error naming it.
 */
public record MigrationFile(GitFile file, BigInteger version, String name) {

    static final Comparator<MigrationFile> BY_VERSION =
            Comparator.comparing(MigrationFile::version).thenComparing(m -> m.file().path());

    private static final Pattern NAME = Pattern.compile("(\\d+)_(.+)\\.up\\.sql");

    public String fileName() {
        return file.path().substring(file.path().lastIndexOf('/') + 1);
    }

    /** As {@link #in(Revision, SchemaIncludes, boolean)}, with links followed anywhere inside the repository. */
    static List<MigrationFile> in(Revision revision, String dir, boolean requireUniqueVersions) {
        return in(revision, new SchemaIncludes(List.of(dir)), requireUniqueVersions);
    }

    /**
     * The up migrations of a revision under {@code folder} (one include: the migrations folder), by
     * version; a bad name is an error, and so is a repeated version where asked.
     */
    static List<MigrationFile> in(Revision revision, SchemaIncludes folder, boolean requireUniqueVersions) {
        List<MigrationFile> migrations = new ArrayList<>();
        for (GitFile f : folder.select(revision)) {
            if (!f.path().endsWith(".up.sql")) {
                continue;
            }
            String fileName = f.path().substring(f.path().lastIndexOf('/') + 1);
            Matcher m = NAME.matcher(fileName);
            if (!m.matches()) {
                throw new ConfitureException("VALIDATE_BAD_MIGRATION_NAME", "is not named <version>_<name>.up.sql"
                        + " (version = digits, such as 003_add_phone.up.sql) in " + revision.label(),
                        Path.of(f.path()), 0);
            }
            migrations.add(new MigrationFile(f, new BigInteger(m.group(1)), m.group(2)));
        }
        migrations.sort(BY_VERSION);
        if (!requireUniqueVersions) {
            return migrations;
        }
        Map<BigInteger, MigrationFile> byVersion = new HashMap<>();
        for (MigrationFile m : migrations) {
            MigrationFile other = byVersion.putIfAbsent(m.version(), m);
            if (other != null) {
                throw new ConfitureException("VALIDATE_DUPLICATE_VERSION", "has version " + m.version()
                        + ", as " + other.file().path() + " does, in " + revision.label()
                        + "; give one of them a new version", Path.of(m.file().path()), 0);
            }
        }
        return migrations;
    }
}
