package dev.confiture.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.migration.MigrationFileName;
import dev.confiture.model.migration.MigrationVersion;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.migration.SqlMigrationFiles;
import dev.confiture.runner.report.GenerateReport;

/**
 * The one writer of migration pairs, {@code <next version>_<name>.up.sql} and {@code .down.sql}, for
 * {@code generate} (empty pair) and {@code diff -Dconfiture.generate=true} (the diff's SQL). The name
 * and the next version follow {@link MigrationFileName}, given every existing migration, SQL and Java.
 */
public final class MigrationGenerator {

    private MigrationGenerator() {
    }

    /** Checks a migration name: lower-case letters, digits and underscores, starting with a letter. */
    public static String validateName(String name) {
        return MigrationFileName.validateNewName(name);
    }

    /** The version the next migration gets, given the existing ones (in any order). */
    public static String nextVersion(List<ResolvedMigration> existing) {
        return nextVersion(existing, LocalDateTime.now(ZoneOffset.UTC));
    }

    static String nextVersion(List<ResolvedMigration> existing, LocalDateTime now) {
        return MigrationFileName.nextVersion(existing.stream().map(ResolvedMigration::version).toList(), now).text();
    }

    /**
     * Writes the pair into {@code migrationsDir} (created if needed), given the migrations that
     * exist already (SQL and Java, for the version). Never overwrites a file: when either exists,
     * nothing is written.
     *
     * @param upSql the up file's content, or null for a comment saying what goes there
     * @param downSql the down file's content, or null for a comment saying what goes there
     */
    public static GenerateReport generate(Path migrationsDir, List<ResolvedMigration> existing, String name,
                                          String upSql, String downSql) {
        return generate(migrationsDir, existing, name, upSql, downSql, LocalDateTime.now(ZoneOffset.UTC));
    }

    static GenerateReport generate(Path migrationsDir, List<ResolvedMigration> existing, String name,
                                   String upSql, String downSql, LocalDateTime now) {
        return generate(migrationsDir, existing, name, upSql, downSql, MigrationFileName.next(
                existing.stream().map(ResolvedMigration::version).toList(), name, now));
    }

    private static GenerateReport generate(Path migrationsDir, List<ResolvedMigration> existing, String name,
                                           String upSql, String downSql, MigrationFileName.Versioned next) {
        Path up = migrationsDir.resolve(next.up().fileName());
        Path down = migrationsDir.resolve(next.down().fileName());
        for (Path p : List.of(up, down)) {
            if (Files.exists(p)) {
                throw new ConfitureException("GENERATE_FILE_EXISTS", p + " exists already; nothing was written", p, 0);
            }
        }
        try {
            Files.createDirectories(migrationsDir);
            Files.writeString(up, upSql != null ? upSql : "-- " + next.key() + " (up): the change, in SQL."
                    + " It runs in one transaction with its tracking row.\n", StandardCharsets.UTF_8);
            Files.writeString(down, downSql != null ? downSql : "-- " + next.key() + " (down): undo the up"
                    + " migration. Delete this file if it cannot be undone: rollback will then refuse.\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfitureException("GENERATE_WRITE_FAILED", "Could not write the migration into "
                    + migrationsDir + ": " + e.getMessage(), e);
        }
        return new GenerateReport(next.version().text(), next.name(), up.toString(), down.toString());
    }

    /** One pair to write: its name and the content of both files. */
    public record Pair(String name, String upSql, String downSql) {
    }

    /**
     * Writes several pairs with consecutive versions, in order (each pair's version is the next after the
     * one before it), as {@code diff -Dconfiture.online=true} needs. Checked before anything is written:
     * when any of the files exists already, or a name is not valid, nothing is written.
     */
    public static List<GenerateReport> generate(Path migrationsDir, List<ResolvedMigration> existing, List<Pair> pairs) {
        return generate(migrationsDir, existing, pairs, LocalDateTime.now(ZoneOffset.UTC));
    }

    static List<GenerateReport> generate(Path migrationsDir, List<ResolvedMigration> existing, List<Pair> pairs,
                                         LocalDateTime now) {
        List<MigrationVersion> versions = new ArrayList<>(existing.stream().map(ResolvedMigration::version).toList());
        List<MigrationFileName.Versioned> names = new ArrayList<>();
        for (Pair pair : pairs) {
            MigrationFileName.Versioned next = MigrationFileName.next(versions, pair.name(), now);
            for (Path p : List.of(migrationsDir.resolve(next.up().fileName()), migrationsDir.resolve(next.down().fileName()))) {
                if (Files.exists(p)) {
                    throw new ConfitureException("GENERATE_FILE_EXISTS", p + " exists already; nothing was written", p, 0);
                }
            }
            names.add(next);
            versions.add(next.version());
        }
        List<GenerateReport> out = new ArrayList<>();
        List<ResolvedMigration> none = List.of();
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            out.add(generate(migrationsDir, none, pair.name(), pair.upSql(), pair.downSql(), names.get(i)));
        }
        return out;
    }

    /** The empty pair for the SQL migrations found in {@code migrationsDir}. */
    public static GenerateReport generate(Path migrationsDir, String name) {
        return generate(migrationsDir, SqlMigrationFiles.discover(migrationsDir), name, null, null);
    }
}
