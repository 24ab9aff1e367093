package dev.confiture.coordination;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.confiture.coordination.ChangedObject.Action;
import dev.confiture.coordination.CoordinationStore.IntentRow;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;

/**
 * Multi-agent coordination as a plain Java API (docs/coordination.md): agents register what
 * they intend to change, check it against everyone else's active intents, and move their intents
 * through REGISTERED -> IN_PROGRESS -> COMPLETED (or ABANDONED). One service holds one connection:
 * use one per thread, and close it.
 */
public final class CoordinationService implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ID_ATTEMPTS = 20;

    private final CoordinationStore store;
    private final TouchedObjectsExtractor extractor;
    private final Supplier<String> idGenerator;

    public CoordinationService(CoordinationStore store) {
        this(store, TouchedObjectsExtractor.standard(), CoordinationService::randomIntentId);
    }

    CoordinationService(CoordinationStore store, TouchedObjectsExtractor extractor, Supplier<String> idGenerator) {
        this.store = store;
        this.extractor = extractor;
        this.idGenerator = idGenerator;
    }

    /** Connects to the store at {@code settings}. */
    public static CoordinationService open(DatabaseSettings settings) {
        return new CoordinationService(CoordinationStore.connect(settings));
    }

    /** {@code int_} and 12 random lowercase hex digits. */
    public static String randomIntentId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "int_" + HexFormat.of().formatHex(bytes);
    }

    public CoordinationStore store() {
        return store;
    }

    /** Creates or upgrades the store's schema; idempotent. */
    public InitReport init() {
        return store.initialise();
    }

    /** Registers an intent: allocates its id and branch, stores its objects, and reports the conflicts it has now. */
    public IntentReport register(RegisterRequest request) {
        String agent = Inputs.required("agentId", request.agentId(), Inputs.MAX_AGENT_ID);
        String feature = FeatureNames.validate(request.featureName());
        RiskLevel risk = RiskLevel.parse(request.riskLevel());
        BigDecimal hours = Inputs.hours(request.estimatedHours());
        String sql = Inputs.text("schemaChanges", request.schemaChanges(), Inputs.MAX_SCHEMA_CHANGES);
        List<ChangedObject> objects = objectsOf(request.tablesAffected(), sql, request.schemaChangesFile());
        if (objects.isEmpty()) {
            throw new ConfitureException("COORDINATION_NOTHING_DECLARED", "Intent of " + Inputs.preview(agent)
                    + " declares nothing: give -Dconfiture.tablesAffected=users,profiles and/or"
                    + " -Dconfiture.schemaChanges=<SQL or a .sql file> (schemaChanges touched no object it understands)");
        }
        List<String> tables = tablesOf(objects);
        store.requireInitialised();
        return store.inTransaction(() -> {
            String intentId = null;
            CoordinationStore.Registered registered = null;
            for (int attempt = 0; attempt < ID_ATTEMPTS && registered == null; attempt++) {
                intentId = idGenerator.get();
                registered = store.registerIntent(intentId, agent, feature, risk, hours, tables, sql, objects);
            }
            if (registered == null) {
                throw new ConfitureException("COORDINATION_ID_EXHAUSTED", "Could not allocate a free intent id after "
                        + ID_ATTEMPTS + " attempts; try again");
            }
            String branch = registered.branch();
            List<ActiveIntentObjects> others = store.activeOverlapping(agent, tables, identities(objects));
            // not stored: status computes them from both sides' objects when it lists the intents
            List<Conflict> conflicts = ConflictDetector.detect(objects, others);
            return new IntentReport(intentId, agent, feature, branch, IntentStatus.REGISTERED.name(), risk.label(),
                    tables, registered.registeredAt().toInstant().toString(), conflicts, registered.ownerRole());
        });
    }

    /** The conflicts the described change would have with other agents' active intents; stores nothing. */
    public CheckReport check(CheckRequest request) {
        String agent = Inputs.required("agentId", request.agentId(), Inputs.MAX_AGENT_ID);
        String sql = Inputs.text("schemaChanges", request.schemaChanges(), Inputs.MAX_SCHEMA_CHANGES);
        if ((request.tablesAffected() == null || request.tablesAffected().isBlank()) && (sql == null || sql.isBlank())) {
            throw new ConfitureException("COORDINATION_NOTHING_DECLARED", "Nothing to check: give"
                    + " -Dconfiture.tablesAffected=users,profiles and/or -Dconfiture.schemaChanges=<SQL or a .sql file>");
        }
        List<ChangedObject> objects = objectsOf(request.tablesAffected(), sql, request.schemaChangesFile());
        store.requireInitialised();
        // one statement that only reads: one round trip, no COMMIT
        List<ActiveIntentObjects> others = store.readAlone(
                () -> store.activeOverlapping(agent, tablesOf(objects), identities(objects)));
        return new CheckReport(agent, ConflictDetector.detect(objects, others));
    }

    /**
     * Intents with their open conflicts, oldest first. {@code agentId} null for every agent;
     * {@code status} null or blank for the active ones, {@code all} for every one, or one state.
     */
    public StatusReport status(String agentId, String status) {
        String agent = agentId == null || agentId.isBlank() ? null : Inputs.optional("agentId", agentId, Inputs.MAX_AGENT_ID);
        Set<IntentStatus> statuses = statusFilter(status);
        store.requireInitialised();
        return store.inTransaction(() -> {
            List<IntentRow> rows = store.intents(agent, statuses);
            Map<String, List<Conflict>> conflicts = store.openConflicts(rows.stream().map(IntentRow::intentId).toList());
            return new StatusReport(rows.stream().map(r -> report(r, conflicts.getOrDefault(r.intentId(), List.of()))).toList());
        });
    }

    /** REGISTERED -> IN_PROGRESS. */
    public TransitionReport start(String intentId, String who, String notes) {
        return transition(intentId, IntentStatus.IN_PROGRESS, who, Inputs.optional("notes", notes, Inputs.MAX_TEXT), null,
                "started");
    }

    /** REGISTERED or IN_PROGRESS -> COMPLETED, with the outcome (default success) and notes. */
    public TransitionReport complete(String intentId, String who, String outcome, String notes) {
        Outcome parsed = Outcome.parse(outcome);
        return transition(intentId, IntentStatus.COMPLETED, who, Inputs.optional("notes", notes, Inputs.MAX_TEXT), parsed,
                "completed (" + parsed.label() + ")");
    }

    /** REGISTERED or IN_PROGRESS -> ABANDONED; the reason is required. */
    public TransitionReport abandon(String intentId, String who, String reason) {
        return transition(intentId, IntentStatus.ABANDONED, who, Inputs.required("reason", reason, Inputs.MAX_TEXT), null,
                null);
    }

    /**
     * The intent a transition is about: {@code intentId} when given, else the one active intent of
     * {@code agentId} (of {@code featureName}, when given), so that an agent can say "my intent
     * for user_profiles" without carrying its id around. None or several is an error listing them.
     */
    public String resolveIntentId(String intentId, String agentId, String featureName) {
        if (intentId != null && !intentId.isBlank()) {
            return Inputs.intentId(intentId);
        }
        if (agentId == null || agentId.isBlank()) {
            throw new ConfitureException("COORDINATION_MISSING_INTENT_ID", "intentId is required (set"
                    + " -Dconfiture.intentId=int_...), or give -Dconfiture.agentId (and -Dconfiture.featureName) to pick"
                    + " that agent's one active intent");
        }
        String agent = Inputs.optional("agentId", agentId, Inputs.MAX_AGENT_ID);
        String feature = featureName == null || featureName.isBlank() ? null : featureName.trim();
        store.requireInitialised();
        List<IntentRow> mine = store.inTransaction(() -> store.intents(agent, IntentStatus.ACTIVE)).stream()
                .filter(r -> feature == null || r.featureName().equals(feature)).toList();
        String whose = Inputs.preview(agent) + (feature == null ? "" : " for feature " + Inputs.preview(feature));
        if (mine.isEmpty()) {
            throw new ConfitureException("COORDINATION_UNKNOWN_INTENT", "There is no active intent of " + whose
                    + "; coordinate-status -Dconfiture.status=all lists every intent");
        }
        if (mine.size() > 1) {
            throw new ConfitureException("COORDINATION_AMBIGUOUS_INTENT", "There are " + mine.size() + " active intents of "
                    + whose + ": " + mine.stream().map(r -> r.intentId() + " (" + r.branch() + ")")
                    .collect(Collectors.joining(", ")) + "; give -Dconfiture.intentId=...");
        }
        return mine.get(0).intentId();
    }

    /** Every transition of an intent, oldest first. */
    public List<HistoryEntry> history(String intentId) {
        String id = Inputs.intentId(intentId);
        store.requireInitialised();
        return store.inTransaction(() -> store.history(id));
    }

    /** The store decides whether the caller's role may make the transition, and whether the lifecycle allows it. */
    private TransitionReport transition(String intentId, IntentStatus to, String who, String why, Outcome outcome,
                                        String defaultWhy) {
        String id = Inputs.intentId(intentId);
        String actor = Inputs.required("agentId", who, Inputs.MAX_AGENT_ID);
        String reason = why == null || why.isBlank() ? defaultWhy : why;
        store.requireInitialised();
        return store.inTransaction(() -> {
            CoordinationStore.Changed c = store.changeIntent(id, to, actor, reason, outcome,
                    to == IntentStatus.ABANDONED ? null : why);
            return new TransitionReport(id, c.agentId(), c.featureName(), c.branch(), c.from().name(), to.name(),
                    actor, reason, outcome == null ? null : outcome.label(), c.tables(), c.changedAt().toInstant().toString(),
                    c.ownerRole(), c.changedByRole());
        });
    }

    private static Set<IntentStatus> statusFilter(String status) {
        if (status == null || status.isBlank() || status.trim().equalsIgnoreCase("active")) {
            return IntentStatus.ACTIVE;
        }
        if (status.trim().equalsIgnoreCase("all")) {
            return Set.of(IntentStatus.values());
        }
        String wanted = status.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (IntentStatus s : IntentStatus.values()) {
            if (s.name().equals(wanted)) {
                return Set.of(s);
            }
        }
        throw new ConfitureException("COORDINATION_BAD_STATUS", "status '" + Inputs.preview(status) + "' is not one of "
                + Arrays.stream(IntentStatus.values()).map(Enum::name).collect(Collectors.joining(", "))
                + ", active or all");
    }

    /**
     * Declared tables first, then what the SQL touches; one entry per object, a statement's action
     * winning over a declaration. SQL that cannot be read, or that names an object with a control
     * character (reports print names on one line), is an error naming {@code file} (nullable) and line.
     */
    private List<ChangedObject> objectsOf(String tablesAffected, String sql, java.nio.file.Path file) {
        Map<ObjectRef, ChangedObject> objects = new LinkedHashMap<>();
        for (QualifiedName table : TableNames.parseList(tablesAffected)) {
            ObjectRef ref = ObjectRef.table(table);
            objects.put(ref, new ChangedObject(ref, Action.DECLARED, ref.identity(), 0));
        }
        if (sql != null && !sql.isBlank()) {
            for (ChangedObject o : extractor.touchedObjects(sql, file)) {
                String identity = o.object().identity();
                if (identity.chars().anyMatch(Inputs::controlCharacter)) {
                    throw new ConfitureException("COORDINATION_CONTROL_CHARACTER", "schemaChanges"
                            + (file == null ? " line " + o.line() : "") + " names " + Inputs.preview(identity)
                            + ", whose name holds a control character; names are printed on one line of the build log,"
                            + " so they may not hold control characters (newline, carriage return, escape, tab, ...):"
                            + " rename it", file, o.line());
                }
                ChangedObject existing = objects.get(o.object());
                if (existing == null || existing.action() == Action.DECLARED) {
                    objects.put(o.object(), o);
                }
            }
        }
        return new ArrayList<>(objects.values());
    }

    private static List<String> tablesOf(List<ChangedObject> objects) {
        Set<String> tables = new LinkedHashSet<>();
        objects.stream().map(ChangedObject::table).filter(t -> t != null).forEach(tables::add);
        return List.copyOf(tables);
    }

    private static List<String> identities(List<ChangedObject> objects) {
        return objects.stream().map(o -> o.object().identity()).distinct().toList();
    }

    private static IntentReport report(IntentRow r, List<Conflict> conflicts) {
        return new IntentReport(r.intentId(), r.agentId(), r.featureName(), r.branch(), r.status().name(), r.riskLevel(),
                r.tables(), r.registeredAt().toInstant().toString(), conflicts, r.ownerRole());
    }

    @Override
    public void close() {
        store.close();
    }
}
