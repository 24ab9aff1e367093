package dev.confiture.runner;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.db.LockHolder;
import dev.confiture.runner.migration.ResolvedMigration;
import dev.confiture.runner.report.LockRetry;
import dev.confiture.runner.report.MigrationOutcome;

/**
 * Runs a migration again when it failed on a lock timeout (SQLSTATE 55P03) and nothing of it
 * stayed applied: a transactional migration was rolled back, a non-transactional one failed in its
 * first statement. One whose earlier statements ran outside a transaction is not retried (they
 * would run twice). While an attempt runs, the sessions blocking it are noted (as
 * {@link BlockedMigrationWatch} finds them, polled at a quarter of {@code lock_timeout}), so each
 * failed attempt, the log line and the report say who held the lock.
 */
final class LockRetries {

    static final String LOCK_NOT_AVAILABLE = "55P03";

    /** One run of the migration. */
    interface Attempt {
        MigrationOutcome run() throws SQLException;
    }

    private final LockRetryPolicy policy;
    private final DatabaseSettings database;
    private final Connection work;
    private final int workPid;
    private final MigrationListener listener;
    private final List<LockRetry> retries = new ArrayList<>();
    /** How often to look for blockers during an attempt; null until read, ZERO when lock_timeout is off. */
    private Duration pollEvery;

    LockRetries(LockRetryPolicy policy, DatabaseSettings database, Connection work, int workPid, MigrationListener listener) {
        this.policy = policy;
        this.database = database;
        this.work = work;
        this.workPid = workPid;
        this.listener = listener;
    }

    /** Every retried attempt of this run, for the migrate report. */
    List<LockRetry> retries() {
        return List.copyOf(retries);
    }

    MigrationOutcome run(ResolvedMigration m, Attempt attempt) throws SQLException {
        return run(m, null, List.of(), attempt);
    }

    /**
     * {@link #run(ResolvedMigration, Attempt)}, its first attempt having already failed with {@code
     * firstFailure} when that is not null (sent in a batch with others, {@link #watchingBatch}, where
     * {@code firstBlockers} were seen blocking it): retried as that attempt would have been, or thrown.
     */
    MigrationOutcome run(ResolvedMigration m, ConfitureException firstFailure, List<LockHolder> firstBlockers,
                         Attempt attempt) throws SQLException {
        int attempts = policy.retries() + 1;
        List<String> everBlocking = new ArrayList<>();
        for (int n = 1; ; n++) {
            AtomicReference<List<LockHolder>> blockers = new AtomicReference<>(List.of());
            try {
                if (n == 1 && firstFailure != null) {
                    blockers.set(firstBlockers);
                    throw firstFailure;
                }
                return watching(m, blockers, attempt);
            } catch (ConfitureException e) {
                String error = lockTimeout(e);
                // Only a migration's own failure says what it left behind; a lost lock (LOCK_LOST) stops the run.
                if (error == null || policy.retries() == 0 || !(e instanceof MigrationFailure failure)) {
                    throw e;
                }
                List<String> blocking = blockers.get().stream().map(LockHolder::describeWithQuery).toList();
                blocking.stream().filter(b -> !everBlocking.contains(b)).forEach(everBlocking::add);
                String by = blocking.isEmpty() ? "no blocking session was seen" : "blocked by " + String.join("; ", blocking);
                if (!Aftermath.nothingApplied(failure.aftermath())) {
                    listener.warning(m.displayName() + " failed on a lock timeout (" + by + ") after some of its"
                            + " statements ran outside a transaction: not retried, they would run twice");
                    throw e;
                }
                if (n == attempts) {
                    throw gaveUp(failure, attempts, everBlocking);
                }
                Duration wait = policy.waitBefore(n);
                retries.add(new LockRetry(m.displayName(), n, error, blocking, wait.toMillis()));
                listener.warning(m.displayName() + ": attempt " + n + " of " + attempts + " failed on a lock timeout ("
                        + error + "), " + by + "; nothing of it was applied. Retrying in " + wait.toMillis()
                        + " ms (confiture.lockRetries=" + policy.retries() + ")");
                sleep(wait, e);
            }
        }
    }

    private MigrationOutcome watching(ResolvedMigration m, AtomicReference<List<LockHolder>> blockers, Attempt attempt)
            throws SQLException {
        return watching(m.displayName(), blockers, attempt::run);
    }

    /** One round trip of several migrations ({@link MigrationExecutor#runBatch}). */
    interface Batch<T> {
        T run() throws SQLException;
    }

    /**
     * Runs a batch of migrations watched as an attempt is, {@code shown} naming them: the sessions
     * last seen blocking it go to {@code blockers}, for the retries of the one that timed out.
     */
    <T> T watchingBatch(String shown, AtomicReference<List<LockHolder>> blockers, Batch<T> batch) throws SQLException {
        return watching(shown, blockers, batch);
    }

    private <T> T watching(String shown, AtomicReference<List<LockHolder>> blockers, Batch<T> work) throws SQLException {
        Duration every = pollEvery();
        if (every.isZero() || policy.retries() == 0) {
            return work.run();
        }
        MigrationListener noting = new MigrationListener() {
            @Override
            public void blocked(String migration, long waitedMs, List<LockHolder> holders) {
                blockers.set(holders);
            }
        };
        try (BlockedMigrationWatch probe = new BlockedMigrationWatch(database, workPid, every, noting);
             BlockedMigrationWatch.Watch w = probe.watch(shown)) {
            return work.run();
        }
    }

    /** A quarter of the session's lock_timeout (at least 20 ms, at most 1 s); ZERO when it is off. */
    private Duration pollEvery() throws SQLException {
        if (pollEvery == null) {
            try (Statement st = work.createStatement();
                 ResultSet rs = st.executeQuery("SELECT setting::bigint FROM pg_settings WHERE name = 'lock_timeout'")) {
                long ms = rs.next() ? rs.getLong(1) : 0;
                pollEvery = ms <= 0 ? Duration.ZERO : Duration.ofMillis(Math.max(20, Math.min(1000, ms / 4)));
            }
        }
        return pollEvery;
    }

    /** PostgreSQL's message when the failure is a lock timeout (55P03 anywhere in its causes), else null. */
    static String lockTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (SQLException s = t instanceof SQLException q ? q : null; s != null; s = s.getNextException()) {
                if (LOCK_NOT_AVAILABLE.equals(s.getSQLState())) {
                    return s.getMessage().lines().findFirst().orElse("") + " [SQLState " + LOCK_NOT_AVAILABLE + "]";
                }
            }
        }
        return null;
    }

    private MigrationFailure gaveUp(MigrationFailure f, int attempts, List<String> blocking) {
        String why = "Gave up after " + attempts + " attempts, each failed on a lock timeout (confiture.lockRetries="
                + policy.retries() + "); " + (blocking.isEmpty() ? "no blocking session was seen"
                : "blocked by " + String.join("; ", blocking));
        return new MigrationFailure(f.failure() + "\n  " + why, f.aftermath(), f.file(), f.line(), f);
    }

    private static void sleep(Duration wait, ConfitureException failure) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
