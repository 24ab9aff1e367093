package dev.confiture.runner;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import dev.confiture.model.ConfitureException;
import dev.confiture.runner.MigrationListener.Direction;
import dev.confiture.runner.db.MigrationLock;
import dev.confiture.runner.db.SessionSearchPath;
import dev.confiture.runner.db.SessionSettings;
import dev.confiture.runner.db.TrackingTable;
import dev.confiture.runner.migration.CallbackEvent;
import dev.confiture.runner.migration.Callbacks;
import dev.confiture.runner.migration.MigrationKind;
import dev.confiture.runner.migration.MigrationStatements;
import dev.confiture.runner.migration.MigrationTexts;
import dev.confiture.runner.migration.RepeatableMigration;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.sql.Placeholders;
import dev.confiture.sql.SqlStatement;
import dev.confiture.sql.SqlStatements;

/**
 * The psql scripts of a dry run with {@code confiture.dryRunOutput} ({@link DryRunScript}): what a
 * migrate or a rollback would send, in the order the runner sends it, with the session settings,
 * the migration lock, the tracking rows and the callbacks, for a DBA to read and run.
 */
final class DryRunScripts {

    private final RunnerConfig config;
    private final MigrationListener listener;
    private final TrackingTable tracking;
    private final Placeholders placeholders;
    private final MigrationTexts texts;
    private final Callbacks callbackFiles;
    private final CallbackRunner callbacks;
    private final SessionSearchPath searchPath;

    /** The session {@code MigrationRunner.start} opened: its resolved tracking table, placeholders, callbacks and search_path. */
    DryRunScripts(RunnerConfig config, MigrationListener listener, TrackingTable tracking, Placeholders placeholders,
                  MigrationTexts texts, Callbacks callbackFiles, CallbackRunner callbacks, SessionSearchPath searchPath) {
        this.config = config;
        this.listener = listener;
        this.tracking = tracking;
        this.placeholders = placeholders;
        this.texts = texts;
        this.callbackFiles = callbackFiles;
        this.callbacks = callbacks;
        this.searchPath = searchPath;
    }

    /** The psql script of a migrate: session settings, lock, tracking table, then each migration as {@link MigrationExecutor#run} would run it. */
    void writeMigrateScript(Connection c, List<ResolvedMigration> baselined, List<ResolvedMigration> pending,
                                    List<RepeatableMigration> repeatables, Path file) throws SQLException {
        refuseJavaCallbacksInScript(CallbackEvent.MIGRATE);
        DryRunScript script = new DryRunScript("migrate", config.database().describe(), pending.size() + repeatables.size());
        scriptPreamble(script);
        script.comment("The tracking table, as the first migrate creates it (no-ops when it is there).");
        script.sql(tracking.ensureExistsSql());
        if (!repeatables.isEmpty()) {
            script.sql(tracking.widenKindCheckSql(c));
        }
        if (!baselined.isEmpty()) {
            script.comment("Baseline on migrate (confiture.baselineOnMigrate): recorded as applied without running them.");
            script.begin();
            for (ResolvedMigration m : baselined) {
                script.sql(tracking.recordSql(c, m.version().text(), m.name(), m.checksum(), m.upChecksum(),
                        TrackingTable.KIND_BASELINE));
            }
            script.commit();
        }
        scriptCallbacks(script, CallbackEvent.BEFORE_MIGRATE);
        for (ResolvedMigration m : pending) {
            scriptMigration(c, script, m, Direction.UP);
        }
        for (RepeatableMigration r : repeatables) {
            List<SqlStatement> statements = MigrationStatements.of(r.file(), placeholders, texts);
            boolean transactional = !SqlStatements.anyRequiresNoTransaction(statements);
            script.comment(r.key() + " (repeatable): " + r.file()
                    + (transactional ? "" : "\nOutside a transaction: it holds a statement PostgreSQL refuses inside one."));
            if (transactional) {
                script.begin();
            }
            scriptWithEachCallbacks(c, script, statements);
            script.sql(tracking.recordRepeatableSql(c, r.key(), r.name(), r.checksum()));
            script.sql(searchPath.restoreSql(c));
            if (transactional) {
                script.commit();
            }
        }
        scriptCallbacks(script, CallbackEvent.AFTER_MIGRATE);
        if (callbacks.has(CallbackEvent.AFTER_MIGRATE_ERROR)) {
            script.comment("The afterMigrateError callbacks are not in this script: psql stops at the first error"
                    + " (ON_ERROR_STOP) and cannot run anything after it.");
        }
        scriptEnd(script, file, pending.size() + repeatables.size());
    }

    /** The psql script of a rollback: each down in its transaction with the removal of its tracking row. */
    void writeRollbackScript(Connection c, List<ResolvedMigration> plan, Path file) throws SQLException {
        refuseJavaCallbacksInScript(CallbackEvent.ROLLBACK);
        DryRunScript script = new DryRunScript("rollback", config.database().describe(), plan.size());
        scriptPreamble(script);
        if (!plan.isEmpty()) {
            scriptCallbacks(script, CallbackEvent.BEFORE_ROLLBACK);
            for (ResolvedMigration m : plan) {
                scriptMigration(c, script, m, Direction.DOWN);
            }
            scriptCallbacks(script, CallbackEvent.AFTER_ROLLBACK);
        }
        scriptEnd(script, file, plan.size());
    }

    /** A Java callback of the script's events cannot be written as SQL: refused, as a Java migration is. */
    private void refuseJavaCallbacksInScript(List<CallbackEvent> events) {
        for (CallbackEvent event : events) {
            if (event != CallbackEvent.AFTER_MIGRATE_ERROR && !callbacks.java(event).isEmpty()) {
                throw new ConfitureException(DryRunScript.CODE_JAVA, "The Java callback "
                        + callbacks.java(event).get(0).getClass().getName() + " runs at " + event.fileName()
                        + ": a psql script cannot run it, so no script was written.");
            }
        }
    }

    private void scriptPreamble(DryRunScript script) {
        if (!config.run().sessionSettings().isEmpty()) {
            script.comment("Session settings (session_settings:), as on every session that runs migrations.");
            script.sql(SessionSettings.statements(config.run().sessionSettings()));
        }
        script.comment("The migration lock every confiture runner takes on this database: they wait while this script runs.");
        script.sql("SELECT pg_advisory_lock(" + MigrationLock.keyFor(tracking.name()) + ")");
    }

    private void scriptEnd(DryRunScript script, Path file, int count) {
        script.comment("Done: release the migration lock.");
        script.sql("SELECT pg_advisory_unlock(" + MigrationLock.keyFor(tracking.name()) + ")");
        script.write(file);
        listener.info("Wrote the psql script for " + count + " migration(s) to " + file + " (nothing was changed);"
                + " run it with: psql -v ON_ERROR_STOP=1 -f " + file);
    }

    private void scriptCallbacks(DryRunScript script, CallbackEvent event) {
        for (Path f : callbackFiles.of(event)) {
            List<SqlStatement> statements = callbacks.statements(f);
            boolean transactional = !SqlStatements.anyRequiresNoTransaction(statements);
            script.comment("Callback " + f.getFileName() + " (" + event.fileName() + ")");
            if (transactional) {
                script.begin();
            }
            script.statements(statements);
            if (transactional) {
                script.commit();
            }
        }
    }

    private void scriptMigration(Connection c, DryRunScript script, ResolvedMigration m, Direction direction)
            throws SQLException {
        if (m.kind() != MigrationKind.SQL) {
            throw DryRunScript.javaMigration(m.displayName(), m.javaClass().getName());
        }
        Path file = direction == Direction.UP ? m.upFile() : m.downFile();
        List<SqlStatement> statements = MigrationStatements.of(file, placeholders, texts);
        boolean transactional = !SqlStatements.anyRequiresNoTransaction(statements);
        script.comment(m.displayName() + (direction == Direction.UP ? "" : " (down)") + ": " + file
                + (transactional ? "" : "\nOutside a transaction: it holds a statement PostgreSQL refuses inside one."));
        if (transactional) {
            script.begin();
        }
        if (direction == Direction.UP) {
            scriptWithEachCallbacks(c, script, statements);
        } else {
            script.statements(statements);
        }
        script.sql(MigrationExecutor.trackingSql(tracking, c, m, direction));
        script.sql(searchPath.restoreSql(c));
        if (transactional) {
            script.commit();
        }
    }

    /** A migration's statements between the beforeEachMigrate and afterEachMigrate callbacks, as the runner runs them. */
    private void scriptWithEachCallbacks(Connection c, DryRunScript script, List<SqlStatement> statements) throws SQLException {
        callbackFiles.of(CallbackEvent.BEFORE_EACH_MIGRATE).forEach(f -> script.statements(callbacks.statements(f)));
        script.statements(statements);
        if (callbacks.has(CallbackEvent.AFTER_EACH_MIGRATE)) {
            script.sql(searchPath.restoreSql(c));
            callbackFiles.of(CallbackEvent.AFTER_EACH_MIGRATE).forEach(f -> script.statements(callbacks.statements(f)));
        }
    }
}
