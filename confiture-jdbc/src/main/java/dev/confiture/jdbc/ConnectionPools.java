package dev.confiture.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;

/**
 * One small pool of connections per database, under one budget for them all: what a fleet run
 * connects through, so that its many targets in one database reuse a few sessions instead of opening
 * two per target, and the run never holds more than {@code maxConnections} (0: no cap).
 *
 * <p>A connection given back is reset before anyone else gets it: its open transaction rolled back
 * and {@code DISCARD ALL} (session settings such as a tenant's {@code search_path} or a role, advisory
 * locks, temporary tables, prepared statements), so nothing one target set leaks into the next. A
 * connection that cannot be reset is closed. When the budget is spent, a pool with nothing idle
 * closes an idle connection of another database's pool, or waits for one to come back.
 *
 * <p>Our own, and small, rather than a pooling library: the plugin's class path stays as it is, and
 * what a fleet needs (a budget shared across databases, a reset that DISCARD ALL does) is a few lines.
 */
public final class ConnectionPools implements AutoCloseable {

    private final int maxConnections;
    private final Map<String, Deque<Connection>> idle = new LinkedHashMap<>();
    private int open;
    private boolean closed;

    /** @param maxConnections the most connections open at once across every database; 0 or less for no cap */
    public ConnectionPools(int maxConnections) {
        this.maxConnections = Math.max(0, maxConnections);
    }

    /** The pool of {@code settings}' database (its URL and user): closing a connection it lends gives it back. */
    public ConnectionSource source(DatabaseSettings settings) {
        String key = settings.user() + "@" + settings.jdbcUrl();
        return () -> lend(key, settings);
    }

    /** How many connections are open, lent or idle (for tests). */
    public synchronized int openConnections() {
        return open;
    }

    private Connection lend(String key, DatabaseSettings settings) {
        Connection reused = reserve(key);
        if (reused != null) {
            return wrap(key, reused);
        }
        try {
            return wrap(key, Connections.open(settings));
        } catch (RuntimeException e) {
            released();
            throw e;
        }
    }

    /** An idle connection of this pool, or null once a new one may be opened (counted already); waits while neither. */
    private synchronized Connection reserve(String key) {
        while (true) {
            if (closed) {
                throw new ConfitureException("POOL_CLOSED", "The connection pools are closed: the fleet run has ended.");
            }
            Deque<Connection> mine = idle.get(key);
            if (mine != null && !mine.isEmpty()) {
                return mine.pop();
            }
            if (maxConnections == 0 || open < maxConnections) {
                open++;
                return null;
            }
            Connection other = idle.values().stream().filter(d -> !d.isEmpty()).map(Deque::pollLast).findFirst().orElse(null);
            if (other != null) {
                closeQuietly(other);
                open--;
                continue;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfitureException("POOL_INTERRUPTED", "Interrupted while waiting for a connection.", e);
            }
        }
    }

    private synchronized void released() {
        open--;
        notifyAll();
    }

    private void giveBack(String key, Connection real) {
        if (!reset(real)) {
            closeQuietly(real);
            released();
            return;
        }
        synchronized (this) {
            if (closed) {
                closeQuietly(real);
                open--;
            } else {
                idle.computeIfAbsent(key, k -> new ArrayDeque<>()).push(real);
            }
            notifyAll();
        }
    }

    /** Back to a fresh session's state; false when the connection is unusable. */
    private static boolean reset(Connection c) {
        try {
            if (c.isClosed()) {
                return false;
            }
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            try (Statement st = c.createStatement()) {
                st.execute("DISCARD ALL");
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The caller's view of a pooled connection: close gives it back (once); everything else goes to the real one. */
    private Connection wrap(String key, Connection real) {
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (!returned[0]) {
                                returned[0] = true;
                                giveBack(key, real);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            if (returned[0]) {
                                return true;
                            }
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        default -> {
                            if (returned[0]) {
                                throw new SQLException("This connection was closed (given back to its pool).", "08003");
                            }
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Closes every idle connection; connections still lent are closed when given back. */
    @Override
    public synchronized void close() {
        closed = true;
        idle.values().forEach(d -> {
            d.forEach(ConnectionPools::closeQuietly);
            open -= d.size();
            d.clear();
        });
        notifyAll();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }
}
