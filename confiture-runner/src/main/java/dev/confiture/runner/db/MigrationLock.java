package dev.confiture.runner.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import dev.confiture.model.ConfitureException;

/**
 * The session-level advisory lock that serialises runners on one database. It is held, for the
 * whole run, on the very connection that does the work ({@link #connection()}): the lock and the
 * work live and die together. If the runner dies, PostgreSQL ends the session and the lock goes
 * with it, so a killed runner never leaves a stale lock behind; if the session is ended under a
 * running runner ({@code pg_terminate_backend} on the pid a lock timeout names), its open
 * transaction is rolled back with the lock and nothing more can be sent on it, so the runner stops
 * instead of going on unlocked. The key is derived from the tracking table's name, so two projects
 * with different tracking tables do not block each other.
 */
public final class MigrationLock implements AutoCloseable {

    private static final long POLL_MS_MIN = 50;
    private static final long POLL_MS_MAX = 500;

    private final Connection connection;
    private final long key;
    private final int pid;

    private MigrationLock(Connection connection, long key, int pid) {
        this.connection = connection;
        this.key = key;
        this.pid = pid;
    }

    /** The advisory lock key for a tracking table: the first 8 bytes of SHA-256 over {@code confiture:<table>}. */
    public static long keyFor(TableName table) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(("confiture:" + table.display()).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (d[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes the lock on {@code connection} (which it then owns and closes), waiting up to
     * {@code timeout}; on timeout fails naming the holder. {@code waiting} is told once, with the
     * holder, when the lock is not free at the first try.
     */
    public static MigrationLock acquire(Connection connection, TableName table, Duration timeout,
                                        Consumer<Optional<LockHolder>> waiting) {
        long key = keyFor(table);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = POLL_MS_MIN;
        boolean told = false;
        try {
            connection.setAutoCommit(true);
            while (true) {
                if (tryLock(connection, key)) {
                    return new MigrationLock(connection, key, backendPid(connection));
                }
                if (!told && waiting != null) {
                    waiting.accept(holder(connection, key));
                    told = true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    Optional<LockHolder> holder = holder(connection, key);
                    close(connection);
                    throw new ConfitureException("LOCK_TIMEOUT", "Timed out after " + timeout.toSeconds()
                            + " s waiting for the migration lock on " + table.display() + ", held by "
                            + holder.map(LockHolder::describe).orElse("a session that has just ended")
                            + ". Wait for it to finish, raise confiture.lockTimeout, or if it is stuck end it with"
                            + " SELECT pg_terminate_backend(" + holder.map(h -> String.valueOf(h.pid())).orElse("<pid>") + ").");
                }
                Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
                pause = Math.min(POLL_MS_MAX, pause * 2);
            }
        } catch (SQLException e) {
            close(connection);
            throw new ConfitureException("LOCK_FAILED", "Could not take the migration lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(connection);
            throw new ConfitureException("LOCK_FAILED", "Interrupted while waiting for the migration lock", e);
        }
    }

    private static boolean tryLock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The session holding the lock with this key in the current database, if any. */
    public static Optional<LockHolder> holder(Connection c, long key) throws SQLException {
        // A bigint advisory key shows in pg_locks as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.pid, a.application_name, a.usename, host(a.client_addr), a.backend_start, a.state, a.state_change, a.query
                  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                   AND l.classid::bigint = ? AND l.objid::bigint = ?
                """)) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(LockHolder.read(rs)) : Optional.empty();
            }
        }
    }

    public long key() {
        return key;
    }

    /** The backend pid of the session holding the lock (ours), as other sessions see it in pg_locks. */
    public int pid() {
        return pid;
    }

    /** The connection that holds the lock; the work runs on it, so the lock is held exactly while the work can go on. */
    public Connection connection() {
        return connection;
    }

    /**
     * True when the session holding the lock is gone (terminated, or the connection broke): then
     * the lock is released and another runner may hold it. Asks the server, so call it after a failure.
     */
    public boolean lost() {
        try {
            return connection.isClosed() || !connection.isValid(10);
        } catch (SQLException e) {
            return true;
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Releases the lock and closes its connection (closing alone would release it too). */
    @Override
    public void close() {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // closing below ends whatever was left open
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        } catch (SQLException ignored) {
            // the connection may be gone already, which released the lock
        } finally {
            close(connection);
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }
}
