package dev.confiture.coordination;

import java.sql.Array;
import java.sql.Connection;
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

import dev.confiture.coordination.ChangedObject.Action;
import dev.confiture.jdbc.Connections;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.schema.ObjectRef;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The PostgreSQL side of coordination: one connection, the versioned schema
 * {@code confiture_coordination}, and the statements the service composes into transactions.
 * Every value travels as a bind parameter; the only SQL text built here is fixed. Writes go through
 * the store's functions ({@link StoreFunctions}), which decide who may make them.
 * Not thread-safe: one store per thread (each holds its own connection).
 */
public final class CoordinationStore implements AutoCloseable {

    static final String S = StoreSchema.SCHEMA;
    /** Serialises coordinate-init runs, and registrations so that each sees every earlier one. */
    private static final long INIT_LOCK = 0x636f6f7264696eL;
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
        try {
            Connection c = Connections.connect(settings);
            c.setAutoCommit(false);
            return new CoordinationStore(c, settings);
        } catch (SQLException e) {
            throw new ConfitureException("COORDINATION_CONNECT_FAILED", "Could not connect to the coordination store "
                    + settings.describe() + ": " + Connections.scrub(e.getMessage(), settings), e);
        }
    }

    /** The store's session, for tests that look at what it holds. */
    Connection connection() {
        return connection;
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

    /**
     * Runs {@code work}, one read-only statement, on its own in autocommit: one round trip, where a
     * transaction takes two (the statement, then its COMMIT). A single statement sees one snapshot
     * either way, so the answer is the same. The connection is back in transaction mode afterwards.
     */
    <T> T readAlone(Work<T> work) {
        try {
            connection.setAutoCommit(true);
            try {
                return work.run();
            } finally {
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            throw storeError(e);
        }
    }

    /**
     * Creates or upgrades the schema; safe to run again and from several processes at once. A store
     * that is up to date needs nothing, so any role that may read it gets "up to date"; an upgrade
     * needs the store's owner, and creates the group roles ({@link StoreSchema.Roles}) when missing.
     */
    public InitReport initialise() {
        int seen = inTransaction(this::versionOrMissing);
        if (seen == StoreSchema.latestVersion()) {
            initialised = true;
            return new InitReport(settings.displayUrl(), S, seen, List.of(), List.of());
        }
        if (seen > StoreSchema.latestVersion()) {
            throw newerStore(seen);
        }
        return inTransaction(() -> {
            try (Statement st = connection.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + INIT_LOCK + ")");
            }
            int current = Math.max(0, versionOrMissing());
            if (current > StoreSchema.latestVersion()) {
                throw newerStore(current);
            }
            List<String> created = new ArrayList<>();
            List<String> applied = new ArrayList<>();
            if (current < StoreSchema.latestVersion()) {
                requireOwner(current);
                created.addAll(createGroupRoles());
                try (Statement st = connection.createStatement()) {
                    for (String sql : StoreSchema.BOOTSTRAP) {
                        st.execute(sql);
                    }
                }
            }
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
            return new InitReport(settings.displayUrl(), S, StoreSchema.latestVersion(), applied, created);
        });
    }

    /** Fails, telling the user to run coordinate-init, unless the store holds the current schema version. */
    public void requireInitialised() {
        if (initialised) {
            return;
        }
        int version = inTransaction(this::versionOrMissing);
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

    /** The store's schema version; -1 when it has no version table. Found in the catalog, which every role may read. */
    private int versionOrMissing() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                     + " ON n.oid = c.relnamespace WHERE n.nspname = '" + S + "' AND c.relname = 'schema_version'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return -1;
            }
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM " + S + ".schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** An existing store is upgraded by its owner only (the role owning the schema, or a member of it). */
    private void requireOwner(int current) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT r.rolname, pg_catalog.pg_has_role(current_user, n.nspowner, 'USAGE'),"
                     + " current_user FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_roles r ON r.oid = n.nspowner"
                     + " WHERE n.nspname = '" + S + "'")) {
            if (rs.next() && !rs.getBoolean(2)) {
                throw new ConfitureException("COORDINATION_NOT_STORE_OWNER", "The coordination store " + settings.displayUrl()
                        + " is at schema version " + current + " and this Confiture needs version "
                        + StoreSchema.latestVersion() + "; only its owner, role " + rs.getString(1) + ", can upgrade it,"
                        + " and this connection is role " + rs.getString(3) + ". Ask " + rs.getString(1)
                        + " to run mvn confiture:coordinate-init -Dconfiture.coordinationUrl=" + settings.displayUrl());
            }
        }
    }

    /**
     * Creates the missing group roles. Roles are cluster-wide, so another store's init may create one
     * at the same moment: that is success too ({@code duplicate_object}, or {@code unique_violation}
     * when both inserts race on the catalog's index).
     */
    private List<String> createGroupRoles() throws SQLException {
        List<String> created = new ArrayList<>();
        for (String role : StoreSchema.Roles.ALL) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?")) {
                ps.setString(1, role);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
            }
            try (Statement st = connection.createStatement()) {
                st.execute("DO $$ BEGIN CREATE ROLE " + role + " NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation"
                        + " THEN NULL; END $$");
            } catch (SQLException e) {
                if (!"42501".equals(e.getSQLState())) {
                    throw e;
                }
                throw new ConfitureException("COORDINATION_CANNOT_CREATE_ROLES", "The group role " + role + " does not"
                        + " exist and the role running coordinate-init may not create roles. Ask an administrator to run: "
                        + StoreSchema.Roles.ALL.stream().map(r -> "CREATE ROLE " + r + " NOLOGIN;")
                        .collect(java.util.stream.Collectors.joining(" "))
                        + " then run coordinate-init again (see docs/coordination.md)", e);
            }
            created.add(role);
        }
        return created;
    }

    private ConfitureException newerStore(int version) {
        return new ConfitureException("COORDINATION_NEWER_STORE", "The coordination store " + settings.displayUrl()
                + " is at schema version " + version + ", newer than this Confiture knows (" + StoreSchema.latestVersion()
                + "); upgrade the confiture-maven-plugin");
    }

    /** A registration as the store made it: the branch it allocated and when. */
    record Registered(String branch, Timestamp registeredAt, String ownerRole) {
    }

    /**
     * Registers an intent owned by the connection's login role, with its objects and its history
     * row (see {@link StoreFunctions}); null when {@code intentId} is taken. Holds the registration
     * lock until the transaction ends, so that every later registration sees this one.
     */
    Registered registerIntent(String intentId, String agentId, String featureName, RiskLevel risk,
                              java.math.BigDecimal hours, List<String> tables, String schemaChanges,
                              Collection<ChangedObject> objects) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ChangedObject o : objects) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", o.object().kind().name());
            row.put("identity", o.object().identity());
            row.put("table_identity", o.table());
            row.put("action", o.action().name());
            row.put("line", o.line());
            rows.add(row);
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT o_branch, o_registered_at, session_user FROM " + S
                + ".register_intent(?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            ps.setString(1, intentId);
            ps.setString(2, agentId);
            ps.setString(3, featureName);
            ps.setString(4, risk.label());
            ps.setBigDecimal(5, hours);
            ps.setArray(6, textArray(tables));
            ps.setString(7, schemaChanges);
            ps.setString(8, json(rows));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String branch = rs.getString(1);
                return branch == null ? null : new Registered(branch, rs.getTimestamp(2), rs.getString(3));
            }
        }
    }

    /**
     * Other agents' active intents with those of their objects that share a table or a name with
     * the candidate's: the only rows conflict detection needs, found through two indexes by the
     * store's {@code overlapping_objects} (store step 5, whose plan is made once per session). "Other"
     * is another agentId label or another login role: typing someone's agentId does not hide one's
     * intents from their checks, nor theirs from one's own. The objects carry no line: only the
     * candidate's lines are ever reported.
     */
    List<ActiveIntentObjects> activeOverlapping(String excludedAgent, Collection<String> tables,
                                                Collection<String> identities) throws SQLException {
        if (tables.isEmpty() && identities.isEmpty()) {
            return List.of();
        }
        List<ActiveIntentObjects> result = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT intent_id, agent_id, feature_name, branch, kind,"
                + " identity, table_identity, action FROM " + StoreFunctions.OVERLAPPING_OBJECTS + "(?, ?, ?)")) {
            ps.setString(1, excludedAgent);
            ps.setArray(2, textArray(tables));
            ps.setArray(3, textArray(identities));
            try (ResultSet rs = ps.executeQuery()) {
                // rows come ordered by intent: one intent's rows are consecutive
                String id = null;
                String agent = null;
                String feature = null;
                String branch = null;
                List<ChangedObject> objects = null;
                while (rs.next()) {
                    String rowId = rs.getString(1);
                    if (!rowId.equals(id)) {
                        if (id != null) {
                            result.add(new ActiveIntentObjects(id, agent, feature, branch, objects));
                        }
                        id = rowId;
                        agent = rs.getString(2);
                        feature = rs.getString(3);
                        branch = rs.getString(4);
                        objects = new ArrayList<>();
                    }
                    ObjectRef ref = new ObjectRef(ObjectRef.Kind.valueOf(rs.getString(5)), rs.getString(6));
                    objects.add(new ChangedObject(ref, Action.valueOf(rs.getString(8)), rs.getString(7), 0));
                }
                if (id != null) {
                    result.add(new ActiveIntentObjects(id, agent, feature, branch, objects));
                }
            }
        }
        return result;
    }

    /** One intent's row, as status and transitions read it. */
    record IntentRow(String intentId, String agentId, String featureName, String branch, IntentStatus status,
                     String riskLevel, List<String> tables, Timestamp registeredAt, String ownerRole) {
    }

    private static final String INTENT_COLUMNS =
            "intent_id, agent_id, feature_name, branch, status, risk_level, tables, registered_at, owner_role";

    private static IntentRow intentRow(ResultSet rs) throws SQLException {
        Array tables = rs.getArray(7);
        return new IntentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                IntentStatus.valueOf(rs.getString(5)), rs.getString(6), List.of((String[]) tables.getArray()),
                rs.getTimestamp(8), rs.getString(9));
    }

    /** A transition as the store made it: the intent before it, its owner, and when. */
    record Changed(String agentId, String featureName, String branch, IntentStatus from, String ownerRole,
                   List<String> tables, Timestamp changedAt, String changedByRole) {
    }

    /**
     * Moves an intent to {@code to}, recording label and login role in its history. The store
     * decides: an unknown intent, another role's intent (unless a coordinator asks) and a
     * transition the lifecycle forbids are refused, with the row locked against concurrent ones.
     */
    Changed changeIntent(String intentId, IntentStatus to, String agentId, String reason, Outcome outcome, String notes)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT o_agent_id, o_feature_name, o_branch,"
                + " o_from_status, o_owner_role, o_tables, o_changed_at, session_user FROM " + S
                + ".change_intent(?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, intentId);
            ps.setString(2, to.name());
            ps.setString(3, agentId);
            ps.setString(4, reason);
            ps.setString(5, outcome == null ? null : outcome.label());
            ps.setString(6, notes);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Changed(rs.getString(1), rs.getString(2), rs.getString(3), IntentStatus.valueOf(rs.getString(4)),
                        rs.getString(5), List.of((String[]) rs.getArray(6).getArray()), rs.getTimestamp(7), rs.getString(8));
            }
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

    /**
     * The open conflicts of these intents, keyed by intent: with every other agent's intent that is
     * active now and overlaps, when both were active at once (the other registered before the
     * intent, or while it was active). Computed, not stored (store step 3): one query finds the
     * other intents' objects through the indexes keyed by object, and {@link ConflictDetector}
     * applies the rules, each pair's objects in the order the registration of the later of the two
     * saw them (the earlier one's as the store lists them, the later one's as it declared them).
     */
    Map<String, List<Conflict>> openConflicts(Collection<String> intentIds) throws SQLException {
        Map<String, List<Conflict>> result = new LinkedHashMap<>();
        if (intentIds.isEmpty()) {
            return result;
        }
        Map<String, List<ChangedObject>> mine = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT intent_id, kind, identity, table_identity, action,"
                + " line FROM " + S + ".intent_objects WHERE intent_id = ANY (?)")) {
            ps.setArray(1, textArray(intentIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    mine.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(changedObject(rs, 2));
                }
            }
        }
        // the pairs (mine, theirs) share an object or a table; "other" as in activeOverlapping
        String match = "SELECT x.intent_id AS mine, y.intent_id AS theirs, y.kind, y.identity"
                + " FROM " + S + ".intent_objects x JOIN " + S + ".intent_objects y ON y.active AND y.%1$s = x.%1$s"
                + " WHERE x.intent_id = ANY (?) AND y.intent_id <> x.intent_id"
                + " AND (y.agent_id <> x.agent_id OR y.owner_role <> x.owner_role)";
        Map<String, Map<String, ActiveIntentObjects>> theirs = new LinkedHashMap<>();
        Map<String, List<ChangedObject>> theirObjects = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("WITH matches AS (" + match.formatted("identity")
                + " UNION " + match.formatted("table_identity") + ")"
                + " SELECT m.mine, y.intent_id, y.agent_id, y.feature_name, y.branch, y.kind, y.identity, y.table_identity,"
                + " y.action, y.line FROM matches m"
                + " JOIN " + S + ".intents x ON x.intent_id = m.mine"
                + " JOIN " + S + ".intent_objects y ON y.intent_id = m.theirs AND y.kind = m.kind AND y.identity = m.identity"
                + " WHERE y.registered_at < x.registered_at OR x.status IN " + ACTIVE + " OR y.registered_at < x.updated_at"
                + " ORDER BY m.mine, y.registered_at, y.intent_id,"
                + " CASE WHEN y.registered_at > x.registered_at THEN y.ordinal END, y.kind, y.identity")) {
            ps.setArray(1, textArray(intentIds));
            ps.setArray(2, textArray(intentIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String me = rs.getString(1);
                    String other = rs.getString(2);
                    theirs.computeIfAbsent(me, k -> new LinkedHashMap<>()).computeIfAbsent(other,
                            k -> new ActiveIntentObjects(other, string(rs, 3), string(rs, 4), string(rs, 5), List.of()));
                    theirObjects.computeIfAbsent(me + " " + other, k -> new ArrayList<>()).add(changedObject(rs, 6));
                }
            }
        }
        theirs.forEach((me, others) -> {
            List<ActiveIntentObjects> withObjects = new ArrayList<>();
            others.forEach((id, o) -> withObjects.add(new ActiveIntentObjects(id, o.agentId(), o.featureName(), o.branch(),
                    theirObjects.get(me + " " + id))));
            List<Conflict> conflicts = ConflictDetector.detect(mine.getOrDefault(me, List.of()), withObjects);
            if (!conflicts.isEmpty()) {
                result.put(me, conflicts);
            }
        });
        return result;
    }

    /** kind, identity, table_identity, action, line from column {@code first} on. */
    private static ChangedObject changedObject(ResultSet rs, int first) throws SQLException {
        ObjectRef ref = new ObjectRef(ObjectRef.Kind.valueOf(rs.getString(first)), rs.getString(first + 1));
        return new ChangedObject(ref, Action.valueOf(rs.getString(first + 3)), rs.getString(first + 2), rs.getInt(first + 4));
    }

    private static String string(ResultSet rs, int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<HistoryEntry> history(String intentId) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT intent_id, from_status, to_status, changed_by,"
                + " reason, changed_at, changed_by_role FROM " + S + ".history WHERE intent_id = ? ORDER BY history_id")) {
            ps.setString(1, intentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new HistoryEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant().toString(), rs.getString(7)));
                }
            }
        }
        return entries;
    }

    /**
     * A plain {@code SELECT 1}, run as the check runs its read ({@link #readAlone}): the baseline the
     * bench compares the check with, the same statement shape and round trips.
     */
    public void ping() {
        readAlone(() -> {
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

    /**
     * The store's refusals as messages a user can act on: the store functions' own SQLSTATEs (see
     * {@link StoreFunctions}) and {@code insufficient_privilege}, which says which group role to grant.
     */
    private ConfitureException storeError(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String message = server != null && server.getMessage() != null ? server.getMessage() : e.getMessage();
        String hint = server == null || server.getHint() == null ? "" : ". " + server.getHint();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case StoreFunctions.UNKNOWN_INTENT -> new ConfitureException("COORDINATION_UNKNOWN_INTENT", message
                    + " in the coordination store " + describe() + "; coordinate-status lists the active ones", e);
            case StoreFunctions.ILLEGAL_TRANSITION -> new ConfitureException("COORDINATION_ILLEGAL_TRANSITION", message, e);
            case StoreFunctions.NOT_INTENT_OWNER -> new ConfitureException("COORDINATION_NOT_INTENT_OWNER", message + hint, e);
            case "42501" -> {
                String role = loginRole();
                yield new ConfitureException("COORDINATION_PERMISSION_DENIED", "The coordination store "
                        + settings.displayUrl() + " refused role " + role + ": " + message + ". The store's owner grants"
                        + " what a role may do: GRANT " + StoreSchema.Roles.READER + " TO " + role + " (check, status),"
                        + " GRANT " + StoreSchema.Roles.AGENT + " TO " + role + " (also register and change its own"
                        + " intents) or GRANT " + StoreSchema.Roles.COORDINATOR + " TO " + role
                        + " (change anyone's); see docs/coordination.md", e);
            }
            default -> new ConfitureException("COORDINATION_STORE_ERROR", "The coordination store " + settings.displayUrl()
                    + " failed: " + e.getMessage(), e);
        };
    }

    /** The role this connection logged in as, for messages (asked after the failed transaction was rolled back). */
    private String loginRole() {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT session_user")) {
            rs.next();
            String role = rs.getString(1);
            connection.rollback();
            return role;
        } catch (SQLException ignored) {
            return settings.user() == null ? "(the connecting role)" : settings.user();
        }
    }

    /**
     * Made on first use: only a registration writes JSON (its objects, for {@code register_intent}).
     * Made with the class, every coordination goal paid for loading and setting up Jackson, about
     * 280 classes, about 0.05 s of each {@code coordinate-check} run (a cold JVM), for nothing.
     */
    private static final class Json {
        static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + value + " as JSON", e);
        }
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
