package dev.confiture.runner.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * What the JVM's exit does to the statements spares are made with, done here by hand
 * ({@link BackgroundSockets#closeAll}), against a real PostgreSQL.
 */
class BackgroundSocketsTest {

    @Test
    void closingTheSocketsFreesAThreadWaitingForTheServer() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("bg_free")) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread waiting = statementOnItsOwnThread(db, "SELECT pg_sleep(60)", failure);
            awaitActive(db, "pg_sleep(60)");

            BackgroundSockets.closeAll();

            waiting.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(waiting.isAlive()).as("out of its read long before the server's answer").isFalse();
            assertThat(failure.get()).as("it learnt that the connection was gone").isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aStatementTheServerReceivedRunsToItsEndWithoutItsClient() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("bg_end")) {
            Thread running = statementOnItsOwnThread(db, "CREATE TABLE made AS SELECT 1 AS one FROM pg_sleep(1)",
                    new AtomicReference<>());
            awaitActive(db, "CREATE TABLE made");

            BackgroundSockets.closeAll();
            running.join(TimeUnit.SECONDS.toMillis(30));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!tableExists(db, "made")) {
                assertThat(System.nanoTime()).as("the table made by the server within 30 s").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    @Test
    void aSocketClosedByItsConnectionIsForgotten() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("bg_forget")) {
            int before = BackgroundSockets.open();
            try (Connection c = DriverManager.getConnection(backgroundUrl(db), db.user(), db.password())) {
                assertThat(BackgroundSockets.open()).isEqualTo(before + 1);
            }
            assertThat(BackgroundSockets.open()).isEqualTo(before);
        }
    }

    private static Thread statementOnItsOwnThread(TestDatabase db, String sql, AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(backgroundUrl(db), db.user(), db.password());
                 Statement st = c.createStatement()) {
                st.execute(sql);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "background-statement");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String backgroundUrl(TestDatabase db) {
        String url = db.jdbcUrl();
        return url + (url.contains("?") ? "&" : "?") + BackgroundSockets.urlParameter();
    }

    /** Waits until the server runs a statement containing {@code text} in this database. */
    private static void awaitActive(TestDatabase db, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                         + " AND state = 'active' AND query LIKE '%" + text.replace("'", "''") + "%' AND pid <> pg_backend_pid()")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("the statement reached the server within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static boolean tableExists(TestDatabase db, String name) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('public." + name + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
