package dev.confiture.runner.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** Admin sessions kept for reuse, against a real PostgreSQL. */
class AdminSessionsTest {

    @Test
    void aSessionHandedBackIsTheOneTheNextUserGets() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("admin_reuse")) {
            AtomicInteger opened = new AtomicInteger();
            AdminSessions sessions = new AdminSessions(() -> {
                opened.incrementAndGet();
                return db.connect();
            });
            int first;
            try (AdminSessions.Session s = sessions.open()) {
                first = backend(s.connection());
            }
            try (AdminSessions.Session s = sessions.open()) {
                assertThat(backend(s.connection())).as("the same backend").isEqualTo(first);
            }
            assertThat(opened).as("one session opened for both").hasValue(1);
            assertThat(sessions.kept()).isEqualTo(1);
        }
    }

    @Test
    void aKeptSessionWhoseBackendWasEndedIsReplaced() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("admin_ended")) {
            AtomicInteger opened = new AtomicInteger();
            AdminSessions sessions = new AdminSessions(() -> {
                opened.incrementAndGet();
                return db.connect();
            });
            int ended;
            try (AdminSessions.Session s = sessions.open()) {
                ended = backend(s.connection());
            }
            try (Connection other = db.connect(); Statement st = other.createStatement()) {
                st.execute("SELECT pg_terminate_backend(" + ended + ", 10000)");
            }

            try (AdminSessions.Session s = sessions.open()) {
                assertThat(backend(s.connection())).as("a new, working session").isNotEqualTo(ended);
            }
            assertThat(opened).hasValue(2);
        }
    }

    @Test
    void noMoreThanAFewAreKeptAndTheRestAreClosed() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("admin_kept")) {
            AdminSessions sessions = new AdminSessions(db::connect);
            List<AdminSessions.Session> open = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                open.add(sessions.open());
            }
            List<Connection> connections = open.stream().map(AdminSessions.Session::connection).toList();
            for (AdminSessions.Session s : open) {
                s.close();
            }

            assertThat(sessions.kept()).isEqualTo(4);
            assertThat(connections.stream().filter(AdminSessionsTest::isClosed)).as("the two beyond those kept").hasSize(2);
        }
    }

    @Test
    void aSessionLeftInATransactionIsClosedNotKept() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("admin_tx")) {
            AdminSessions sessions = new AdminSessions(db::connect);
            Connection c;
            try (AdminSessions.Session s = sessions.open()) {
                c = s.connection();
                c.setAutoCommit(false);
            }
            assertThat(sessions.kept()).isZero();
            assertThat(c.isClosed()).isTrue();
        }
    }

    private static int backend(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
