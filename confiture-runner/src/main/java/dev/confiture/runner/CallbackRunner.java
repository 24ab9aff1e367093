package dev.confiture.runner;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.sql.SqlStatement;
import dev.confiture.sql.SqlStatements;
import dev.confiture.runner.migration.CallbackEvent;
import dev.confiture.runner.migration.Callbacks;
import dev.confiture.runner.migration.MigrationStatements;
import dev.confiture.runner.migration.Placeholders;
import dev.confiture.runner.migration.ResolvedMigration;

/**
 * Runs the SQL callbacks of one session (docs/migrations.md, "Callbacks"): the goal-level ones each
 * in a transaction of their own (or statement by statement outside one, when a statement must be),
 * the per-migration ones inside the migration's transaction, so that a failing one rolls the
 * migration back with it. Every file goes through the same placeholders as the migrations.
 */
final class CallbackRunner {

    private final Callbacks callbacks;
    private final Placeholders placeholders;
    private final MigrationListener listener;

    CallbackRunner(Callbacks callbacks, Placeholders placeholders, MigrationListener listener) {
        this.callbacks = callbacks;
        this.placeholders = placeholders;
        this.listener = listener;
    }

    boolean has(CallbackEvent event) {
        return !callbacks.of(event).isEmpty();
    }

    /** The statements of a callback file, placeholders replaced. */
    List<SqlStatement> statements(Path file) {
        return MigrationStatements.of(file, placeholders);
    }

    /** The callbacks of a goal-level event, each committed on its own; {@code why} says what a failure leaves. */
    void runAlone(Connection c, CallbackEvent event, String why) throws SQLException {
        for (Path file : callbacks.of(event)) {
            List<SqlStatement> statements = statements(file);
            boolean transactional = statements.stream().noneMatch(s -> SqlStatements.requiresNoTransaction(s.sql()));
            listener.info("Running callback " + file.getFileName());
            c.setAutoCommit(!transactional);
            try {
                execute(c, event, file, statements, null, why);
                if (transactional) {
                    c.commit();
                }
            } catch (SQLException | RuntimeException e) {
                if (transactional) {
                    try {
                        c.rollback();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * The callbacks of a per-migration event for {@code m}, in the caller's transaction (or in
     * autocommit for a migration that runs outside one); a failure names the callback's file and line.
     */
    void runWithin(Connection c, CallbackEvent event, ResolvedMigration m, String aftermath) {
        for (Path file : callbacks.of(event)) {
            execute(c, event, file, statements(file), m, aftermath);
        }
    }

    private static void execute(Connection c, CallbackEvent event, Path file, List<SqlStatement> statements,
                                ResolvedMigration m, String aftermath) {
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement s = statements.get(i);
            try {
                MigrationRunner.executeOne(c, s);
            } catch (SQLException e) {
                String label = "callback " + file.getFileName() + " (" + event.fileName()
                        + (m == null ? "" : " of " + m.displayName()) + ")";
                throw StatementFailure.of(label, file, s, i + 1, statements.size(), e, aftermath);
            }
        }
    }

    /** Runs {@code afterMigrateError} after {@code failure}; its own failure is added to it, not put in its place. */
    void afterError(Connection c, RuntimeException failure) {
        if (!has(CallbackEvent.AFTER_MIGRATE_ERROR)) {
            return;
        }
        try {
            runAlone(c, CallbackEvent.AFTER_MIGRATE_ERROR, "The afterMigrateError callbacks after it did not run.");
        } catch (SQLException | ConfitureException e) {
            listener.warning("afterMigrateError callback failed too: " + e.getMessage());
            failure.addSuppressed(e);
        }
    }
}
