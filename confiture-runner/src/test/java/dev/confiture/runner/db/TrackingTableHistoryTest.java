package dev.confiture.runner.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    @Test
    void appliedAtReadsAsTheDriverReadsTheTimestampWhateverTheSessionTimeZone() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("history"); Connection c = db.connect()) {
            TrackingTable tracking = new TrackingTable("confiture_migrations").resolve(c);
            tracking.ensureExists(c);
            for (String v : List.of("1", "2", "3", "4", "5", "6")) {
                tracking.record(c, v, "m" + v, "c" + v, "u" + v, 1, "sql");
            }
            // microseconds, before the epoch (negative), far ahead, written in another zone, and both infinities
            db.execute("UPDATE confiture_migrations SET applied_at = CASE version"
                    + " WHEN '1' THEN '2026-12-02 01:02:03.456789+00'::timestamptz"
                    + " WHEN '2' THEN '1969-07-20 20:17:40.000001+00'::timestamptz"
                    + " WHEN '3' THEN '2999-12-31 23:59:59.999999+00'::timestamptz"
                    + " WHEN '4' THEN '2026-03-29 02:30:00.5+05:30'::timestamptz"
                    + " WHEN '5' THEN 'infinity'::timestamptz ELSE '-infinity'::timestamptz END");
            try (Statement st = c.createStatement()) {
                st.execute("SET TimeZone = 'America/St_Johns'");
            }
            List<OffsetDateTime> byDriver = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT applied_at FROM confiture_migrations ORDER BY version")) {
                while (rs.next()) {
                    byDriver.add(rs.getObject(1, OffsetDateTime.class));
                }
            }

            List<OffsetDateTime> read = tracking.history(c).versioned().stream().map(AppliedMigration::appliedAt).toList();

            assertThat(read).containsExactlyElementsOf(byDriver);
            assertThat(read.get(0)).isEqualTo(OffsetDateTime.parse("2026-12-02T01:02:03.456789Z"));
            assertThat(read.get(1)).isEqualTo(OffsetDateTime.parse("1969-07-20T20:17:40.000001Z"));
        }
    }

    @Test
    void aTableWhoseAppliedAtIsNullReadsThatRowWithoutOne() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("history"); Connection c = db.connect()) {
            TrackingTable tracking = new TrackingTable("confiture_migrations").resolve(c);
            // a table made by hand, without the NOT NULL this tool's own table has
            db.execute("CREATE TABLE confiture_migrations (version text PRIMARY KEY, name text NOT NULL,"
                    + " checksum text NOT NULL, up_checksum text, applied_at timestamptz,"
                    + " execution_time_ms bigint NOT NULL DEFAULT 0, applied_by text NOT NULL DEFAULT current_user,"
                    + " kind text NOT NULL)");
            db.execute("INSERT INTO confiture_migrations (version, name, checksum, applied_at, kind)"
                    + " VALUES ('1', 'one', 'c1', NULL, 'sql'), ('2', 'two', 'c2', '2026-01-01 00:00:00+00', 'sql')");

            List<AppliedMigration> rows = tracking.history(c).versioned();

            assertThat(rows.get(0).appliedAt()).isNull();
            assertThat(rows.get(1).appliedAt()).isEqualTo(OffsetDateTime.parse("2026-01-01T00:00:00Z"));
        }
    }
}
