package dev.confiture.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fleet's pools, one per database under one budget, against the test server. */
class ConnectionPoolsTest {

    TestDatabase one;
    TestDatabase two;

    @BeforeEach
    void setUp() {
        one = TestPostgres.newDatabase("pool_one");
        two = TestPostgres.newDatabase("pool_two");
        one.execute("CREATE SCHEMA tenant_a");
    }

    @AfterEach
    void tearDown() {
        one.close();
        two.close();
    }

    private static DatabaseSettings settings(TestDatabase db) {
        return new DatabaseSettings(db.jdbcUrl(), db.user(), db.password());
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aConnectionGivenBackIsReusedWithNothingOfThePreviousSessionLeft() throws Exception {
        try (ConnectionPools pools = new ConnectionPools(0)) {
            ConnectionSource source = pools.source(settings(one));
            String pid;
            try (Connection c = source.open(); Statement st = c.createStatement()) {
                pid = query(c, "SELECT pg_backend_pid()::text");
                st.execute("SET search_path = tenant_a");
                st.execute("SELECT pg_advisory_lock(42)");
                c.setAutoCommit(false);
                st.execute("CREATE TABLE tenant_a.half_done (id int)");
            }
            try (Connection c = source.open()) {
                assertThat(query(c, "SELECT pg_backend_pid()::text")).isEqualTo(pid);
                assertThat(query(c, "SHOW search_path")).isEqualTo("\"$user\", public");
                assertThat(query(c, "SELECT count(*)::text FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"))
                        .isEqualTo("0");
                assertThat(query(c, "SELECT count(*)::text FROM pg_tables WHERE tablename = 'half_done'")).isEqualTo("0");
                assertThat(c.getAutoCommit()).isTrue();
            }
            assertThat(pools.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void aClosedConnectionRefusesWorkAndClosingTwiceGivesItBackOnce() throws Exception {
        try (ConnectionPools pools = new ConnectionPools(0)) {
            ConnectionSource source = pools.source(settings(one));
            Connection c = source.open();
            c.close();
            c.close();
            assertThat(c.isClosed()).isTrue();
            assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class).hasMessageContaining("given back");
            try (Connection a = source.open(); Connection b = source.open()) {
                assertThat(query(a, "SELECT pg_backend_pid()::text")).isNotEqualTo(query(b, "SELECT pg_backend_pid()::text"));
            }
            assertThat(pools.openConnections()).isEqualTo(2);
        }
    }

    @Test
    void theBudgetCapsEveryDatabaseTogetherAndAnIdleConnectionMakesRoomForAnotherDatabase() throws Exception {
        try (ConnectionPools pools = new ConnectionPools(1)) {
            ConnectionSource first = pools.source(settings(one));
            ConnectionSource second = pools.source(settings(two));
            try (Connection c = first.open()) {
                assertThat(query(c, "SELECT current_database()")).isEqualTo(one.name());
            }
            Connection held = second.open(); // the idle connection of the first database is closed to make room
            assertThat(query(held, "SELECT current_database()")).isEqualTo(two.name());
            assertThat(pools.openConnections()).isEqualTo(1);

            CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
                try (Connection c = first.open()) {
                    return query(c, "SELECT current_database()");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(waiting).as("waits while the budget is lent out").isNotDone();
            held.close();
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(one.name());
            assertThat(pools.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionThatCannotBeResetIsDroppedAndTheNextOneIsNew() throws Exception {
        try (ConnectionPools pools = new ConnectionPools(1)) {
            ConnectionSource source = pools.source(settings(one));
            String pid;
            try (Connection c = source.open()) {
                pid = query(c, "SELECT pg_backend_pid()::text");
                try (Connection admin = one.connect(); Statement st = admin.createStatement()) {
                    st.execute("SELECT pg_terminate_backend(" + pid + ")");
                }
            }
            try (Connection c = source.open()) {
                assertThat(query(c, "SELECT pg_backend_pid()::text")).isNotEqualTo(pid);
            }
        }
    }

    @Test
    void aFailedConnectReturnsItsPlaceInTheBudgetAndClosedPoolsLendNothing() {
        ConnectionPools pools = new ConnectionPools(1);
        ConnectionSource nowhere = pools.source(new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/x?connectTimeout=2", "u", "p"));
        assertThatThrownBy(nowhere::open).isInstanceOf(ConfitureException.class);
        assertThat(pools.openConnections()).isZero();
        pools.close();
        assertThatThrownBy(() -> pools.source(settings(one)).open())
                .isInstanceOfSatisfying(ConfitureException.class, e -> assertThat(e.code()).isEqualTo("POOL_CLOSED"));
    }
}
