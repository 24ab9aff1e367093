package dev.confiture.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.confiture.sql.SqlStatement;
import dev.confiture.sql.SqlStatements;
import dev.confiture.runner.db.AppliedMigration;
import dev.confiture.runner.db.SessionSearchPath;
import dev.confiture.runner.db.TrackingTable;
import dev.confiture.runner.migration.CallbackEvent;
import dev.confiture.runner.migration.MigrationStatements;
import dev.confiture.runner.migration.MigrationTexts;
import dev.confiture.sql.Placeholders;
import dev.confiture.runner.migration.RepeatableMigration;
import dev.confiture.runner.report.MigrationOutcome;

/**
 * Applies repeatable migrations ({@link RepeatableMigration}) after the versioned ones of a run: each
 * one whose checksum differs from its row, in name order, in its own transaction with its row (or
 * statement by statement outside one when a statement requires it, as a versioned migration does).
 * A repeatable gets what a versioned migration gets: the {@code beforeEachMigrate} and
 * {@code afterEachMigrate} callbacks in its transaction, and the watch that says which session
 * blocks it. Never rolled back: {@code rollback} reads only versioned rows.
 */
final class RepeatableRun {

    /** How {@code status} shows a repeatable migration changed since its last application. */
    static final String OUTDATED = "outdated";

    private final TrackingTable tracking;
    private final Placeholders placeholders;
    private final SessionSearchPath searchPath;
    private final CallbackRunner callbacks;
    private final BlockedMigrationWatch watch;
    private final MigrationTexts texts;

    /**
     * The run's own tracking table, placeholders, search_path, callbacks, watch and file texts: the ones its
     * versioned migrations use, so that a file {@link #check} read and cut is not read and cut again.
     */
    RepeatableRun(TrackingTable tracking, Placeholders placeholders, SessionSearchPath searchPath, CallbackRunner callbacks,
                  BlockedMigrationWatch watch, MigrationTexts texts) {
        this.tracking = tracking;
        this.placeholders = placeholders;
        this.searchPath = searchPath;
        this.callbacks = callbacks;
        this.watch = watch;
        this.texts = texts;
    }

    /** The repeatables to apply in this run, in name order: never applied, or changed since. */
    static List<RepeatableMigration> due(List<RepeatableMigration> onDisk, List<AppliedMigration> rows) {
        Map<String, String> recorded = new TreeMap<>();
        rows.forEach(r -> recorded.put(r.version(), r.checksum()));
        return onDisk.stream().filter(r -> r.due(recorded.get(r.key()))).toList();
    }

    /**
     * Reads each file with its placeholders, before anything of the run is applied: a forbidden statement
     * or an unknown placeholder in a repeatable refuses the run as it does in a versioned migration.
     */
    static void check(List<RepeatableMigration> due, Placeholders placeholders, MigrationTexts texts) {
        due.forEach(r -> MigrationStatements.of(r.file(), placeholders, texts));
    }

    /** Applies one, recording it, while watching whether it is blocked; {@code doneBefore} migrations of this run stay applied if it fails. */
    MigrationOutcome apply(Connection c, RepeatableMigration r, int doneBefore) throws SQLException {
        try (BlockedMigrationWatch.Watch watching = watch.watch(r.key())) {
            return applyWatched(c, r, doneBefore);
        }
    }

    private MigrationOutcome applyWatched(Connection c, RepeatableMigration r, int doneBefore) throws SQLException {
        long start = System.nanoTime();
        List<SqlStatement> statements = MigrationStatements.of(r.file(), placeholders, texts);
        boolean transactional = !SqlStatements.anyRequiresNoTransaction(statements);
        String before = doneBefore > 0 ? "; the " + doneBefore + " migration(s) before it in this run stay"
                + " applied and recorded." : ".";
        String rolledBack = "Nothing of " + r.key() + " was applied (its transaction was rolled back); its row is unchanged"
                + before;
        return Transactions.run(c, transactional, () -> {
            callbacks.runWithin(c, CallbackEvent.BEFORE_EACH_MIGRATE, r.key(), transactional ? rolledBack
                    : "No statement of " + r.key() + " ran; its row is unchanged" + before);
            for (int i = 0; i < statements.size(); i++) {
                try {
                    execute(c, statements.get(i));
                } catch (SQLException e) {
                    String aftermath = transactional ? rolledBack
                            : "Statements 1-" + i + " of " + statements.size() + " of " + r.key() + " ran outside a"
                            + " transaction and stay applied; its row is unchanged, so the next migrate runs it again" + before;
                    throw StatementFailure.of(r.key(), r.file(), statements.get(i), i + 1, statements.size(), e, aftermath);
                }
            }
            if (callbacks.has(CallbackEvent.AFTER_EACH_MIGRATE)) {
                // The callback starts from the search_path every migration starts from, whatever this one did.
                searchPath.restore(c);
                callbacks.runWithin(c, CallbackEvent.AFTER_EACH_MIGRATE, r.key(), transactional ? rolledBack
                        : "The " + statements.size() + " statement(s) of " + r.key() + " ran outside a transaction and stay"
                        + " applied; its row is unchanged, so the next migrate runs it again" + before);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            tracking.recordRepeatable(c, r.key(), r.name(), r.checksum(), ms);
            searchPath.restore(c);
            return new MigrationOutcome(r.key(), r.name(), RepeatableMigration.KIND, "applied", ms, transactional);
        });
    }

    private static void execute(Connection c, SqlStatement s) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(s.sql());
        }
    }
}
