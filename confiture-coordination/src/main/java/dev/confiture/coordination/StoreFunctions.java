package dev.confiture.coordination;

import java.util.List;

import dev.confiture.coordination.StoreSchema.Roles;

/**
 * The store's write path (store step 2). Nobody but the store's owner may write its tables: the
 * group roles may only read them and call these {@code SECURITY DEFINER} functions, which run as
 * the owner and decide who may do what from {@code session_user}, the role the connection logged in
 * as (a {@code SET ROLE} does not change it, a typed agentId does not either):
 * <ul>
 * <li>{@code register_intent}: a new intent, owned by {@code session_user}, with its objects and
 * the history row that records label and role;</li>
 * <li>{@code record_conflicts} (steps 2 to 3): the conflicts of an intent, only in the transaction
 * that registered it and by the same role; step 3 drops it, conflicts being computed when read;</li>
 * <li>{@code change_intent}: a lifecycle transition, by the owning role or a member of
 * {@link Roles#COORDINATOR}, only along the transitions the contract allows (the one place that
 * rule lives).</li>
 * </ul>
 * Step 5 adds one read, {@code overlapping_objects}, which runs as its caller (see {@link #step5}).
 * Errors carry their own SQLSTATEs ({@link #UNKNOWN_INTENT}, {@link #ILLEGAL_TRANSITION},
 * {@link #NOT_INTENT_OWNER}) for {@link CoordinationStore} to translate.
 */
final class StoreFunctions {

    static final String UNKNOWN_INTENT = "CF001";
    static final String ILLEGAL_TRANSITION = "CF002";
    static final String NOT_INTENT_OWNER = "CF003";

    /** Serialises registrations so that each sees every earlier one; held until the registering transaction ends. */
    static final long REGISTER_LOCK = 0x636f6f7264726567L;

    private static final String S = StoreSchema.SCHEMA;
    private static final String DEFINER = " LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$";

    private StoreFunctions() {
    }

    static List<String> step2() {
        String groups = String.join(", ", Roles.ALL);
        return List.of(
                "ALTER TABLE " + S + ".intents ADD COLUMN owner_role text",
                // intents registered before roles were recorded belong to the role that upgrades the store
                "UPDATE " + S + ".intents SET owner_role = current_user",
                "ALTER TABLE " + S + ".intents ALTER COLUMN owner_role SET NOT NULL",
                // copied like agent_id so that the check tells "me" (same label and same role) without a join
                "ALTER TABLE " + S + ".intent_objects ADD COLUMN owner_role text",
                "UPDATE " + S + ".intent_objects o SET owner_role = i.owner_role FROM " + S + ".intents i"
                        + " WHERE i.intent_id = o.intent_id",
                "ALTER TABLE " + S + ".intent_objects ALTER COLUMN owner_role SET NOT NULL",
                // null for transitions recorded before the store knew roles
                "ALTER TABLE " + S + ".history ADD COLUMN changed_by_role text",
                registerIntent(),
                recordConflicts(),
                changeIntent(),
                "REVOKE ALL ON SCHEMA " + S + " FROM PUBLIC",
                "REVOKE ALL ON ALL TABLES IN SCHEMA " + S + " FROM PUBLIC",
                "REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + S + " FROM PUBLIC",
                "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA " + S + " FROM PUBLIC",
                "GRANT USAGE ON SCHEMA " + S + " TO " + groups,
                "GRANT SELECT ON ALL TABLES IN SCHEMA " + S + " TO " + groups,
                "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA " + S + " TO " + Roles.AGENT + ", " + Roles.COORDINATOR);
    }

    /**
     * Store step 3: conflicts are no longer stored but computed when read, from {@code intent_objects}
     * (their cost at registration no longer grows with the number of intents that overlap: see
     * docs/coordination.md). Each object keeps its place in the intent's declaration
     * ({@code ordinal}), which orders a conflict's objects as the registration that found it did;
     * objects stored before this step get their physical order. {@code record_conflicts} goes; the
     * {@code conflicts} table keeps what older versions wrote and is no longer written.
     */
    static List<String> step3() {
        return List.of(
                "ALTER TABLE " + S + ".intent_objects ADD COLUMN ordinal integer",
                "UPDATE " + S + ".intent_objects o SET ordinal = n.ordinal FROM (SELECT ctid AS row_id,"
                        + " row_number() OVER (PARTITION BY intent_id ORDER BY ctid) AS ordinal FROM " + S + ".intent_objects) n"
                        + " WHERE o.ctid = n.row_id",
                "DROP FUNCTION " + S + ".record_conflicts(text, jsonb)",
                registerIntent(true));
    }

    /**
     * Store step 4: a registration analyses the store's two big tables when as many of their rows
     * changed since the last ANALYZE as autovacuum's default rule waits for (50 plus a tenth of the
     * table). On a server with autovacuum off nothing else ever analyses them, and a session's
     * prepared statements then keep the generic plan they made on a nearly empty store, a
     * sequential scan of intent_objects whose cost grows with every intent (registration grew from
     * 1.3 to 7.9 ms over 10,000 intents on PostgreSQL 15). The ANALYZE changes the tables'
     * statistics, which makes every session plan those statements again, with the indexes. Where
     * autovacuum runs, it has mostly done this already and the test finds too few changed rows.
     */
    static List<String> step4() {
        return List.of(registerIntent(true, true));
    }

    /** The function the check and the registration read other agents' overlapping objects through (store step 5). */
    static final String OVERLAPPING_OBJECTS = S + ".overlapping_objects";

    /**
     * Store step 5: the check's one read, {@code overlapping_objects}, as a function whose plan is
     * made once per session. As a plain prepared statement it was planned anew on every call: the
     * server keeps planning with the values (a custom plan) as long as the generic plan's estimated
     * cost, which guesses ten elements per array, is above the custom plans' average, which it always
     * was, and planning cost the check about as much server time as running it
     * (bench/coordination-bench.sh). Inside the function the session makes the generic plan on the
     * first call (the BitmapOr of the two partial indexes over active rows) and keeps it until the
     * statistics change, which registrations see to (step 4). It returns only the columns conflict
     * detection needs, runs as the caller (who needs only SELECT, as before), and every group role may
     * execute it.
     */
    static List<String> step5() {
        String signature = OVERLAPPING_OBJECTS + "(text, text[], text[])";
        return List.of("CREATE FUNCTION " + OVERLAPPING_OBJECTS + "(p_agent_id text, p_tables text[], p_identities text[])"
                        + " RETURNS TABLE (intent_id text, agent_id text, feature_name text, branch text, kind text,"
                        + " identity text, table_identity text, action text) LANGUAGE plpgsql STABLE"
                        + " SET plan_cache_mode = force_generic_plan AS $fn$"
                        + """

                BEGIN
                    -- "other" is another agentId label or another login role (see CoordinationStore)
                    RETURN QUERY SELECT o.intent_id, o.agent_id, o.feature_name, o.branch, o.kind, o.identity,
                            o.table_identity, o.action
                        FROM %1$s.intent_objects o
                        WHERE o.active AND (o.agent_id <> p_agent_id OR o.owner_role <> session_user)
                            AND (o.table_identity = ANY (p_tables) OR o.identity = ANY (p_identities))
                        ORDER BY o.registered_at, o.intent_id, o.kind, o.identity;
                END
                $fn$""".formatted(S),
                "REVOKE ALL ON FUNCTION " + signature + " FROM PUBLIC",
                "GRANT EXECUTE ON FUNCTION " + signature + " TO " + String.join(", ", Roles.ALL));
    }

    private static String registerIntent() {
        return registerIntent(false, false);
    }

    private static String registerIntent(boolean withOrdinal) {
        return registerIntent(withOrdinal, false);
    }

    /**
     * {@code withOrdinal}: step 3's version, which records each object's place in the declaration;
     * {@code analyses}: step 4's, which also analyses the tables autovacuum would have.
     */
    private static String registerIntent(boolean withOrdinal, boolean analyses) {
        String objectColumns = withOrdinal ? ", ordinal" : "";
        String objectValues = withOrdinal ? ", o.ordinal" : "";
        // a column definition list goes inside ROWS FROM to be numbered WITH ORDINALITY
        String from = withOrdinal ? "ROWS FROM (jsonb_to_recordset(p_objects) AS (kind text, identity text,"
                + " table_identity text, action text, line integer)) WITH ORDINALITY AS o(kind, identity, table_identity,"
                + " action, line, ordinal)" : "jsonb_to_recordset(p_objects) AS o(kind text, identity text, table_identity text,"
                + "\n                            action text, line integer)";
        return "CREATE " + (withOrdinal ? "OR REPLACE " : "") + "FUNCTION " + S + ".register_intent(p_intent_id text, p_agent_id text, p_feature_name text,"
                + " p_risk_level text, p_estimated_hours numeric, p_tables text[], p_schema_changes text, p_objects jsonb,"
                + " OUT o_branch text, OUT o_registered_at timestamptz)" + DEFINER + """

                DECLARE
                    v_sequence integer;
                BEGIN
                    PERFORM pg_advisory_xact_lock(%d);
                    IF EXISTS (SELECT 1 FROM %s.intents i WHERE i.intent_id = p_intent_id) THEN
                        RETURN;  -- the id is taken: o_branch stays null and the caller draws another
                    END IF;
                    INSERT INTO %s.feature_sequences AS f (feature_name, last_sequence) VALUES (p_feature_name, 1)
                        ON CONFLICT (feature_name) DO UPDATE SET last_sequence = f.last_sequence + 1
                        RETURNING f.last_sequence INTO v_sequence;
                    o_branch := 'feature/' || p_feature_name || '_'
                        || lpad(v_sequence::text, greatest(3, length(v_sequence::text)), '0');
                    INSERT INTO %s.intents (intent_id, agent_id, feature_name, sequence, branch, status, risk_level,
                            estimated_hours, tables, schema_changes, owner_role)
                        VALUES (p_intent_id, p_agent_id, p_feature_name, v_sequence, o_branch, 'REGISTERED', p_risk_level,
                            p_estimated_hours, p_tables, p_schema_changes, session_user)
                        RETURNING registered_at INTO o_registered_at;
                    INSERT INTO %s.intent_objects (intent_id, kind, identity, table_identity, action, line, agent_id,
                            feature_name, branch, registered_at, owner_role%s)
                        SELECT p_intent_id, o.kind, o.identity, o.table_identity, o.action, o.line, p_agent_id,
                            p_feature_name, o_branch, o_registered_at, session_user%s
                        FROM %s;
                    INSERT INTO %s.history (intent_id, from_status, to_status, changed_by, changed_by_role, reason)
                        VALUES (p_intent_id, NULL, 'REGISTERED', p_agent_id, session_user, 'registered');%s
                END
                $fn$""".formatted(REGISTER_LOCK, S, S, S, S, objectColumns, objectValues, from, S,
                analyses ? analyseLikeAutovacuum() : "");
    }

    /** The tables' ANALYZE when autovacuum's default rule says it is due (see {@link #step4}). */
    private static String analyseLikeAutovacuum() {
        return """

                    IF pg_stat_get_mod_since_analyze('%1$s.intent_objects'::regclass) > 50 + 0.1 * greatest(0,
                            (SELECT c.reltuples FROM pg_class c WHERE c.oid = '%1$s.intent_objects'::regclass)) THEN
                        ANALYZE %1$s.intent_objects;
                        ANALYZE %1$s.intents;
                    END IF;""".formatted(S);
    }

    private static String recordConflicts() {
        return "CREATE FUNCTION " + S + ".record_conflicts(p_intent_id text, p_conflicts jsonb) RETURNS void" + DEFINER + """

                BEGIN
                    -- only the transaction that registered the intent, as the role that registered it
                    IF NOT EXISTS (SELECT 1 FROM %s.intents i WHERE i.intent_id = p_intent_id
                            AND i.owner_role = session_user AND i.xmin::text::bigint = txid_current() %% 4294967296) THEN
                        RAISE EXCEPTION 'the conflicts of intent %% can only be recorded by the registration that creates it',
                            p_intent_id USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    IF EXISTS (SELECT 1 FROM jsonb_to_recordset(p_conflicts) AS c(intent_id text, other_intent_id text)
                            WHERE p_intent_id IS DISTINCT FROM c.intent_id AND p_intent_id IS DISTINCT FROM c.other_intent_id) THEN
                        RAISE EXCEPTION 'a conflict recorded with intent %% must involve it', p_intent_id
                            USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    INSERT INTO %s.conflicts (intent_id, other_intent_id, type, severity, objects, suggestion)
                        SELECT c.intent_id, c.other_intent_id, c.type, c.severity,
                            ARRAY(SELECT jsonb_array_elements_text(c.objects)), c.suggestion
                        FROM jsonb_to_recordset(p_conflicts) AS c(intent_id text, other_intent_id text, type text,
                            severity text, objects jsonb, suggestion text);
                END
                $fn$""".formatted(S, S);
    }

    private static String changeIntent() {
        return "CREATE FUNCTION " + S + ".change_intent(p_intent_id text, p_to_status text, p_agent_id text,"
                + " p_reason text, p_outcome text, p_notes text, OUT o_agent_id text, OUT o_feature_name text,"
                + " OUT o_branch text, OUT o_from_status text, OUT o_owner_role text, OUT o_tables text[],"
                + " OUT o_changed_at timestamptz)" + DEFINER + """

                DECLARE
                    v_next text[];
                BEGIN
                    SELECT i.agent_id, i.feature_name, i.branch, i.status, i.owner_role, i.tables
                        INTO o_agent_id, o_feature_name, o_branch, o_from_status, o_owner_role, o_tables
                        FROM %1$s.intents i WHERE i.intent_id = p_intent_id FOR UPDATE;
                    IF NOT FOUND THEN
                        RAISE EXCEPTION 'There is no intent %%', p_intent_id USING ERRCODE = '%2$s';
                    END IF;
                    IF o_owner_role <> session_user AND NOT pg_has_role(session_user, '%3$s', 'MEMBER') THEN
                        RAISE EXCEPTION 'Intent %% belongs to role %% (agent %%); role %% may not start, complete or abandon it',
                                p_intent_id, o_owner_role, o_agent_id, session_user
                            USING ERRCODE = '%4$s',
                                HINT = format('Ask %%s to do it, or a member of %3$s (the store owner can GRANT %3$s TO %%s)',
                                    o_owner_role, session_user);
                    END IF;
                    v_next := CASE o_from_status
                        WHEN 'REGISTERED' THEN ARRAY['IN_PROGRESS', 'COMPLETED', 'ABANDONED']
                        WHEN 'IN_PROGRESS' THEN ARRAY['COMPLETED', 'ABANDONED']
                        ELSE ARRAY[]::text[] END;
                    IF NOT (p_to_status = ANY (v_next)) THEN
                        RAISE EXCEPTION 'Intent %% is %%; it cannot become %% (%%)', p_intent_id, o_from_status, p_to_status,
                            CASE WHEN cardinality(v_next) = 0 THEN o_from_status || ' is final'
                                ELSE 'from ' || o_from_status || ' it may become ' || array_to_string(v_next, ' or ') END
                            USING ERRCODE = '%5$s';
                    END IF;
                    UPDATE %1$s.intents i SET status = p_to_status, outcome = coalesce(p_outcome, i.outcome),
                            notes = coalesce(p_notes, i.notes), updated_at = clock_timestamp()
                        WHERE i.intent_id = p_intent_id RETURNING i.updated_at INTO o_changed_at;
                    IF p_to_status NOT IN ('REGISTERED', 'IN_PROGRESS') THEN
                        UPDATE %1$s.intent_objects o SET active = false WHERE o.intent_id = p_intent_id;
                    END IF;
                    INSERT INTO %1$s.history (intent_id, from_status, to_status, changed_by, changed_by_role, reason)
                        VALUES (p_intent_id, o_from_status, p_to_status, p_agent_id, session_user, p_reason);
                END
                $fn$""".formatted(S, UNKNOWN_INTENT, Roles.COORDINATOR, NOT_INTENT_OWNER, ILLEGAL_TRANSITION);
    }
}
