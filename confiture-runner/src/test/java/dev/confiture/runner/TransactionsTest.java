package dev.confiture.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Transactions} on a real session: commit, rollback, autocommit restored, and which failure is reported. */
class TransactionsTest {

    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = TestPostgres.newDatabase("tx");
        db.execute("CREATE TABLE t (id int)");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aTransactionalBodyIsCommittedItsResultReturnedAndAutocommitRestored() throws SQLException {
        try (Connection c = db.connect()) {
            String result = Transactions.run(c, true, () -> {
                assertThat(c.getAutoCommit()).isFalse();
                insert(c, 1);
                return "done";
            });
            assertThat(result).isEqualTo("done");
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void aFailingBodyIsRolledBackAndItsOwnExceptionThrown() throws SQLException {
        try (Connection c = db.connect()) {
            IllegalStateException refused = new IllegalStateException("refused");
            assertThatThrownBy(() -> Transactions.run(c, true, () -> {
                insert(c, 1);
                throw refused;
            })).isSameAs(refused);
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(count()).isZero();
    }

    @Test
    void anErrorFromTheBodyRollsBackRatherThanLettingTheRestoreCommit() throws SQLException {
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> Transactions.run(c, true, () -> {
                insert(c, 1);
                throw new AssertionError("a user's callback broke");
            })).isInstanceOf(AssertionError.class);
        }
        assertThat(count()).isZero();
    }

    @Test
    void aBodyOutsideATransactionKeepsWhatRanBeforeItFailed() throws SQLException {
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> Transactions.run(c, false, () -> {
                assertThat(c.getAutoCommit()).isTrue();
                insert(c, 1);
                insert(c, -1);
                return null;
            })).isInstanceOf(SQLException.class);
        }
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void theBodysFailureIsReportedWhenTheRollbackAndTheRestoreFailAfterIt() throws SQLException {
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> Transactions.run(c, true, () -> {
                insert(c, 1);
                // The session ends under the body: rollback and setAutoCommit(true) find the connection closed.
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_terminate_backend(pg_backend_pid())");
                }
                return null;
            })).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("57P01");
                assertThat(e.getSuppressed()).as("the rollback's and the restore's failures").hasSize(2)
                        .allSatisfy(s -> assertThat(s).isInstanceOf(SQLException.class));
            });
            assertThat(c.isClosed()).isTrue();
        }
        assertThat(count()).isZero();
    }

    @Test
    void aRestoreThatFailsAfterABodyThatSucceededIsThrown() throws SQLException {
        try (Connection c = db.connect()) {
            // Nothing failed before the restore: its failure is the only one, and the caller must hear of it.
            assertThatThrownBy(() -> Transactions.run(c, false, () -> {
                c.close();
                return null;
            })).isInstanceOf(SQLException.class).hasMessageContaining("closed");
        }
    }

    /** Inserts {@code id}; a negative one fails instead (a division by zero), as a statement of a migration may. */
    private static void insert(Connection c, int id) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(id < 0 ? "SELECT 1 / 0" : "INSERT INTO t VALUES (" + id + ")");
        }
    }

    private int count() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
