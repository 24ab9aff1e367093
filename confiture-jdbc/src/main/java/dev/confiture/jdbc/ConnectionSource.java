package dev.confiture.jdbc;

import java.sql.Connection;

import dev.confiture.model.config.DatabaseSettings;

/**
 * Where a runner gets the connections it works on: a new one each time ({@link #direct}), or one lent
 * by a {@link ConnectionPools} pool, given back when the caller closes it. Failures are
 * {@link dev.confiture.model.ConfitureException}s, as with {@link Connections#open}.
 */
@FunctionalInterface
public interface ConnectionSource {

    Connection open();

    /** A new connection per call, closed for real when the caller closes it. */
    static ConnectionSource direct(DatabaseSettings settings) {
        return () -> Connections.open(settings);
    }
}
