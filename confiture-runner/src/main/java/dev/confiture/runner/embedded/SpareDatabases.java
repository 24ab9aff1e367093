package dev.confiture.runner.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.confiture.model.schema.Identifiers;

/**
 * The empty databases a project server keeps ready to become scratch databases. With fsync on, a
 * {@code CREATE DATABASE} costs 0.1 to 0.3 s, most of a small diff's own time, where a rename costs a
 * catalog update: a scratch database is a spare made ahead and renamed ({@link #claim}). Spares are
 * made again when a scratch database is dropped, at the end of the work that needed it, on threads of
 * their own ({@link #replenish}): made during the work, they would compete with it for the cores and
 * the checkpoints that drops wait for.
 *
 * <p>Nothing here is needed for a build's own result: a build that ends before a {@code CREATE
 * DATABASE} reaches the server leaves the spare to the next build, which then makes its scratch
 * database by {@code CREATE DATABASE}; one that reached the server completes without its client.
 */
final class SpareDatabases {

    /** How many empty databases a project server keeps ready to become scratch databases. */
    static final int SPARES = 2;
    /** Their names' prefix: {@code confiture_spare_<random>}. */
    static final String SPARE_PREFIX = "confiture_spare_";

    /** Opens the sessions of the spare-making threads, on {@link BackgroundSockets}. */
    private final AdminSessions.Opener background;
    private final AtomicBoolean replenishing = new AtomicBoolean();
    /** Spares were asked for while a round was under way. */
    private final AtomicBoolean again = new AtomicBoolean();

    SpareDatabases(AdminSessions.Opener background) {
        this.background = background;
    }

    /**
     * Renames a spare to {@code name}; false when there is none left. Another build may claim the
     * same spare at the same moment: only one rename succeeds, and the other tries the next.
     */
    boolean claim(Statement st, String name) throws SQLException {
        for (String spare : spares(st)) {
            try {
                st.execute("ALTER DATABASE " + Identifiers.quote(spare) + " RENAME TO " + Identifiers.quote(name));
                return true;
            } catch (SQLException taken) {
                // renamed by another build first (3D000), or it is connected to it (55006): the next one
            }
        }
        return false;
    }

    /**
     * Makes spares up to {@link #SPARES} (counted on {@code st}, the session that just dropped a
     * scratch database), each on a daemon thread of its own so that all are sent at once, before the
     * build ends. One round at a time per JVM, so that two rounds do not both make the spares that are
     * missing; asked for during a round, another round follows it.
     */
    void replenish(Statement st) {
        again.set(true);
        if (!replenishing.compareAndSet(false, true)) {
            return; // the round under way sees `again` when it ends
        }
        again.set(false);
        if (!start(missing(st))) {
            roundEnded();
        }
    }

    /** How many spares are missing; none when that cannot be told. */
    private static int missing(Statement st) {
        try {
            return Math.max(0, SPARES - spares(st).size());
        } catch (SQLException | RuntimeException e) {
            return 0; // a courtesy: the next scratch database is then made by CREATE DATABASE
        }
    }

    /** Starts a thread per missing spare, the last one to finish ending the round; false when none is missing. */
    private boolean start(int missing) {
        if (missing == 0) {
            return false;
        }
        AtomicInteger running = new AtomicInteger(missing);
        for (int i = 0; i < missing; i++) {
            Thread maker = new Thread(() -> {
                try {
                    make();
                } finally {
                    if (running.decrementAndGet() == 0) {
                        roundEnded();
                    }
                }
            }, "confiture-spare-database");
            maker.setDaemon(true);
            maker.start();
        }
        return true;
    }

    /** After a round: the next one when spares were asked for meanwhile, else none under way. */
    private void roundEnded() {
        while (true) {
            if (again.getAndSet(false)) {
                if (start(missingCountedAgain())) {
                    return;
                }
                continue;
            }
            replenishing.set(false);
            // asked for between the check above and this point, the caller found the round still under way
            if (!again.get() || !replenishing.compareAndSet(false, true)) {
                return;
            }
        }
    }

    /** Counted on a spare-making thread, in a session of its own that the JVM's exit closes too (see make). */
    private int missingCountedAgain() {
        try (Connection c = background.open(); Statement st = c.createStatement()) {
            return missing(st);
        } catch (Throwable e) {
            return 0; // as in missing; on a thread of its own, at the JVM's exit too (see make)
        }
    }

    /** Makes one spare in a session of its own, on a socket the JVM's exit closes ({@link BackgroundSockets}). */
    private void make() {
        try (Connection c = background.open(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + Identifiers.quote(SPARE_PREFIX + uniqueSuffix()));
        } catch (Throwable e) {
            // A spare not made is made next time (see the class comment). At the JVM's exit the socket
            // is closed under the statement, and what follows may find the plugin's classes gone: none
            // of it is worth a line on the console.
        }
    }

    /** The spares there are, valid ones only (an interrupted DROP DATABASE leaves datconnlimit -2). */
    private static List<String> spares(Statement st) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '"
                + SPARE_PREFIX.replace("_", "\\_") + "%' AND datconnlimit <> -2 ORDER BY datname")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** 16 random hexadecimal digits: a database name no other build picks. */
    static String uniqueSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
