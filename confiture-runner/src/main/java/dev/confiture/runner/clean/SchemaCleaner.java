package dev.confiture.runner.clean;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.jdbc.Connections;
import dev.confiture.runner.db.MigrationLock;
import dev.confiture.runner.db.TableName;

/**
 * Empties schemas ({@code confiture:clean}): every object in them goes, the schemas themselves stay as
 * they were (owner, grants, default privileges, comment). See docs/migrations.md, "Clean".
 *
 * <p>Each schema is dropped with {@code DROP SCHEMA ... CASCADE} and re-created, rather than emptied
 * object by object: PostgreSQL then finds every dependent object itself (policies, triggers, operators,
 * text search objects, extension members), in the right order, where a list of per-kind drops would
 * miss the kinds it does not name and fail on dependencies between them. What the schema itself carries
 * is read first and put back in the same transaction. Everything happens in one transaction under the
 * migration lock: a refusal or a failure changes nothing, and no migration runs meanwhile.
 */
public final class SchemaCleaner {

    /** Why clean refused: the caller's environment settings, checked before connecting. */
    public record Guard(String environment, boolean protectedEnv, boolean cleanDisabled) {
    }

    private static final String COUNTS = """
            SELECT kind, count(*) FROM (
              SELECT CASE c.relkind WHEN 'r' THEN 'tables' WHEN 'p' THEN 'tables' WHEN 'v' THEN 'views'
                     WHEN 'm' THEN 'materialized_views' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'foreign_tables' END AS kind
                FROM pg_class c
               WHERE c.relnamespace = ?::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                 AND NOT c.relispartition
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
              UNION ALL
              SELECT CASE p.prokind WHEN 'f' THEN 'functions' WHEN 'p' THEN 'procedures' WHEN 'a' THEN 'aggregates'
                     ELSE 'functions' END
                FROM pg_proc p
               WHERE p.pronamespace = ?::regnamespace
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
              UNION ALL
              SELECT CASE t.typtype WHEN 'd' THEN 'domains' ELSE 'types' END
                FROM pg_type t
               WHERE t.typnamespace = ?::regnamespace AND t.typtype IN ('c', 'e', 'r', 'd', 'b')
                 AND t.typcategory <> 'A'
                 AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
              UNION ALL
              SELECT 'extensions' FROM pg_extension e WHERE e.extnamespace = ?::regnamespace
            ) o GROUP BY kind""";

    /** The schema's grants, as GRANT statements (PUBLIC for grantee 0). */
    private static final String GRANTS = """
            SELECT CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
                   a.privilege_type, a.is_grantable
              FROM pg_namespace n, aclexplode(n.nspacl) a
             WHERE n.nspname = ? AND a.grantee <> n.nspowner""";

    /** The schema's own default privileges (ALTER DEFAULT PRIVILEGES ... IN SCHEMA), which DROP SCHEMA removes. */
    private static final String DEFAULT_PRIVILEGES = """
            SELECT quote_ident(pg_get_userbyid(d.defaclrole)), d.defaclobjtype,
                   CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
                   a.privilege_type, a.is_grantable
              FROM pg_default_acl d JOIN pg_namespace n ON n.oid = d.defaclnamespace, aclexplode(d.defaclacl) a
             WHERE n.nspname = ?""";

    private final Consumer<String> log;

    public SchemaCleaner(Consumer<String> log) {
        this.log = log;
    }

    /**
     * Refuses, before anything connects, on a protected environment or one that has not turned clean on.
     */
    public static void checkAllowed(Guard guard) {
        if (guard.protectedEnv()) {
            throw new ConfitureException("CLEAN_PROTECTED", "Environment '" + guard.environment()
                    + "' is protected (protected: true in its YAML): clean refuses to run on it. Nothing was changed.",
                    null, 0, true, null);
        }
        if (guard.cleanDisabled()) {
            throw new ConfitureException("CLEAN_DISABLED", "clean is disabled for environment '" + guard.environment()
                    + "': it drops every object in the environment's schemas. To allow it, set cleanDisabled: false in"
                    + " db/environments/" + guard.environment() + ".yaml. Nothing was changed.", null, 0, true, null);
        }
    }

    /**
     * Empties {@code schemas} on {@code database}, and drops {@code trackingTable} wherever it is.
     * Every schema must exist and none may be a system schema; otherwise nothing is changed.
     */
    public CleanReport clean(DatabaseSettings database, List<String> schemas, String trackingTable, Duration lockTimeout) {
        if (schemas.isEmpty()) {
            throw new ConfitureException("CLEAN_NO_SCHEMA", "No schema to clean: list them in the environment's schemas:"
                    + " or pass -Dconfiture.schemas=a,b.");
        }
        for (String s : schemas) {
            if (s.startsWith("pg_") || s.equals("information_schema")) {
                throw new ConfitureException("CLEAN_SYSTEM_SCHEMA", "Refusing to clean the system schema '" + s
                        + "'. Nothing was changed.", null, 0, true, null);
            }
        }
        long start = System.nanoTime();
        TableName tracking = TableName.parse(trackingTable);
        log.accept("Cleaning " + String.join(", ", schemas) + " on " + database.describe());
        try (MigrationLock lock = MigrationLock.acquire(Connections.open(database), tracking, lockTimeout,
                holder -> log.accept("Waiting for the migration lock, held by "
                        + holder.map(h -> h.describe()).orElse("another session")))) {
            Connection c = lock.connection();
            c.setAutoCommit(false);
            try {
                List<CleanReport.CleanedSchema> cleaned = new ArrayList<>();
                List<String> missing = new ArrayList<>();
                for (String s : schemas) {
                    if (!exists(c, s)) {
                        missing.add(s);
                    }
                }
                if (!missing.isEmpty()) {
                    throw new ConfitureException("CLEAN_SCHEMA_UNKNOWN", "No schema " + String.join(", ", missing)
                            + " in " + database.describe() + " (it has: " + String.join(", ", userSchemas(c))
                            + "). Correct schemas: or confiture.schemas. Nothing was changed.", null, 0, true, null);
                }
                boolean trackingExisted = tableExists(c, tracking);
                for (String s : schemas) {
                    cleaned.add(cleanOne(c, s));
                }
                if (tableExists(c, tracking)) {
                    // Outside the cleaned schemas: it records migrations that no longer exist, so it goes too.
                    try (Statement st = c.createStatement()) {
                        st.execute("DROP TABLE " + tracking.sql() + " CASCADE");
                    }
                }
                c.commit();
                return new CleanReport(database.describe(), cleaned, tracking.display(), trackingExisted,
                        (System.nanoTime() - start) / 1_000_000);
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                if (e instanceof ConfitureException ce) {
                    throw ce;
                }
                throw new ConfitureException("CLEAN_FAILED", "clean failed on " + database.describe() + ": "
                        + e.getMessage() + ". Nothing was changed (the transaction was rolled back).", e);
            }
        } catch (SQLException e) {
            throw new ConfitureException("CLEAN_FAILED", "clean could not start on " + database.describe() + ": "
                    + e.getMessage() + ". Nothing was changed.", e);
        }
    }

    private CleanReport.CleanedSchema cleanOne(Connection c, String schema) throws SQLException {
        String owner;
        String comment;
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(pg_get_userbyid(nspowner)),"
                + " obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                owner = rs.getString(1);
                comment = rs.getString(2);
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(COUNTS)) {
            for (int i = 1; i <= 4; i++) {
                ps.setString(i, quoteIdent(schema));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        List<String> restore = new ArrayList<>();
        String q = quoteIdent(schema);
        restore.add("CREATE SCHEMA " + q + " AUTHORIZATION " + owner);
        try (PreparedStatement ps = c.prepareStatement(GRANTS)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    restore.add("GRANT " + rs.getString(2) + " ON SCHEMA " + q + " TO " + rs.getString(1)
                            + (rs.getBoolean(3) ? " WITH GRANT OPTION" : ""));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(DEFAULT_PRIVILEGES)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    restore.add("ALTER DEFAULT PRIVILEGES FOR ROLE " + rs.getString(1) + " IN SCHEMA " + q + " GRANT "
                            + rs.getString(4) + " ON " + objectKind(rs.getString(2)) + " TO " + rs.getString(3)
                            + (rs.getBoolean(5) ? " WITH GRANT OPTION" : ""));
                }
            }
        }
        if (comment != null) {
            restore.add("COMMENT ON SCHEMA " + q + " IS " + quoteLiteral(comment));
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + q + " CASCADE");
            for (String sql : restore) {
                st.execute(sql);
            }
        }
        Map<String, Integer> ordered = new LinkedHashMap<>(counts);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        log.accept("Cleaned schema " + schema + ": " + (total == 0 ? "it was empty" : "dropped " + describe(counts)));
        return new CleanReport.CleanedSchema(schema, owner, ordered);
    }

    /** {@code 3 tables, 1 view, 2 sequences}. */
    public static String describe(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, n) -> parts.add(n + " " + (n == 1 ? singular(kind) : kind).replace('_', ' ')));
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    private static String singular(String kind) {
        return kind.endsWith("ies") ? kind.substring(0, kind.length() - 3) + "y" : kind.substring(0, kind.length() - 1);
    }

    private static String objectKind(String defaclobjtype) {
        return switch (defaclobjtype) {
            case "r" -> "TABLES";
            case "S" -> "SEQUENCES";
            case "f" -> "FUNCTIONS";
            case "T" -> "TYPES";
            case "n" -> "SCHEMAS";
            default -> throw new IllegalStateException("unknown default privilege object type " + defaclobjtype);
        };
    }

    private static boolean exists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<String> userSchemas(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT nspname FROM pg_namespace"
                + " WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static boolean tableExists(Connection c, TableName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String quoteIdent(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String quoteLiteral(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is closed with the lock; PostgreSQL rolls back what is left.
        }
    }
}
