package dev.confiture.runner;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.confiture.api.Migration;
import dev.confiture.api.MigrationContext;
import dev.confiture.jdbc.Connections;
import dev.confiture.model.ConfitureException;
import dev.confiture.runner.MigrationListener.Direction;
import dev.confiture.runner.db.LockHolder;
import dev.confiture.runner.db.MigrationLock;
import dev.confiture.runner.db.SessionSearchPath;
import dev.confiture.runner.db.TrackingTable;
import dev.confiture.runner.migration.CallbackEvent;
import dev.confiture.runner.migration.JavaMigrations;
import dev.confiture.runner.migration.MigrationKind;
import dev.confiture.runner.migration.MigrationStatements;
import dev.confiture.runner.migration.MigrationTexts;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.report.MigrationOutcome;
import dev.confiture.sql.Placeholders;
import dev.confiture.sql.SqlStatement;
import dev.confiture.sql.SqlStatements;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Runs one migration, up or down, on the session that holds the migration lock: a transactional
 * SQL migration in one round trip with its tracking row ({@link PipelinedMigration}), or statement
 * by statement (callbacks around it, COPY data, or a statement that must run outside a
 * transaction), a Java migration in a transaction of its own; a failure names the file, the
 * statement and what it left behind ({@link Aftermath}), and a lost lock says so ({@link #lockLost}).
 */
final class MigrationExecutor {

    private final RunnerConfig config;
    private final MigrationListener listener;
    private final MigrationLock lock;
    private final TrackingTable tracking;
    private final Placeholders placeholders;
    private final MigrationTexts texts;
    private final CallbackRunner callbacks;
    private final SessionSearchPath searchPath;
    private final BlockedMigrationWatch watch;

    /** The session {@code MigrationRunner.start} opened: its lock, resolved tracking table, placeholders, callbacks, search_path and watch. */
    MigrationExecutor(RunnerConfig config, MigrationListener listener, MigrationLock lock, TrackingTable tracking,
                      Placeholders placeholders, MigrationTexts texts, CallbackRunner callbacks, SessionSearchPath searchPath,
                      BlockedMigrationWatch watch) {
        this.config = config;
        this.listener = listener;
        this.lock = lock;
        this.tracking = tracking;
        this.placeholders = placeholders;
        this.texts = texts;
        this.callbacks = callbacks;
        this.searchPath = searchPath;
        this.watch = watch;
    }

    /**
     * Runs one migration while watching whether it is blocked; when it fails because the session
     * holding the migration lock is gone, says so ({@link #lockLost}) instead of a connection error.
     */
    MigrationOutcome run(Connection c, ResolvedMigration m, Direction direction, int doneBefore)
            throws SQLException {
        try (BlockedMigrationWatch.Watch watching = watch.watch(m)) {
            return runWatched(c, m, direction, doneBefore);
        } catch (SQLException | RuntimeException e) {
            if (lock.lost()) {
                throw lockLost(m, direction, doneBefore, e);
            }
            throw e;
        }
    }

    private MigrationOutcome runWatched(Connection c, ResolvedMigration m, Direction direction, int doneBefore)
            throws SQLException {
        long start = System.nanoTime();
        boolean transactional = true;
        if (m.kind() == MigrationKind.SQL) {
            Path file = direction == Direction.UP ? m.upFile() : m.downFile();
            List<SqlStatement> statements = MigrationStatements.of(file, placeholders, texts);
            transactional = !SqlStatements.anyRequiresNoTransaction(statements);
            boolean eachCallbacks = direction == Direction.UP && (callbacks.has(CallbackEvent.BEFORE_EACH_MIGRATE)
                    || callbacks.has(CallbackEvent.AFTER_EACH_MIGRATE));
            if (transactional && eachCallbacks) {
                // Statement by statement, so a failure names the callback's file or the migration's.
                String aftermath = Aftermath.rolledBack(m, direction, doneBefore);
                runInTransaction(c, m, direction, start, doneBefore, () -> {
                    callbacks.runWithin(c, CallbackEvent.BEFORE_EACH_MIGRATE, m, aftermath);
                    execute(c, m, direction, file, statements, true, doneBefore);
                    // The callback starts from the search_path every migration starts from, whatever this one did.
                    searchPath.restore(c);
                    callbacks.runWithin(c, CallbackEvent.AFTER_EACH_MIGRATE, m, aftermath);
                });
            } else if (transactional) {
                runSqlInTransaction(c, m, direction, file, statements, start, doneBefore);
            } else {
                listener.info(m.displayName() + " (" + file.getFileName() + ") contains a statement PostgreSQL refuses"
                        + " inside a transaction: running its " + statements.size()
                        + " statement(s) one by one outside a transaction");
                c.setAutoCommit(true);
                if (direction == Direction.UP) {
                    callbacks.runWithin(c, CallbackEvent.BEFORE_EACH_MIGRATE, m, "Nothing of " + m.displayName()
                            + " ran; it is not recorded.");
                }
                execute(c, m, direction, file, statements, false, doneBefore);
                if (direction == Direction.UP && callbacks.has(CallbackEvent.AFTER_EACH_MIGRATE)) {
                    searchPath.restore(c);
                    callbacks.runWithin(c, CallbackEvent.AFTER_EACH_MIGRATE, m, Aftermath.notTracked(m, direction, statements.size()));
                }
                try {
                    track(c, m, direction, millisSince(start));
                } catch (SQLException e) {
                    throw new MigrationFailure("Could not " + (direction == Direction.UP ? "record " : "remove the record of ")
                            + m.displayName() + " in " + tracking.name().display() + ": " + e.getMessage() + " [SQLState "
                            + e.getSQLState() + "]", Aftermath.notTracked(m, direction, statements.size()), file, 0, e);
                }
                searchPath.restore(c);
            }
        } else {
            Migration migration = JavaMigrations.instantiate(m.javaClass());
            String aftermath = Aftermath.rolledBack(m, direction, doneBefore);
            runInTransaction(c, m, direction, start, doneBefore, () -> {
                if (direction == Direction.UP) {
                    callbacks.runWithin(c, CallbackEvent.BEFORE_EACH_MIGRATE, m, aftermath);
                }
                runJava(c, m, migration, direction, doneBefore);
                if (direction == Direction.UP && callbacks.has(CallbackEvent.AFTER_EACH_MIGRATE)) {
                    searchPath.restore(c);
                    callbacks.runWithin(c, CallbackEvent.AFTER_EACH_MIGRATE, m, aftermath);
                }
            });
        }
        String status = direction == Direction.UP ? "applied" : "rolled_back";
        return new MigrationOutcome(m.version().text(), m.name(), m.kind().column(), status, millisSince(start), transactional);
    }

    /**
     * A transactional SQL migration: in one round trip ({@link PipelinedMigration}) unless it carries
     * COPY data; statement by statement when the batch failed without saying where.
     */
    private void runSqlInTransaction(Connection c, ResolvedMigration m, Direction direction, Path file,
                                     List<SqlStatement> statements, long start, int doneBefore) throws SQLException {
        boolean pipelined = PipelinedMigration.canPipeline(statements);
        PipelinedMigration.Failure failure = pipelined ? runPipelined(c, m, file, statements, direction) : null;
        if (pipelined && failure == null) {
            return;
        }
        if (failure != null && failure.part() != PipelinedMigration.Failure.Part.UNKNOWN) {
            throw failureOf(m, direction, file, statements, failure, doneBefore);
        }
        // The statement-by-statement run names the failing statement, or succeeds if the failure was transient.
        runInTransaction(c, m, direction, start, doneBefore, () -> execute(c, m, direction, file, statements, true, doneBefore));
        if (failure != null) {
            listener.info(m.displayName() + " failed when sent as one batch (" + failure.error().getMessage()
                    + ") but succeeded when run again statement by statement: the first failure was transient");
        }
    }

    /**
     * Whether {@code m}, applied, can travel in one batch with its neighbours ({@link #runBatch}): a
     * SQL migration whose statements all run in a transaction and carry no COPY data, in a run with no
     * per-migration callbacks. Its SQL text length, for the batch's size, or -1 when it cannot.
     */
    int batchableLength(ResolvedMigration m) {
        if (m.kind() != MigrationKind.SQL || m.upFile() == null || callbacks.has(CallbackEvent.BEFORE_EACH_MIGRATE)
                || callbacks.has(CallbackEvent.AFTER_EACH_MIGRATE)) {
            return -1;
        }
        List<SqlStatement> statements = MigrationStatements.of(m.upFile(), placeholders, texts);
        if (!PipelinedMigration.canPipeline(statements)
                || SqlStatements.anyRequiresNoTransaction(statements)) {
            return -1;
        }
        return statements.stream().mapToInt(s -> s.sql().length()).sum();
    }

    /**
     * What a batch of migrations did: the outcome of each that committed, in order, and then either
     * nothing more, the failure of the next one ({@code failed}, reported as if it had run alone), or
     * {@code rerun}: the batch failed and the driver did not say where, so the next one runs again alone.
     */
    record BatchRun(List<MigrationOutcome> applied, ResolvedMigration failed, ConfitureException failure, SQLException rerun,
                    List<LockHolder> blockers) {

        BatchRun(List<MigrationOutcome> applied, ResolvedMigration failed, ConfitureException failure, SQLException rerun) {
            this(applied, failed, failure, rerun, List.of());
        }
    }

    /**
     * Applies {@code batch} (each {@link #batchableLength} non-negative) as one round trip, each
     * migration in its own transaction with its tracking row ({@link PipelinedMigration#runAll}): the
     * round trips and waits between small migrations are most of what a run adds to PostgreSQL's own
     * work. Each applied migration's time is the one its tracking row recorded. The batch is watched as
     * one attempt of {@code lockRetries} is, and the sessions seen blocking it come with a failure.
     */
    BatchRun runBatch(Connection c, List<ResolvedMigration> batch, int doneBefore, LockRetries lockRetries) throws SQLException {
        List<PipelinedMigration.Transaction> transactions = new ArrayList<>(batch.size());
        List<List<SqlStatement>> statements = new ArrayList<>(batch.size());
        for (ResolvedMigration m : batch) {
            List<SqlStatement> s = MigrationStatements.of(m.upFile(), placeholders, texts);
            statements.add(s);
            transactions.add(new PipelinedMigration.Transaction(s,
                    List.of(trackingSql(c, m, Direction.UP), searchPath.restoreSql(c))));
        }
        String shown = batch.get(0).displayName() + " to " + batch.get(batch.size() - 1).displayName()
                + " (" + batch.size() + " migrations sent as one batch)";
        PipelinedMigration.BatchFailure failure;
        AtomicReference<List<LockHolder>> blockers = new AtomicReference<>(List.of());
        try (BlockedMigrationWatch.Watch watching = watch.watch(shown)) {
            failure = lockRetries.watchingBatch(shown, blockers, () -> PipelinedMigration.runAll(c, transactions));
        } catch (SQLException | RuntimeException e) {
            return lostDuring(batch, doneBefore, e);
        }
        if (failure == null) {
            return new BatchRun(outcomes(c, batch, batch.size()), null, null, null);
        }
        if (failure.transaction() < 0) {
            // Which of them committed is in the tracking table, written in each one's transaction.
            List<MigrationOutcome> applied = committed(c, batch, batch.size());
            return applied.size() == batch.size() ? new BatchRun(applied, null, null, null)
                    : new BatchRun(applied, batch.get(applied.size()), null, failure.failure().error());
        }
        int at = failure.transaction();
        ResolvedMigration m = batch.get(at);
        ConfitureException error = failureOf(m, Direction.UP, m.upFile(), statements.get(at), failure.failure(), doneBefore + at);
        return new BatchRun(committed(c, batch, at), m, error, null, blockers.get());
    }

    /**
     * {@link #outcomes} of a batch that failed, made durable before they are reported: all but the
     * batch's last transaction commit without waiting for the disk ({@link PipelinedMigration}), and the
     * last, which would have flushed them, did not commit. Works from any session: the flush reaches
     * every COMMIT made before it, a lost session's included. A flush refused (a role that may insert
     * tracking rows but not update them) does not hide the batch's own failure: PostgreSQL's WAL
     * writer flushes those commits within three {@code wal_writer_delay} (600 ms by default) anyway.
     */
    private List<MigrationOutcome> committed(Connection c, List<ResolvedMigration> batch, int upTo) throws SQLException {
        List<MigrationOutcome> applied = outcomes(c, batch, upTo);
        if (!applied.isEmpty()) {
            try {
                tracking.flushThrough(c, applied.get(applied.size() - 1).version());
            } catch (SQLException e) {
                if (Connections.isLost(c, e)) {
                    throw e;
                }
            }
        }
        return applied;
    }

    /** The outcomes of the first {@code upTo} migrations of {@code batch} that are recorded, in order, stopping at the first that is not. */
    private List<MigrationOutcome> outcomes(Connection c, List<ResolvedMigration> batch, int upTo) throws SQLException {
        List<ResolvedMigration> asked = batch.subList(0, upTo);
        Map<String, Long> times = tracking.executionTimes(c, asked.stream().map(m -> m.version().text()).toList());
        List<MigrationOutcome> out = new ArrayList<>();
        for (ResolvedMigration m : asked) {
            Long ms = times.get(m.version().text());
            if (ms == null) {
                break;
            }
            out.add(new MigrationOutcome(m.version().text(), m.name(), m.kind().column(), "applied", ms, true));
        }
        return out;
    }

    /**
     * The session ended while a batch ran: those of the batch recorded (read on a new connection)
     * committed before it did, and the first one not recorded is reported as a single migration
     * interrupted the same way would be ({@link #lockLost}).
     */
    private BatchRun lostDuring(List<ResolvedMigration> batch, int doneBefore, Exception e) {
        if (!lock.lost()) {
            throw e instanceof RuntimeException r ? r : dbError("run " + batch.get(0).displayName() + " and the "
                    + (batch.size() - 1) + " migration(s) after it", (SQLException) e);
        }
        List<MigrationOutcome> applied;
        try (Connection check = Connections.open(config.database())) {
            applied = committed(check, batch, batch.size());
        } catch (SQLException | RuntimeException unknown) {
            applied = List.of();
        }
        if (applied.size() == batch.size()) {
            // every COMMIT arrived: the session ended afterwards, and what the run does next will say so
            return new BatchRun(applied, null, null, null);
        }
        ResolvedMigration m = batch.get(applied.size());
        return new BatchRun(applied, m, lockLost(m, Direction.UP, doneBefore + applied.size(), e), null);
    }

    /** A batch's failure as the same error the statement-by-statement path gives. */
    private ConfitureException failureOf(ResolvedMigration m, Direction direction, Path file, List<SqlStatement> statements,
                                         PipelinedMigration.Failure failure, int doneBefore) {
        return switch (failure.part()) {
            case STATEMENT -> StatementFailure.of(m.displayName(), file, statements.get(failure.statement()),
                    failure.statement() + 1, statements.size(), failure.error(), Aftermath.rolledBack(m, direction, doneBefore));
            case TRACKING -> direction == Direction.UP
                    ? tracking.recordFailure(m.version().text(), m.name(), failure.error())
                    : dbError("remove " + m.displayName() + " from " + tracking.name().display(), failure.error());
            case COMMIT -> commitFailure(m, direction, doneBefore, failure.error());
            case UNKNOWN -> throw new IllegalArgumentException("an unknown failure is run again, not reported");
        };
    }

    /** {@link PipelinedMigration#run}, with a lost connection reported against the migration it was running. */
    private PipelinedMigration.Failure runPipelined(Connection c, ResolvedMigration m, Path file, List<SqlStatement> statements,
                                      Direction direction) throws SQLException {
        try {
            return PipelinedMigration.run(c, statements, List.of(trackingSql(c, m, direction), searchPath.restoreSql(c)));
        } catch (SQLException e) {
            throw new ConfitureException("MIGRATION_FAILED", "Lost the connection to " + config.database().describe()
                    + " while running " + m.displayName() + " (" + file.getFileName() + "): " + e.getMessage()
                    + " [SQLState " + e.getSQLState() + "]\n  PostgreSQL rolled " + m.displayName()
                    + " back unless its COMMIT had already arrived; run confiture:status to see whether it is recorded.",
                    file, 0, false, e);
        }
    }

    /** The tracking change of {@link #track} as SQL text, to travel in the migration's batch. */
    private String trackingSql(Connection c, ResolvedMigration m, Direction direction) throws SQLException {
        return trackingSql(tracking, c, m, direction);
    }

    /** The tracking change of one migration as SQL text: its row's INSERT (up) or DELETE (down). */
    static String trackingSql(TrackingTable tracking, Connection c, ResolvedMigration m, Direction direction) throws SQLException {
        return direction == Direction.UP
                ? tracking.recordSql(c, m.version().text(), m.name(), m.checksum(), m.upChecksum(), m.kind().column())
                : tracking.removeSql(c, m.version().text());
    }

    private interface Body {
        void run() throws SQLException;
    }

    private void runInTransaction(Connection c, ResolvedMigration m, Direction direction, long start, int doneBefore,
                                  Body body) throws SQLException {
        Transactions.run(c, true, () -> {
            body.run();
            track(c, m, direction, millisSince(start));
            searchPath.restore(c);
            return null;
        }, () -> commit(c, m, direction, doneBefore));
    }

    /** COMMIT, where deferred constraints are checked: a refusal there is the migration's failure. */
    private static void commit(Connection c, ResolvedMigration m, Direction direction, int doneBefore) throws SQLException {
        try {
            c.commit();
        } catch (SQLException e) {
            if (Connections.isLost(c, e)) {
                throw e;
            }
            throw commitFailure(m, direction, doneBefore, e);
        }
    }

    private static ConfitureException commitFailure(ResolvedMigration m, Direction direction, int doneBefore, SQLException e) {
        return new MigrationFailure("Migration " + m.displayName() + (direction == Direction.UP ? "" : " (down)")
                + " failed at COMMIT, where PostgreSQL checks deferred constraints: " + e.getMessage()
                + " [SQLState " + e.getSQLState() + "]", Aftermath.rolledBack(m, direction, doneBefore),
                m.kind() != MigrationKind.SQL ? null : direction == Direction.UP ? m.upFile() : m.downFile(), 0, e);
    }

    private void track(Connection c, ResolvedMigration m, Direction direction, long elapsedMs) throws SQLException {
        if (direction == Direction.UP) {
            tracking.record(c, m.version().text(), m.name(), m.checksum(), m.upChecksum(), elapsedMs, m.kind().column());
        } else {
            tracking.remove(c, m.version().text());
        }
    }

    private void execute(Connection c, ResolvedMigration m, Direction direction, Path file, List<SqlStatement> statements,
                         boolean transactional, int doneBefore) {
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement s = statements.get(i);
            try {
                executeOne(c, s);
            } catch (SQLException e) {
                String aftermath = transactional
                        ? Aftermath.rolledBack(m, direction, doneBefore)
                        : Aftermath.outsideTransaction(m, direction, statements, i);
                throw StatementFailure.of(m.displayName(), file, s, i + 1, statements.size(), e, aftermath);
            }
        }
    }

    static void executeOne(Connection c, SqlStatement s) throws SQLException {
        if (s.hasCopyData()) {
            // COPY ... FROM stdin with its data lines in the file, as pg_dump writes data.
            try {
                new CopyManager(c.unwrap(BaseConnection.class)).copyIn(s.sql(), new StringReader(s.copyData()));
            } catch (IOException e) {
                throw new SQLException("Could not send the COPY data: " + e.getMessage(), "58030", e);
            }
            return;
        }
        try (Statement st = c.createStatement()) {
            // The statement goes to PostgreSQL as written: no JDBC {fn ...} escape rewriting.
            st.setEscapeProcessing(false);
            st.execute(s.sql());
        }
    }

    private void runJava(Connection c, ResolvedMigration m, Migration migration, Direction direction, int doneBefore) {
        MigrationContext ctx = new JavaContext(c);
        try {
            if (direction == Direction.UP) {
                migration.up(ctx);
            } else {
                migration.down(ctx);
            }
        } catch (Exception e) {
            String where = m.javaClass().getName() + "." + (direction == Direction.UP ? "up" : "down");
            String detail = e instanceof JavaContext.StatementException statement ? statement.getMessage()
                    : e instanceof ConfitureException refused ? refused.getMessage() : e.toString();
            throw new MigrationFailure("Java migration " + m.displayName() + " failed in " + where + ": " + detail,
                    Aftermath.rolledBack(m, direction, doneBefore), null, 0, e);
        }
    }

    /** Whether the file holds a statement PostgreSQL refuses inside a transaction. */
    boolean needsNoTransaction(Path upFile) {
        return upFile != null && SqlStatements.anyRequiresNoTransaction(MigrationStatements.of(upFile, placeholders, texts));
    }

    /**
     * The migration lock's session ended while {@code m} ran (it was terminated, or the connection
     * broke): the lock went with it and another runner may hold it now, so the run stops. Whether
     * {@code m} is recorded is read on a new connection, since its transaction may or may not have
     * committed before the session ended.
     */
    private ConfitureException lockLost(ResolvedMigration m, Direction direction, int doneBefore, Exception e) {
        Boolean recorded;
        try (Connection check = Connections.open(config.database())) {
            recorded = tracking.isRecorded(check, m.version().text());
        } catch (SQLException | RuntimeException unknown) {
            recorded = null;
        }
        boolean up = direction == Direction.UP;
        String state;
        if (recorded == null) {
            state = "Whether " + m.displayName() + " is recorded could not be read: run confiture:status";
        } else if (recorded == up) {
            // A runner that took the lock since may have done it: say both.
            state = m.displayName() + (up ? " is recorded as applied" : " is no longer recorded")
                    + ": its COMMIT arrived before the session ended, or a runner that took the lock since did it";
        } else if (!runsInTransaction(m, direction)) {
            state = m.displayName() + " ran outside a transaction: its statements that completed before the session"
                    + " ended stay (see below), and " + m.displayName() + (up ? " is not recorded" : " is still recorded as applied");
        } else {
            state = "PostgreSQL rolled " + m.displayName() + " back with the session: "
                    + m.displayName() + (up ? " is not recorded" : " is still recorded as applied");
        }
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof SQLException)) {
            root = root.getCause();
        }
        Path file = m.kind() != MigrationKind.SQL ? null : direction == Direction.UP ? m.upFile() : m.downFile();
        return new ConfitureException("LOCK_LOST", "Lost the migration lock while running " + m.displayName()
                + ": the session that held it (pid " + lock.pid() + ") ended (" + root.getMessage()
                + (root instanceof SQLException sql ? " [SQLState " + sql.getSQLState() + "]" : "") + ")."
                + "\n  " + state + (doneBefore > 0 ? "; the " + doneBefore
                        + " migration(s) before it in this run stay " + (up ? "applied" : "rolled back") + " and "
                        + (up ? "recorded" : "unrecorded") + "." : ".")
                + "\n  The runner stopped: another runner may hold the lock now. Run confiture:status, then run"
                + " again to continue." + (e instanceof ConfitureException ce ? "\n  What failed: " + ce.getMessage() : ""),
                file, 0, false, e);
    }

    private boolean runsInTransaction(ResolvedMigration m, Direction direction) {
        Path file = direction == Direction.UP ? m.upFile() : m.downFile();
        return m.kind() != MigrationKind.SQL || file == null || !needsNoTransaction(file);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private ConfitureException dbError(String what, SQLException e) {
        return new ConfitureException("DB_ERROR", "Could not " + what + " on " + config.database().describe() + ": "
                + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
    }
}
