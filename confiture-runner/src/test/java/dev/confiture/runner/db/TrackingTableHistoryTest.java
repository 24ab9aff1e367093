package dev.confiture.runner.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;

import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** Reading the tracking table's rows in one pass ({@link TrackingTable#history}), as status and migrate do. */
class TrackingTableHistoryTest {

    private static List<String> versions(List<AppliedMigration> rows) {
        return rows.stream().map(AppliedMigration::version).toList();
    }

    @Test
    void oneReadSplitsVersionedFromRepeatableRowsEachInVersionOrder() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("history"); Connection c = db.connect()) {
            TrackingTable tracking = new TrackingTable("confiture_migrations").resolve(c);
            tracking.ensureExists(c);
            tracking.record(c, "10", "ten", "c10", "u10", 1, "sql");
            tracking.recordRepeatable(c, "R__views", "views", "cv", 2);
            tracking.record(c, "9", "nine", "c9", "u9", 3, "sql");
            tracking.recordBaseline(c, "002", "two", "c2", null);
            tracking.recordRepeatable(c, "R__grants", "grants", "cg", 4);

            TrackingTable.History history = tracking.history(c);

            assertThat(versions(history.versioned())).containsExactly("002", "9", "10");
            assertThat(versions(history.repeatables())).containsExactly("R__grants", "R__views");
            assertThat(history.versioned().get(2).upChecksum()).isEqualTo("u10");
            assertThat(history.versioned().get(0).kind()).isEqualTo(TrackingTable.KIND_BASELINE);
            // The one-kind readers say the same.
            assertThat(tracking.applied(c)).isEqualTo(history.versioned());
            assertThat(tracking.repeatables(c)).isEqualTo(history.repeatables());
        }
    }

    @Test
    void noTableReadsAsNoRowsAndATableWithoutUpChecksumReadsWithoutOne() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("history"); Connection c = db.connect()) {
            TrackingTable tracking = new TrackingTable("confiture_migrations").resolve(c);
            TrackingTable.History none = tracking.history(c);
            assertThat(none.versioned()).isEmpty();
            assertThat(none.repeatables()).isEmpty();

            // A table written before up_checksum existed: status reads it without altering it.
            db.execute("CREATE TABLE confiture_migrations (version text PRIMARY KEY, name text NOT NULL,"
                    + " checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),"
                    + " execution_time_ms bigint NOT NULL DEFAULT 0, applied_by text NOT NULL DEFAULT current_user,"
                    + " kind text NOT NULL)");
            db.execute("INSERT INTO confiture_migrations (version, name, checksum, kind) VALUES ('1', 'one', 'c1', 'sql')");

            TrackingTable.History old = tracking.history(c);

            assertThat(versions(old.versioned())).containsExactly("1");
            assertThat(old.versioned().get(0).upChecksum()).isNull();
            assertThat(old.versioned().get(0).checksum()).isEqualTo("c1");
            assertThat(old.repeatables()).isEmpty();
        }
    }
}
