package dev.confiture.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.jdbc.Connections;
import dev.confiture.runner.db.LockHolder;
import dev.confiture.runner.migration.ResolvedMigration;

/**
 * Tells the listener, every {@code every} while a migration runs, which sessions block it
 * ({@code pg_blocking_pids} of the runner's session), so a migration stuck behind another session's
 * lock says so instead of going silent. The runner's own session is busy running the migration,
 * so the question goes on a connection of its own, opened only once a migration has run longer than
 * {@code every} and closed when that migration ends. Watching never fails the run.
 */
final class BlockedMigrationWatch implements AutoCloseable {

    private static final String BLOCKERS = "SELECT " + LockHolder.COLUMNS
            + " FROM unnest(pg_blocking_pids(?)) AS b(pid) JOIN pg_stat_activity a ON a.pid = b.pid ORDER BY a.pid";

    private final DatabaseSettings database;
    private final int workPid;
    private final Duration every;
    private final MigrationListener listener;
    private ScheduledExecutorService timer;

    BlockedMigrationWatch(DatabaseSettings database, int workPid, Duration every, MigrationListener listener) {
        this.database = database;
        this.workPid = workPid;
        this.every = every;
        this.listener = listener;
    }

    /** Watches {@code migration} until the returned handle is closed. */
    Watch watch(ResolvedMigration migration) {
        return watch(migration, migration.displayName());
    }

    /**
     * Watches the repeatable migration shown as {@code key} ({@code R__views}), or migrations sent
     * in one batch, until the handle is closed.
     */
    Watch watch(String key) {
        return watch(null, key);
    }

    private Watch watch(ResolvedMigration migration, String displayName) {
        if (timer == null) {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread thread = new Thread(r, "confiture-blocked-migration-watch");
                thread.setDaemon(true);
                return thread;
            });
            t.setRemoveOnCancelPolicy(true);
            timer = t;
        }
        Watch w = new Watch(migration, displayName);
        long ms = Math.max(1, every.toMillis());
        w.future = timer.scheduleWithFixedDelay(w::check, ms, ms, TimeUnit.MILLISECONDS);
        return w;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** The watch over one migration. */
    final class Watch implements AutoCloseable {
        /** The versioned migration watched, or null for a repeatable, known by {@link #displayName} alone. */
        private final ResolvedMigration migration;
        private final String displayName;
        private final long start = System.nanoTime();
        private ScheduledFuture<?> future;
        private Connection connection;
        private boolean closed;

        private Watch(ResolvedMigration migration, String displayName) {
            this.migration = migration;
            this.displayName = displayName;
        }

        private synchronized void check() {
            if (closed) {
                return;
            }
            try {
                if (connection == null) {
                    connection = Connections.open(database);
                }
                List<LockHolder> blockers = blockers(connection);
                if (!blockers.isEmpty()) {
                    long waited = (System.nanoTime() - start) / 1_000_000;
                    if (migration != null) {
                        listener.blocked(migration, waited, blockers);
                    } else {
                        listener.blocked(displayName, waited, blockers);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // A courtesy: the migration's own outcome is what counts, whatever happens here.
            }
        }

        private List<LockHolder> blockers(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(BLOCKERS)) {
                ps.setInt(1, workPid);
                List<LockHolder> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(LockHolder.read(rs));
                    }
                }
                return out;
            }
        }

        @Override
        public void close() {
            future.cancel(false);
            synchronized (this) {
                closed = true;
                if (connection != null) {
                    try {
                        connection.close();
                    } catch (SQLException ignored) {
                        // nothing more to release
                    }
                }
            }
        }
    }
}
