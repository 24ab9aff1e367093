package dev.confiture.runner.migration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.files.Utf8Text;
import dev.confiture.sql.MigrationScript;
import dev.confiture.sql.Placeholders;
import dev.confiture.sql.SqlSplitter;
import dev.confiture.sql.SqlStatement;

/**
 * The statements of SQL migration files as the runner runs them: read as UTF-8, cut as psql would,
 * and judged by {@link MigrationScript} (no transaction control, no psql meta-commands) so that
 * {@code migrate}, {@code rollback} and {@code verify} refuse what {@code validate} refuses.
 */
public final class MigrationStatements {

    /** The error code of a migration file that cannot be read or is not UTF-8. */
    public static final String UNREADABLE = "MIGRATION_UNREADABLE";

    private MigrationStatements() {
    }

    /** The statements of one migration file; what no migration may contain is thrown, with its file and line. */
    public static List<SqlStatement> of(Path file) {
        return MigrationScript.split(Utf8Text.read(file, UNREADABLE), file);
    }

    /**
     * The statements of one migration file with its placeholders replaced ({@link Placeholders}): the
     * step every SQL file the runner runs passes through.
     */
    public static List<SqlStatement> of(Path file, Placeholders placeholders) {
        return MigrationScript.split(placeholders.apply(Utf8Text.read(file, UNREADABLE), file), file);
    }

    /** {@link #of(Path, Placeholders)}, the file read and cut at most once in the run of {@code texts}. */
    public static List<SqlStatement> of(Path file, Placeholders placeholders, MigrationTexts texts) {
        SqlSplitter.Cut cut = texts.cut(file, placeholders.apply(texts.read(file), file));
        List<MigrationScript.Refusal> refused = MigrationScript.refusals(cut, file);
        if (!refused.isEmpty()) {
            throw refused.get(0).toException();
        }
        return cut.statements();
    }

    /**
     * Refuses, before anything runs, an unknown placeholder in the files of {@code migrations} (their up
     * files with {@code ups}, their down files with {@code downs}), naming its file and line.
     */
    public static void refuseUnknownPlaceholders(List<ResolvedMigration> migrations, boolean ups, boolean downs,
                                                 Placeholders placeholders) {
        refuseUnknownPlaceholders(migrations, ups, downs, placeholders, new MigrationTexts());
    }

    /** {@link #refuseUnknownPlaceholders(List, boolean, boolean, Placeholders)}, each file read once in the run of {@code texts}. */
    public static void refuseUnknownPlaceholders(List<ResolvedMigration> migrations, boolean ups, boolean downs,
                                                 Placeholders placeholders, MigrationTexts texts) {
        for (ResolvedMigration m : migrations) {
            if (m.kind() != MigrationKind.SQL) {
                continue;
            }
            if (ups) {
                placeholders.apply(texts.read(m.upFile()), m.upFile());
            }
            if (downs && m.downFile() != null) {
                placeholders.apply(texts.read(m.downFile()), m.downFile());
            }
        }
    }

    /**
     * Refuses, before anything runs, the files of {@code migrations} (their up files with {@code ups},
     * their down files with {@code downs}) that hold anything no migration may contain; one error
     * lists every such statement with its file and line. {@code outcome} says what that means for the
     * goal, e.g. "nothing was applied".
     */
    public static void refuseForbidden(List<ResolvedMigration> migrations, boolean ups, boolean downs, String outcome) {
        refuseForbidden(migrations, ups, downs, outcome, new MigrationTexts());
    }

    /** {@link #refuseForbidden(List, boolean, boolean, String)}, each file read and cut once in the run of {@code texts}. */
    public static void refuseForbidden(List<ResolvedMigration> migrations, boolean ups, boolean downs, String outcome,
                                       MigrationTexts texts) {
        List<MigrationScript.Refusal> refusals = new ArrayList<>();
        for (ResolvedMigration m : migrations) {
            if (m.kind() != MigrationKind.SQL) {
                continue;
            }
            if (ups) {
                refusals.addAll(MigrationScript.refusals(texts.cut(m.upFile(), texts.read(m.upFile())), m.upFile()));
            }
            if (downs && m.downFile() != null) {
                refusals.addAll(MigrationScript.refusals(texts.cut(m.downFile(), texts.read(m.downFile())), m.downFile()));
            }
        }
        if (refusals.isEmpty()) {
            return;
        }
        MigrationScript.Refusal first = refusals.get(0);
        StringBuilder message = new StringBuilder("Refused before anything ran, " + outcome + ": ")
                .append(refusals.size() == 1 ? "a statement" : refusals.size() + " statements")
                .append(" no migration may contain:");
        refusals.forEach(r -> message.append("\n  - ").append(r.located()));
        throw new ConfitureException(first.code(), message.toString(), first.file(), first.line(), true, null);
    }
}
