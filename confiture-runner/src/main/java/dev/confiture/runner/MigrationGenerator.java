package dev.confiture.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

import dev.confiture.model.ConfitureException;
import dev.confiture.runner.migration.MigrationVersion;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.migration.SqlMigrationFiles;
import dev.confiture.runner.report.GenerateReport;

/**
 * Writes the next migration pair, {@code <next version>_<name>.up.sql} and {@code .down.sql}.
 * The next version is the highest one + 1 in the same zero-padded width ({@code 007} -> {@code 008});
 * a project numbering by timestamp ({@code 20261128143015}, 14 digits) gets the current UTC time
 * when that is later. {@code 001} when there is none.
 */
public final class MigrationGenerator {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,99}");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private MigrationGenerator() {
    }

    /** Checks a migration name: lower-case letters, digits and underscores, starting with a letter. */
    public static String validateName(String name) {
        if (name == null || name.isBlank()) {
            throw new ConfitureException("GENERATE_NAME_REQUIRED",
                    "A migration name is required: -Dconfiture.name=add_user_phone (lower case, digits, underscores)");
        }
        String trimmed = name.trim();
        if (!NAME.matcher(trimmed).matches()) {
            String suggestion = trimmed.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
            throw new ConfitureException("GENERATE_BAD_NAME", "'" + name + "' is not a usable migration name: use lower-case"
                    + " letters, digits and underscores, starting with a letter"
                    + (NAME.matcher(suggestion).matches() ? ", e.g. " + suggestion : ""));
        }
        return trimmed;
    }

    /** The version the next migration gets, given the existing ones (in any order). */
    public static String nextVersion(List<ResolvedMigration> existing) {
        return nextVersion(existing, LocalDateTime.now(ZoneOffset.UTC));
    }

    static String nextVersion(List<ResolvedMigration> existing, LocalDateTime now) {
        MigrationVersion highest = existing.stream().map(ResolvedMigration::version).max(MigrationVersion::compareTo).orElse(null);
        if (highest == null) {
            return "001";
        }
        BigInteger next = highest.number().add(BigInteger.ONE);
        if (highest.text().length() == 14) {
            BigInteger stamp = new BigInteger(now.format(TIMESTAMP));
            if (stamp.compareTo(next) > 0) {
                next = stamp;
            }
        }
        String text = next.toString();
        int width = highest.text().length();
        return text.length() >= width ? text : "0".repeat(width - text.length()) + text;
    }

    /**
     * Writes the pair into {@code migrationsDir} (created if needed), given the migrations that
     * exist already (SQL and Java, for the version). Never overwrites a file.
     */
    public static GenerateReport generate(Path migrationsDir, List<ResolvedMigration> existing, String name,
                                          String upSql, String downSql) {
        String valid = validateName(name);
        String version = nextVersion(existing);
        Path up = migrationsDir.resolve(version + "_" + valid + ".up.sql");
        Path down = migrationsDir.resolve(version + "_" + valid + ".down.sql");
        try {
            Files.createDirectories(migrationsDir);
            for (Path p : List.of(up, down)) {
                if (Files.exists(p)) {
                    throw new ConfitureException("GENERATE_FILE_EXISTS", p + " exists already; nothing was written", p, 0);
                }
            }
            Files.writeString(up, upSql != null ? upSql : "-- " + version + "_" + valid + " (up): the change, in SQL."
                    + " It runs in one transaction with its tracking row.\n", StandardCharsets.UTF_8);
            Files.writeString(down, downSql != null ? downSql : "-- " + version + "_" + valid + " (down): undo the up"
                    + " migration. Delete this file if it cannot be undone: rollback will then refuse.\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the migration into " + migrationsDir, e);
        }
        return new GenerateReport(version, valid, up.toString(), down.toString());
    }

    /** The empty pair for the SQL migrations found in {@code migrationsDir}. */
    public static GenerateReport generate(Path migrationsDir, String name) {
        return generate(migrationsDir, SqlMigrationFiles.discover(migrationsDir), name, null, null);
    }
}
