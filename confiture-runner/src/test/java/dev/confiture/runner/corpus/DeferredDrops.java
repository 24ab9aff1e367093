package dev.confiture.runner.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.shadow.ScratchDatabases;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/**
 * Drops the corpus proof's databases on a background thread. On PostgreSQL 15 every {@code DROP
 * DATABASE} waits for a checkpoint (about a second on a server that flushes to disk, such as the
 * machine's PostgreSQL the proof runs against), and the proof makes five or six databases per pair:
 * dropped in line, those waits were about half of its time. Drops that run at the same time share
 * their checkpoints (three at once took as long as one), so several threads drop side by side.
 * {@link #close()} waits for every drop, including databases that were made but never released (a
 * check that threw).
 */
final class DeferredDrops implements AutoCloseable {

    private static final int DROP_THREADS = 4;

    private final ExecutorService dropper = Executors.newFixedThreadPool(DROP_THREADS, r -> {
        Thread t = new Thread(r, "corpus-proof-drops");
        t.setDaemon(true);
        return t;
    });
    private final List<TestDatabase> unreleased = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    /** A new database on the test server, dropped in the background once released (or at {@link #close()}). */
    TestDatabase newDatabase(String prefix) {
        // made outside the lock: the two check threads' CREATE DATABASE statements need not wait for each other
        TestDatabase db = TestPostgres.newDatabase(prefix);
        synchronized (this) {
            unreleased.add(db);
        }
        return db;
    }

    /** Queues the drop of a database made by {@link #newDatabase}; a null is ignored. */
    synchronized void release(TestDatabase db) {
        if (db != null && unreleased.remove(db)) {
            dropper.execute(() -> drop(db::close, db.name()));
        }
    }

    /** Scratch databases whose drops go to the same background thread. */
    ScratchDatabases deferring(ScratchDatabases scratch) {
        return new ScratchDatabases() {
            @Override
            public DatabaseSettings create() {
                return scratch.create();
            }

            @Override
            public void drop(DatabaseSettings database) {
                dropper.execute(() -> DeferredDrops.this.drop(() -> scratch.drop(database), database.describe()));
            }
        };
    }

    private void drop(Runnable drop, String name) {
        try {
            drop.run();
        } catch (RuntimeException e) {
            synchronized (this) {
                failures.add(name + ": " + e.getMessage());
            }
        }
    }

    /** Drops what is left and waits for every drop; a drop that failed is an error (a database left behind). */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            for (TestDatabase db : List.copyOf(unreleased)) {
                release(db);
            }
        }
        dropper.shutdown();
        if (!dropper.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("The corpus proof's databases were not all dropped within 10 minutes");
        }
        synchronized (this) {
            if (!failures.isEmpty()) {
                throw new IllegalStateException("Some corpus proof databases could not be dropped: " + failures);
            }
        }
    }
}
