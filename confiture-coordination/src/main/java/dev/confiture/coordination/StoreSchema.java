package dev.confiture.coordination;

import java.util.List;

/**
 * The store's tables as numbered steps. {@code coordinate-init} applies the steps a store lacks, in
 * order, each in the transaction that records it in {@code schema_version}; a later release adds a
 * step (never edits one), so existing stores upgrade in place. Only the store's owner (the role that
 * ran the first {@code coordinate-init}) can apply a step; see {@link StoreFunctions} for who may write.
 */
public final class StoreSchema {

    public static final String SCHEMA = "confiture_coordination";

    /** One upgrade: its number, what it does, and its DDL statements. */
    public record Step(int version, String description, List<String> statements) {
    }

    /** The bootstrap every store gets before any step: the schema and its version table. */
    static final List<String> BOOTSTRAP = List.of(
            "CREATE SCHEMA IF NOT EXISTS " + SCHEMA,
            "CREATE TABLE IF NOT EXISTS " + SCHEMA + ".schema_version ("
                    + " version integer PRIMARY KEY,"
                    + " description text NOT NULL,"
                    + " applied_at timestamptz NOT NULL DEFAULT clock_timestamp())");

    public static final List<Step> STEPS = List.of(
            new Step(1, "intents, intent objects, conflicts, history, feature sequences", List.of(
                    "CREATE TABLE " + SCHEMA + ".feature_sequences ("
                            + " feature_name text PRIMARY KEY,"
                            + " last_sequence integer NOT NULL)",
                    "CREATE TABLE " + SCHEMA + ".intents ("
                            + " intent_id text PRIMARY KEY CHECK (intent_id ~ '^int_[0-9a-f]{12}$'),"
                            + " agent_id text NOT NULL,"
                            + " feature_name text NOT NULL,"
                            + " sequence integer NOT NULL,"
                            + " branch text NOT NULL UNIQUE,"
                            + " status text NOT NULL CHECK (status IN ('REGISTERED', 'IN_PROGRESS', 'COMPLETED', 'ABANDONED')),"
                            + " risk_level text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),"
                            + " estimated_hours numeric CHECK (estimated_hours >= 0),"
                            + " tables text[] NOT NULL,"
                            + " schema_changes text,"
                            + " outcome text CHECK (outcome IN ('success', 'partial', 'failed')),"
                            + " notes text,"
                            + " registered_at timestamptz NOT NULL DEFAULT clock_timestamp(),"
                            + " updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),"
                            + " UNIQUE (feature_name, sequence))",
                    // status lists and the check's join look up active intents
                    "CREATE INDEX intents_active_idx ON " + SCHEMA + ".intents (registered_at)"
                            + " WHERE status IN ('REGISTERED', 'IN_PROGRESS')",
                    "CREATE INDEX intents_agent_idx ON " + SCHEMA + ".intents (agent_id)",
                    // One row per object an intent touches. The intent's immutable fields and an
                    // active flag are copied here so that the check is one scan of two partial indexes
                    // over active rows, with no join (see bench/coordination-bench.sh).
                    "CREATE TABLE " + SCHEMA + ".intent_objects ("
                            + " intent_id text NOT NULL REFERENCES " + SCHEMA + ".intents ON DELETE CASCADE,"
                            + " kind text NOT NULL,"
                            + " identity text NOT NULL,"
                            + " table_identity text,"
                            + " action text NOT NULL,"
                            + " line integer NOT NULL DEFAULT 0,"
                            + " agent_id text NOT NULL,"
                            + " feature_name text NOT NULL,"
                            + " branch text NOT NULL,"
                            + " registered_at timestamptz NOT NULL,"
                            + " active boolean NOT NULL DEFAULT true,"
                            + " PRIMARY KEY (intent_id, kind, identity))",
                    "CREATE INDEX intent_objects_active_identity_idx ON " + SCHEMA + ".intent_objects (identity) WHERE active",
                    "CREATE INDEX intent_objects_active_table_idx ON " + SCHEMA + ".intent_objects (table_identity) WHERE active",
                    "CREATE TABLE " + SCHEMA + ".conflicts ("
                            + " conflict_id bigserial PRIMARY KEY,"
                            + " intent_id text NOT NULL REFERENCES " + SCHEMA + ".intents ON DELETE CASCADE,"
                            + " other_intent_id text NOT NULL REFERENCES " + SCHEMA + ".intents ON DELETE CASCADE,"
                            + " type text NOT NULL,"
                            + " severity text NOT NULL CHECK (severity IN ('warning', 'error')),"
                            + " objects text[] NOT NULL,"
                            + " suggestion text NOT NULL,"
                            + " detected_at timestamptz NOT NULL DEFAULT clock_timestamp())",
                    "CREATE INDEX conflicts_intent_idx ON " + SCHEMA + ".conflicts (intent_id)",
                    "CREATE TABLE " + SCHEMA + ".history ("
                            + " history_id bigserial PRIMARY KEY,"
                            + " intent_id text NOT NULL REFERENCES " + SCHEMA + ".intents ON DELETE CASCADE,"
                            + " from_status text,"
                            + " to_status text NOT NULL,"
                            + " changed_by text NOT NULL,"
                            + " reason text,"
                            + " changed_at timestamptz NOT NULL DEFAULT clock_timestamp())",
                    "CREATE INDEX history_intent_idx ON " + SCHEMA + ".history (intent_id)")),
            new Step(2, "intents belong to the database role that registered them; writes only through functions;"
                    + " grants to " + Roles.READER + ", " + Roles.AGENT + ", " + Roles.COORDINATOR, StoreFunctions.step2()),
            new Step(3, "conflicts computed from intent_objects when read, no longer stored at registration;"
                    + " objects keep their declaration order", StoreFunctions.step3()),
            new Step(4, "registrations analyse intent_objects and intents when autovacuum's rule says it is due"
                    + " (servers with autovacuum off)", StoreFunctions.step4()),
            new Step(5, "the check reads overlapping objects through overlapping_objects, whose plan is made once"
                    + " per session", StoreFunctions.step5()));

    /** The group roles {@code coordinate-init} creates when missing and grants to; NOLOGIN, granted to login roles by a team. */
    public static final class Roles {
        /** May check and list (status, history). */
        public static final String READER = "confiture_reader";
        /** Also registers intents and changes its own. */
        public static final String AGENT = "confiture_agent";
        /** Also changes anyone's intents. */
        public static final String COORDINATOR = "confiture_coordinator";
        public static final List<String> ALL = List.of(READER, AGENT, COORDINATOR);

        private Roles() {
        }
    }

    public static int latestVersion() {
        return STEPS.get(STEPS.size() - 1).version();
    }

    private StoreSchema() {
    }
}
