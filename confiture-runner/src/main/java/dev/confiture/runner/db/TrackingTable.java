package dev.confiture.runner.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Utils;

/**
 * The tracking table: one row per applied migration. Columns as docs/migrations.md ("The tracking table") lists them, plus
 * {@code up_checksum} (the up file's own checksum, which tells an edited up file from an edited
 * down file); created on first use, and a table created before {@code up_checksum} existed gets the
 * column added in place (callers hold the migration lock for both).
 *
 * <p>Every statement names the table with its schema ({@link #resolve}): a migration may empty or
 * change the session's {@code search_path} (pg_dump's preamble does), and the row that records it
 * is written after its statements, in the same session.
 */
public final class TrackingTable {

    public static final String KIND_BASELINE = "baseline";
    public static final String KIND_REPEATABLE = "repeatable";

    /** What the {@code kind} column may hold; a table created before repeatable migrations gets its check widened. */
    private static final String KIND_CHECK = "CHECK (kind IN ('sql', 'java', 'baseline', 'repeatable'))";

    /** As configured: what reports show and what the lock key is derived from. */
    private final TableName name;
    /** Where the statements look for it: {@link #name} with the schema resolved, once {@link #resolve}d. */
    private final TableName where;

    public TrackingTable(TableName name) {
        this(name, name);
    }

    private TrackingTable(TableName name, TableName where) {
        this.name = name;
        this.where = where;
    }

    public TrackingTable(String configuredName) {
        this(TableName.parse(configuredName));
    }

    public TableName name() {
        return name;
    }

    /** The schema-qualified name every statement uses. */
    public TableName qualifiedName() {
        return where;
    }

    /**
     * This table with its schema pinned, read on {@code c} before any migration runs: for an
     * unqualified name, the schema where the session's {@code search_path} finds the table, or
     * where it would create it ({@code current_schema()}). Unchanged when the name has a schema, or
     * when the search path names no existing schema (then creating the table fails, saying so).
     */
    public TrackingTable resolve(Connection c) throws SQLException {
        if (name.schema() != null) {
            return this;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce((SELECT n.nspname FROM pg_class t"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.oid = to_regclass(?)), current_schema())")) {
            ps.setString(1, name.sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String schema = rs.getString(1);
                return schema == null ? this : new TrackingTable(name, new TableName(schema, name.table()));
            }
        }
    }

    public boolean exists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, where.sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Creates the table (and its schema) when missing, or adds the columns a table written by an
     * older version lacks; commits when the connection is not in autocommit.
     */
    public void ensureExists(Connection c) throws SQLException {
        if (exists(c)) {
            widenKindCheck(c);
            if (!hasUpChecksum(c)) {
                try (Statement st = c.createStatement()) {
                    // Nullable: rows applied before it have no up checksum, and are compared as before.
                    st.execute("ALTER TABLE " + where.sql() + " ADD COLUMN IF NOT EXISTS up_checksum text");
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
            return;
        }
        try (Statement st = c.createStatement()) {
            if (name.schema() != null) {
                st.execute(createSchemaSql());
            }
            st.execute(createTableSql());
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /**
     * A table created before repeatable migrations existed refuses kind {@code repeatable}: its check
     * on {@code kind} is replaced by the one that allows it (commits when not in autocommit).
     */
    private void widenKindCheck(Connection c) throws SQLException {
        List<String> statements = widenKindCheckSql(c);
        if (statements.isEmpty()) {
            return;
        }
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /**
     * The statements that widen an existing table's check on {@code kind} to allow {@code repeatable}
     * (for {@link #ensureExists} and the dry-run script); empty when there is no table or it allows it.
     */
    public List<String> widenKindCheckSql(Connection c) throws SQLException {
        List<String> old = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT conname FROM pg_constraint WHERE conrelid = to_regclass(?)"
                + " AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%kind%'"
                + " AND pg_get_constraintdef(oid) NOT LIKE '%repeatable%'")) {
            ps.setString(1, where.sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    old.add(rs.getString(1));
                }
            }
        }
        List<String> out = new ArrayList<>();
        if (old.isEmpty()) {
            return out;
        }
        for (String name : old) {
            out.add("ALTER TABLE " + where.sql() + " DROP CONSTRAINT \"" + name.replace("\"", "\"\"") + "\"");
        }
        out.add("ALTER TABLE " + where.sql() + " ADD " + KIND_CHECK);
        return out;
    }

    private String createSchemaSql() {
        return "CREATE SCHEMA IF NOT EXISTS \"" + name.schema() + "\"";
    }

    private String createTableSql() {
        return "CREATE TABLE IF NOT EXISTS " + where.sql() + " ("
                + "version text PRIMARY KEY, "
                + "name text NOT NULL, "
                + "checksum text NOT NULL, "
                + "up_checksum text, "
                + "applied_at timestamptz NOT NULL DEFAULT now(), "
                + "execution_time_ms bigint NOT NULL DEFAULT 0, "
                + "applied_by text NOT NULL DEFAULT current_user, "
                + "kind text NOT NULL " + KIND_CHECK + ")";
    }

    /**
     * What {@link #ensureExists} does, as statements for a script (the dry-run script): each is a no-op
     * when its object is already there.
     */
    public List<String> ensureExistsSql() {
        List<String> out = new ArrayList<>();
        if (name.schema() != null) {
            out.add(createSchemaSql());
        }
        out.add(createTableSql());
        out.add("ALTER TABLE " + where.sql() + " ADD COLUMN IF NOT EXISTS up_checksum text");
        return out;
    }

    /**
     * The applied versioned migrations (empty when the table does not exist yet), in version order;
     * the rows of repeatable migrations are read by {@link #repeatables}.
     */
    public List<AppliedMigration> applied(Connection c) throws SQLException {
        return history(c).versioned();
    }

    /** The rows of repeatable migrations (kind {@code repeatable}), keyed {@code R__<name>}; empty without a table. */
    public List<AppliedMigration> repeatables(Connection c) throws SQLException {
        return history(c).repeatables();
    }

    /**
     * Every row, read in one pass: the versioned migrations' ({@link #applied}) and the repeatable ones'
     * ({@link #repeatables}), each in version order; both empty when the table does not exist yet.
     */
    public record History(List<AppliedMigration> versioned, List<AppliedMigration> repeatables) {
    }

    /**
     * {@link #applied} and {@link #repeatables} in two queries (whether the table and its
     * {@code up_checksum} column exist, then its rows) where reading them one after the other took six.
     */
    public History history(Connection c) throws SQLException {
        boolean exists;
        boolean upChecksum;
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL, EXISTS (SELECT 1 FROM pg_attribute"
                + " WHERE attrelid = to_regclass(?) AND attname = 'up_checksum' AND NOT attisdropped)")) {
            ps.setString(1, where.sql());
            ps.setString(2, where.sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                exists = rs.getBoolean(1);
                upChecksum = rs.getBoolean(2);
            }
        }
        if (!exists) {
            return new History(List.of(), List.of());
        }
        List<AppliedMigration> versioned = new ArrayList<>();
        List<AppliedMigration> repeatable = new ArrayList<>();
        // status reads without the lock and never alters: a table not upgraded yet reads as rows without an up checksum.
        // applied_at comes as microseconds since the epoch: the driver's parsing of timestamptz text was
        // a third of reading 5,000 rows on a goal's cold JVM (about 115 ms against 77 ms this way).
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, name, checksum, " + (upChecksum ? "up_checksum" : "NULL::text")
                     + ", " + APPLIED_AT_MICROS + ", execution_time_ms, applied_by, kind FROM " + where.sql())) {
            while (rs.next()) {
                long micros = rs.getLong(5);
                OffsetDateTime appliedAt = rs.wasNull() ? null : fromEpochMicros(micros);
                AppliedMigration row = new AppliedMigration(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        appliedAt, rs.getLong(6), rs.getString(7), rs.getString(8));
                (KIND_REPEATABLE.equals(row.kind()) ? repeatable : versioned).add(row);
            }
        }
        return new History(inVersionOrder(versioned), inVersionOrder(repeatable));
    }

    /**
     * {@code applied_at} as microseconds since the epoch; {@code infinity} and {@code -infinity} (a
     * table edited by hand) as the largest and smallest {@code bigint}, which {@link #fromEpochMicros}
     * reads back as the driver reads them.
     */
    private static final String APPLIED_AT_MICROS = "CASE WHEN NOT isfinite(applied_at)"
            + " THEN CASE WHEN applied_at > now() THEN 9223372036854775807 ELSE -9223372036854775808 END"
            + " ELSE (extract(epoch FROM applied_at) * 1000000)::int8 END";

    /** A {@code timestamptz} read as microseconds since the epoch, at UTC as the driver gives one. */
    private static OffsetDateTime fromEpochMicros(long micros) {
        if (micros == Long.MAX_VALUE) {
            return OffsetDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return OffsetDateTime.MIN;
        }
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L), ZoneOffset.UTC);
    }

    private static List<AppliedMigration> inVersionOrder(List<AppliedMigration> rows) {
        // Versions compare as numbers: the digits without leading zeros, shorter first, then as text
        // (what BigInteger's order is for digits), then the version as written; each key made once.
        java.util.Map<AppliedMigration, String> keys = new java.util.IdentityHashMap<>();
        rows.forEach(r -> keys.put(r, withoutLeadingZeros(digits(r.version()))));
        rows.sort(java.util.Comparator.<AppliedMigration>comparingInt(r -> keys.get(r).length())
                .thenComparing(keys::get).thenComparing(AppliedMigration::version));
        return rows;
    }

    /**
     * The rows in the order they were applied, last applied first: by {@code applied_at} (each
     * migration commits in its own transaction, so its own timestamp), then by version for rows that
     * share one transaction (a baseline records in version order), so an out-of-order migration is
     * undone before the newer versions applied ahead of it.
     */
    public static List<AppliedMigration> lastAppliedFirst(List<AppliedMigration> applied) {
        List<AppliedMigration> rows = new ArrayList<>(applied); // applied() is in version order already
        java.util.Collections.reverse(rows);
        rows.sort(java.util.Comparator.comparing(AppliedMigration::appliedAt,
                java.util.Comparator.nullsFirst(java.util.Comparator.<OffsetDateTime>naturalOrder())).reversed());
        return rows;
    }

    private boolean hasUpChecksum(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_attribute"
                + " WHERE attrelid = to_regclass(?) AND attname = 'up_checksum' AND NOT attisdropped)")) {
            ps.setString(1, where.sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Whether a version has its row, read on a connection of the caller's choosing. */
    public boolean isRecorded(Connection c, String version) throws SQLException {
        if (!exists(c)) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + where.sql() + " WHERE version = ?")) {
            ps.setString(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The recorded execution time of each of {@code versions} that has a row, by version: what a run
     * that sent several migrations in one batch reports for each, and how it tells which of them
     * committed when the batch failed without saying where.
     */
    public Map<String, Long> executionTimes(Connection c, List<String> versions) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, coalesce(execution_time_ms, 0) FROM " + where.sql()
                + " WHERE version = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", versions.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** The number as ASCII digits without leading zeros; digits of other scripts (which BigInteger reads too) through BigInteger. */
    private static String withoutLeadingZeros(String digits) {
        return dev.confiture.model.migration.MigrationVersion.isVersion(digits)
                ? dev.confiture.model.migration.MigrationVersion.withoutLeadingZeros(digits)
                : new java.math.BigInteger(digits).toString();
    }

    private static String digits(String version) {
        if (version == null || version.isEmpty()) {
            return "0";
        }
        for (int i = 0; i < version.length(); i++) {
            if (!Character.isDigit(version.charAt(i))) {
                return "0";
            }
        }
        return version;
    }

    /** Records a migration as applied, in the caller's transaction. */
    public void record(Connection c, String version, String migrationName, String checksum, String upChecksum,
                       long executionTimeMs, String kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + where.sql()
                + " (version, name, checksum, up_checksum, execution_time_ms, kind) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, version);
            ps.setString(2, migrationName);
            ps.setString(3, checksum);
            ps.setString(4, upChecksum);
            ps.setLong(5, executionTimeMs);
            ps.setString(6, kind);
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw recordFailure(version, migrationName, e);
            }
            throw e;
        }
    }

    /** Why recording a migration failed: already recorded (by a runner that did not hold the lock), or the database's error. */
    public ConfitureException recordFailure(String version, String migrationName, SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            return new ConfitureException("TRACKING_ALREADY_APPLIED", "Migration " + version + "_" + migrationName
                    + " is already recorded in " + name.display()
                    + ": another runner applied it without holding the migration lock", e);
        }
        return new ConfitureException("DB_ERROR", "Could not record migration " + version + "_" + migrationName + " in "
                + name.display() + ": " + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
    }

    /**
     * The same INSERT as {@link #record} as one SQL text, for a migration sent to PostgreSQL in one
     * batch with its statements (no bind parameters there). The values are quoted by the driver's own
     * literal escaping for this connection's {@code standard_conforming_strings}; the execution time
     * is measured by the server, from the start of the migration's transaction to this row.
     */
    public String recordSql(Connection c, String version, String migrationName, String checksum, String upChecksum,
                            String kind) throws SQLException {
        boolean standardStrings = c.unwrap(BaseConnection.class).getStandardConformingStrings();
        return "INSERT INTO " + where.sql() + " (version, name, checksum, up_checksum, execution_time_ms, kind) VALUES ("
                + literal(version, standardStrings) + ", " + literal(migrationName, standardStrings) + ", "
                + literal(checksum, standardStrings) + ", " + literal(upChecksum, standardStrings) + ", (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint, "
                + literal(kind, standardStrings) + ")";
    }

    /** The same DELETE as {@link #remove} as one SQL text, for a rollback sent in one batch. */
    public String removeSql(Connection c, String version) throws SQLException {
        boolean standardStrings = c.unwrap(BaseConnection.class).getStandardConformingStrings();
        return "DELETE FROM " + where.sql() + " WHERE version = " + literal(version, standardStrings);
    }

    private static String literal(String value, boolean standardStrings) throws SQLException {
        return "'" + Utils.escapeLiteral(null, value, standardStrings) + "'";
    }

    /** Sets a row's name and checksums to those of its files now, in the caller's transaction (repair). */
    public void realign(Connection c, String version, String migrationName, String checksum, String upChecksum)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + where.sql()
                + " SET name = ?, checksum = ?, up_checksum = ? WHERE version = ?")) {
            ps.setString(1, migrationName);
            ps.setString(2, checksum);
            ps.setString(3, upChecksum);
            ps.setString(4, version);
            ps.executeUpdate();
        }
    }

    /**
     * Records an application of a repeatable migration, in the caller's transaction: its one row
     * (version {@code R__<name>}) is written, or overwritten with this application's checksum, time and user.
     */
    public void recordRepeatable(Connection c, String key, String migrationName, String checksum, long executionTimeMs)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + where.sql()
                + " (version, name, checksum, up_checksum, execution_time_ms, kind) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, checksum = EXCLUDED.checksum,"
                + " up_checksum = EXCLUDED.up_checksum, execution_time_ms = EXCLUDED.execution_time_ms,"
                + " applied_at = now(), applied_by = current_user, kind = EXCLUDED.kind")) {
            ps.setString(1, key);
            ps.setString(2, migrationName);
            ps.setString(3, checksum);
            ps.setString(4, checksum);
            ps.setLong(5, executionTimeMs);
            ps.setString(6, KIND_REPEATABLE);
            ps.executeUpdate();
        }
    }

    /** The same upsert as {@link #recordRepeatable} as one SQL text, for the dry-run script. */
    public String recordRepeatableSql(Connection c, String key, String migrationName, String checksum) throws SQLException {
        boolean standardStrings = c.unwrap(BaseConnection.class).getStandardConformingStrings();
        return "INSERT INTO " + where.sql() + " (version, name, checksum, up_checksum, execution_time_ms, kind) VALUES ("
                + literal(key, standardStrings) + ", " + literal(migrationName, standardStrings) + ", "
                + literal(checksum, standardStrings) + ", " + literal(checksum, standardStrings)
                + ", (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint, " + literal(KIND_REPEATABLE, standardStrings)
                + ") ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, checksum = EXCLUDED.checksum,"
                + " up_checksum = EXCLUDED.up_checksum, execution_time_ms = EXCLUDED.execution_time_ms,"
                + " applied_at = now(), applied_by = current_user, kind = EXCLUDED.kind";
    }

    /**
     * Rewrites the row of {@code version} as it is, in a transaction of its own (the connection in
     * autocommit). A transaction that writes commits under the session's {@code synchronous_commit},
     * and waiting for its own WAL record waits for every record before it: so it flushes the commits
     * made earlier without waiting ({@code SET LOCAL synchronous_commit = off}), a migration batch's.
     * A statement that writes nothing ({@code SELECT txid_current()}) would commit without waiting.
     */
    public void flushThrough(Connection c, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + where.sql() + " SET version = version WHERE version = ?")) {
            ps.setString(1, version);
            ps.executeUpdate();
        }
    }

    /** Removes a migration's row, in the caller's transaction (rollback). */
    public void remove(Connection c, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + where.sql() + " WHERE version = ?")) {
            ps.setString(1, version);
            ps.executeUpdate();
        }
    }

    /** Records a migration as applied without running it (kind {@code baseline}), in the caller's transaction. */
    public void recordBaseline(Connection c, String version, String migrationName, String checksum, String upChecksum)
            throws SQLException {
        record(c, version, migrationName, checksum, upChecksum, 0, KIND_BASELINE);
    }
}
