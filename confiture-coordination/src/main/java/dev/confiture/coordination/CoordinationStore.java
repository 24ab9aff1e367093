package dev.confiture.coordination;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.confiture.coordination.ChangedObject.Action;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.schema.ObjectRef;

/**
 * The PostgreSQL side of coordination: one connection, the versioned schema
 * {@code confiture_coordination}, and the statements the service composes into transactions.
 * Every value travels as a bind parameter; the only SQL text built here is fixed.
 * Not thread-safe: one store per thread (each holds its own connection).
 */
public final class CoordinationStore implements AutoCloseable {

    static final String S = StoreSchema.SCHEMA;
    /** Serialises coordinate-init runs, and registrations so that each sees every earlier one. */
    private static final long INIT_LOCK = 0x636f6f7264696eL;
    private static final long REGISTER_LOCK = 0x636f6f7264726567L;
    private static final String ACTIVE = "('REGISTERED', 'IN_PROGRESS')";

    private final Connection connection;
    private final DatabaseSettings settings;
    private boolean initialised;

    CoordinationStore(Connection connection, DatabaseSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    /** Connects to the store; the password is used for the login only and never shown. */
    public static CoordinationStore connect(DatabaseSettings settings) {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        props.setProperty("ApplicationName", "confiture-coordination");
        try {
            Connection c = DriverManager.getConnection(settings.jdbcUrl(), props);
            c.setAutoCommit(false);
            return new CoordinationStore(c, settings);
        } catch (SQLException e) {
            throw new ConfitureException("COORDINATION_CONNECT_FAILED", "Could not connect to the coordination store "
                    + settings.describe() + ": " + e.getMessage(), e);
        }
    }

    /** {@code jdbc:postgresql://host:5432/db as alice}: the store as messages name it. */
    public String describe() {
        return settings.describe();
    }

    /** Work that runs in one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Work<T> work) {
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw storeError(e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** Creates or upgrades the schema; safe to run again and from several processes at once. */
    public InitReport initialise() {
        return inTransaction(() -> {
            try (Statement st = connection.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + INIT_LOCK + ")");
                for (String sql : StoreSchema.BOOTSTRAP) {
                    st.execute(sql);
                }
            }
            int current = currentVersion();
            if (current > StoreSchema.latestVersion()) {
                throw newerStore(current);
            }
            List<String> applied = new ArrayList<>();
            for (StoreSchema.Step step : StoreSchema.STEPS) {
                if (step.version() <= current) {
                    continue;
                }
                try (Statement st = connection.createStatement()) {
                    for (String sql : step.statements()) {
                        st.execute(sql);
                    }
                }
                try (PreparedStatement ps = connection.prepareStatement(
                        "INSERT INTO " + S + ".schema_version (version, description) VALUES (?, ?)")) {
                    ps.setInt(1, step.version());
                    ps.setString(2, step.description());
                    ps.executeUpdate();
                }
                applied.add(step.version() + ": " + step.description());
            }
            initialised = true;
            return new InitReport(settings.displayUrl(), S, StoreSchema.latestVersion(), applied);
        });
    }

    /** Fails, telling the user to run coordinate-init, unless the store holds the current schema version. */
    public void requireInitialised() {
        if (initialised) {
            return;
        }
        int version = inTransaction(() -> {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT to_regclass('" + S + ".schema_version') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return -1;
                }
            }
            return currentVersion();
        });
        if (version < 0) {
            throw new ConfitureException("COORDINATION_NOT_INITIALISED", "The coordination store " + settings.displayUrl()
                    + " is not initialised (no schema " + S + "). Run: mvn confiture:coordinate-init"
                    + " -Dconfiture.coordinationUrl=" + settings.displayUrl());
        }
        if (version > StoreSchema.latestVersion()) {
            throw newerStore(version);
        }
        if (version < StoreSchema.latestVersion()) {
            throw new ConfitureException("COORDINATION_OUTDATED_STORE", "The coordination store " + settings.displayUrl()
                    + " is at schema version " + version + " but this Confiture needs version " + StoreSchema.latestVersion()
                    + ". Run: mvn confiture:coordinate-init -Dconfiture.coordinationUrl=" + settings.displayUrl()
                    + " to upgrade it");
        }
        initialised = true;
    }

    private int currentVersion() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM " + S + ".schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private ConfitureException newerStore(int version) {
        return new ConfitureException("COORDINATION_NEWER_STORE", "The coordination store " + settings.displayUrl()
                + " is at schema version " + version + ", newer than this Confiture knows (" + StoreSchema.latestVersion()
                + "); upgrade the confiture-maven-plugin");
    }

    void lockRegistrations() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + REGISTER_LOCK + ")");
        }
    }

    /** The next number of a feature's branch: 1, 2, 3 ... atomically, whoever else registers the same feature. */
    int nextSequence(String featureName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + S + ".feature_sequences AS f"
                + " (feature_name, last_sequence) VALUES (?, 1) ON CONFLICT (feature_name)"
                + " DO UPDATE SET last_sequence = f.last_sequence + 1 RETURNING last_sequence")) {
            ps.setString(1, featureName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Inserts the intent unless its id is taken; returns its registration time, or null when the id was taken. */
    Timestamp insertIntent(String intentId, String agentId, String featureName, int sequence, String branch,
                           RiskLevel risk, java.math.BigDecimal hours, List<String> tables, String schemaChanges)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + S + ".intents (intent_id, agent_id,"
                + " feature_name, sequence, branch, status, risk_level, estimated_hours, tables, schema_changes)"
                + " VALUES (?, ?, ?, ?, ?, 'REGISTERED', ?, ?, ?, ?) ON CONFLICT (intent_id) DO NOTHING"
                + " RETURNING registered_at")) {
            ps.setString(1, intentId);
            ps.setString(2, agentId);
            ps.setString(3, featureName);
            ps.setInt(4, sequence);
            ps.setString(5, branch);
            ps.setString(6, risk.label());
            ps.setBigDecimal(7, hours);
            ps.setArray(8, textArray(tables));
            ps.setString(9, schemaChanges);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1) : null;
            }
        }
    }

    /** Stores the objects of a new intent, with the intent's fields the check reads alongside them. */
    void insertObjects(String intentId, String agentId, String featureName, String branch, Timestamp registeredAt,
                       Collection<ChangedObject> objects) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + S + ".intent_objects"
                + " (intent_id, kind, identity, table_identity, action, line, agent_id, feature_name, branch, registered_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ChangedObject o : objects) {
                ps.setString(1, intentId);
                ps.setString(2, o.object().kind().name());
                ps.setString(3, o.object().identity());
                ps.setString(4, o.table());
                ps.setString(5, o.action().name());
                ps.setInt(6, o.line());
                ps.setString(7, agentId);
                ps.setString(8, featureName);
                ps.setString(9, branch);
                ps.setTimestamp(10, registeredAt);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A conflict as seen from one intent ({@code intentId}); {@link Conflict#intentId()} is the other one. */
    record StoredConflict(String intentId, Conflict conflict) {
    }

    /** Stores conflicts in one batch. */
    void insertConflicts(List<StoredConflict> conflicts) throws SQLException {
        if (conflicts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + S + ".conflicts"
                + " (intent_id, other_intent_id, type, severity, objects, suggestion) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (StoredConflict sc : conflicts) {
                Conflict c = sc.conflict();
                ps.setString(1, sc.intentId());
                ps.setString(2, c.intentId());
                ps.setString(3, c.type());
                ps.setString(4, c.severity());
                ps.setArray(5, textArray(c.objects()));
                ps.setString(6, c.suggestion());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void insertHistory(String intentId, IntentStatus from, IntentStatus to, String who, String reason) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + S + ".history"
                + " (intent_id, from_status, to_status, changed_by, reason) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, intentId);
            ps.setString(2, from == null ? null : from.name());
            ps.setString(3, to.name());
            ps.setString(4, who);
            ps.setString(5, reason);
            ps.executeUpdate();
        }
    }

    /**
     * Other agents' active intents with those of their objects that share a table or a name with
     * the candidate's: the only rows conflict detection needs, found through two indexes.
     */
    List<ActiveIntentObjects> activeOverlapping(String excludedAgent, Collection<String> tables,
                                                Collection<String> identities) throws SQLException {
        Map<String, ActiveIntentObjects> byIntent = new LinkedHashMap<>();
        Map<String, List<ChangedObject>> objects = new LinkedHashMap<>();
        if (tables.isEmpty() && identities.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT intent_id, agent_id, feature_name, branch,"
                + " kind, identity, table_identity, action, line FROM " + S + ".intent_objects"
                + " WHERE active AND agent_id <> ? AND (table_identity = ANY (?) OR identity = ANY (?))"
                + " ORDER BY registered_at, intent_id, kind, identity")) {
            ps.setString(1, excludedAgent);
            ps.setArray(2, textArray(tables));
            ps.setArray(3, textArray(identities));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    byIntent.computeIfAbsent(id, k -> {
                        try {
                            return new ActiveIntentObjects(id, rs.getString(2), rs.getString(3), rs.getString(4), List.of());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    ObjectRef ref = new ObjectRef(ObjectRef.Kind.valueOf(rs.getString(5)), rs.getString(6));
                    objects.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(new ChangedObject(ref, Action.valueOf(rs.getString(8)), rs.getString(7), rs.getInt(9)));
                }
            }
        }
        List<ActiveIntentObjects> result = new ArrayList<>();
        byIntent.forEach((id, i) -> result.add(new ActiveIntentObjects(id, i.agentId(), i.featureName(), i.branch(),
                objects.get(id))));
        return result;
    }

    /** One intent's row, as status and transitions read it. */
    record IntentRow(String intentId, String agentId, String featureName, String branch, IntentStatus status,
                     String riskLevel, List<String> tables, Timestamp registeredAt) {
    }

    private static final String INTENT_COLUMNS =
            "intent_id, agent_id, feature_name, branch, status, risk_level, tables, registered_at";

    private static IntentRow intentRow(ResultSet rs) throws SQLException {
        Array tables = rs.getArray(7);
        return new IntentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                IntentStatus.valueOf(rs.getString(5)), rs.getString(6), List.of((String[]) tables.getArray()),
                rs.getTimestamp(8));
    }

    /** The intent, locked against concurrent transitions until the transaction ends; null when there is none. */
    IntentRow lockIntent(String intentId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + INTENT_COLUMNS + " FROM " + S + ".intents WHERE intent_id = ? FOR UPDATE")) {
            ps.setString(1, intentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? intentRow(rs) : null;
            }
        }
    }

    Timestamp updateStatus(String intentId, IntentStatus to, Outcome outcome, String notes) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + S + ".intents SET status = ?,"
                + " outcome = coalesce(?, outcome), notes = coalesce(?, notes), updated_at = clock_timestamp()"
                + " WHERE intent_id = ? RETURNING updated_at")) {
            ps.setString(1, to.name());
            ps.setString(2, outcome == null ? null : outcome.label());
            ps.setString(3, notes);
            ps.setString(4, intentId);
            Timestamp at;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                at = rs.getTimestamp(1);
            }
            if (!to.isActive()) {
                try (PreparedStatement off = connection.prepareStatement(
                        "UPDATE " + S + ".intent_objects SET active = false WHERE intent_id = ?")) {
                    off.setString(1, intentId);
                    off.executeUpdate();
                }
            }
            return at;
        }
    }

    /** Intents in the given states (all when {@code statuses} is empty), of one agent or all (null), oldest first. */
    List<IntentRow> intents(String agentId, Collection<IntentStatus> statuses) throws SQLException {
        List<IntentRow> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + INTENT_COLUMNS + " FROM " + S + ".intents"
                + " WHERE (?::text IS NULL OR agent_id = ?) AND status = ANY (?)"
                + " ORDER BY registered_at, intent_id")) {
            ps.setString(1, agentId);
            ps.setString(2, agentId);
            ps.setArray(3, textArray(statuses.stream().map(Enum::name).toList()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(intentRow(rs));
                }
            }
        }
        return rows;
    }

    /** The stored conflicts of these intents whose other side is still active, keyed by intent. */
    Map<String, List<Conflict>> openConflicts(Collection<String> intentIds) throws SQLException {
        Map<String, List<Conflict>> result = new LinkedHashMap<>();
        if (intentIds.isEmpty()) {
            return result;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.intent_id, c.other_intent_id, o.agent_id,"
                + " o.feature_name, c.type, c.severity, c.objects, c.suggestion"
                + " FROM " + S + ".conflicts c JOIN " + S + ".intents o ON o.intent_id = c.other_intent_id"
                + " WHERE c.intent_id = ANY (?) AND o.status IN " + ACTIVE + " ORDER BY c.conflict_id")) {
            ps.setArray(1, textArray(intentIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Conflict(rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            List.of((String[]) rs.getArray(7).getArray()), rs.getString(8)));
                }
            }
        }
        return result;
    }

    List<HistoryEntry> history(String intentId) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT intent_id, from_status, to_status, changed_by,"
                + " reason, changed_at FROM " + S + ".history WHERE intent_id = ? ORDER BY history_id")) {
            ps.setString(1, intentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new HistoryEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant().toString()));
                }
            }
        }
        return entries;
    }

    /** A plain {@code SELECT 1} round trip: the baseline the bench compares the check with. */
    public void ping() {
        inTransaction(() -> {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private Array textArray(Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(new String[0]));
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original error says more
        }
    }

    private ConfitureException storeError(SQLException e) {
        return new ConfitureException("COORDINATION_STORE_ERROR", "The coordination store " + settings.displayUrl()
                + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a broken connection: nothing left to do
        }
    }
}
