package dev.confiture.runner;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import dev.confiture.api.Callback;
import dev.confiture.api.MigrationContext;
import dev.confiture.model.ConfitureException;
import dev.confiture.sql.SqlStatement;
import dev.confiture.sql.SqlStatements;
import dev.confiture.runner.migration.CallbackEvent;
import dev.confiture.runner.migration.Callbacks;
import dev.confiture.runner.migration.MigrationStatements;
import dev.confiture.runner.migration.MigrationTexts;
import dev.confiture.sql.Placeholders;
import dev.confiture.runner.migration.ResolvedMigration;

/**
 * Runs the SQL callbacks of one session (docs/migrations.md, "Callbacks"): the goal-level ones each
 * in a transaction of their own (or statement by statement outside one, when a statement must be),
 * the per-migration ones inside the migration's transaction, so that a failing one rolls the
 * migration back with it. Every file goes through the same placeholders as the migrations.
 */
final class CallbackRunner {

    private final Callbacks callbacks;
    private final List<Callback> java;
    private final Placeholders placeholders;
    private final MigrationTexts texts;
    private final MigrationListener listener;

    CallbackRunner(Callbacks callbacks, List<Callback> java, Placeholders placeholders, MigrationTexts texts,
                   MigrationListener listener) {
        this.callbacks = callbacks;
        this.java = List.copyOf(java);
        this.placeholders = placeholders;
        this.texts = texts;
        this.listener = listener;
    }

    boolean has(CallbackEvent event) {
        return !callbacks.of(event).isEmpty() || !java(event).isEmpty();
    }

    /** The Java callbacks that run at {@code event}, in class-name order. */
    List<Callback> java(CallbackEvent event) {
        return java.stream().filter(cb -> cb.supports(event.fileName())).toList();
    }

    /** The statements of a callback file, placeholders replaced. */
    List<SqlStatement> statements(Path file) {
        return MigrationStatements.of(file, placeholders, texts);
    }

    /** The callbacks of a goal-level event, each committed on its own; {@code why} says what a failure leaves. */
    void runAlone(Connection c, CallbackEvent event, String why) throws SQLException {
        for (Path file : callbacks.of(event)) {
            List<SqlStatement> statements = statements(file);
            boolean transactional = !SqlStatements.anyRequiresNoTransaction(statements);
            listener.info("Running callback " + file.getFileName());
            Transactions.run(c, transactional, () -> {
                execute(c, event, file, statements, null, why);
                return null;
            });
        }
        for (Callback cb : java(event)) {
            listener.info("Running Java callback " + cb.getClass().getName());
            Transactions.run(c, true, () -> {
                handle(c, cb, event, null, why);
                return null;
            });
        }
    }

    /**
     * The callbacks of a per-migration event for {@code m}, in the caller's transaction (or in
     * autocommit for a migration that runs outside one); a failure names the callback's file and line.
     */
    void runWithin(Connection c, CallbackEvent event, ResolvedMigration m, String aftermath) {
        runWithin(c, event, m.displayName(), aftermath);
    }

    /** {@link #runWithin(Connection, CallbackEvent, ResolvedMigration, String)} for the migration shown as {@code m} ({@code R__views}). */
    void runWithin(Connection c, CallbackEvent event, String m, String aftermath) {
        for (Path file : callbacks.of(event)) {
            execute(c, event, file, statements(file), m, aftermath);
        }
        for (Callback cb : java(event)) {
            handle(c, cb, event, m, aftermath);
        }
    }

    /** One Java callback on {@code c}, in whatever transaction state the caller set; a failure names the class and event. */
    private static void handle(Connection c, Callback cb, CallbackEvent event, String m, String aftermath) {
        MigrationContext ctx = new JavaContext(c);
        try {
            cb.handle(event.fileName(), ctx);
        } catch (Exception e) {
            throw new ConfitureException("CALLBACK_FAILED", "Java callback " + cb.getClass().getName() + " failed at "
                    + event.fileName() + (m == null ? "" : " of " + m) + ": "
                    + (e instanceof IllegalStateException && e.getCause() instanceof SQLException ? e.getMessage() : e.toString())
                    + "\n  " + aftermath, null, 0, false, e);
        }
    }

    private static void execute(Connection c, CallbackEvent event, Path file, List<SqlStatement> statements,
                                String m, String aftermath) {
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement s = statements.get(i);
            try {
                MigrationExecutor.executeOne(c, s);
            } catch (SQLException e) {
                String label = "callback " + file.getFileName() + " (" + event.fileName()
                        + (m == null ? "" : " of " + m) + ")";
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
