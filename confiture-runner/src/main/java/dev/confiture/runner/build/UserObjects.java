package dev.confiture.runner.build;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.diff.OwnObjects;

/**
 * Lists the objects a user created in a database: schemas, tables, views, sequences, functions and
 * types outside {@code pg_catalog} / {@code information_schema} and outside the coordination store's
 * schema (agents may share the database it lives in), leaving out what extensions own
 * and what PostgreSQL creates implicitly (row types of tables, array and multirange types, range
 * constructors).
 * {@code confiture:build} applies a schema only to a database for which this list is empty.
 */
public final class UserObjects {

    /** One object, e.g. {@code table public.users}. */
    public record UserObject(String kind, String name) {
        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    /** PostgreSQL's own schemas, and the coordination store's ({@link OwnObjects#COORDINATION_SCHEMA}), which is Confiture's. */
    private static final String SYSTEM_SCHEMA = """
            (n.nspname IN ('pg_catalog', 'information_schema', '%s') OR n.nspname LIKE 'pg\\_toast%%'
             OR n.nspname LIKE 'pg\\_temp\\_%%')""".formatted(OwnObjects.COORDINATION_SCHEMA);

    private static final String QUERY = """
            WITH ext AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e'),
                 tracking AS (SELECT to_regclass(?) AS oid)
            SELECT kind, name FROM (
              SELECT 'schema' AS kind, quote_ident(n.nspname) AS name, 0 AS ord
                FROM pg_namespace n
               WHERE n.nspname <> 'public' AND NOT %1$s
                 AND NOT EXISTS (SELECT 1 FROM ext WHERE classid = 'pg_namespace'::regclass AND objid = n.oid)
              UNION ALL
              SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                                    WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' ELSE 'table' END,
                     quote_ident(n.nspname) || '.' || quote_ident(c.relname), 1
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT %1$s
                 AND NOT EXISTS (SELECT 1 FROM ext WHERE classid = 'pg_class'::regclass AND objid = c.oid)
                 AND c.oid IS DISTINCT FROM (SELECT oid FROM tracking WHERE ?)
              UNION ALL
              SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate'
                                    WHEN 'w' THEN 'window function' ELSE 'function' END,
                     quote_ident(n.nspname) || '.' || quote_ident(p.proname)
                       || '(' || pg_get_function_identity_arguments(p.oid) || ')', 2
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
               WHERE NOT %1$s
                 AND NOT EXISTS (SELECT 1 FROM ext WHERE classid = 'pg_proc'::regclass AND objid = p.oid)
                 -- constructors PostgreSQL made for a range type depend on it internally
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                                 AND d.objid = p.oid AND d.deptype = 'i')
              UNION ALL
              SELECT CASE t.typtype WHEN 'c' THEN 'composite type' WHEN 'd' THEN 'domain'
                                    WHEN 'e' THEN 'enum type' WHEN 'r' THEN 'range type' ELSE 'type' END,
                     quote_ident(n.nspname) || '.' || quote_ident(t.typname), 3
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
               WHERE NOT %1$s
                 AND t.typtype IN ('b', 'c', 'd', 'e', 'r')
                 AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
                 AND NOT EXISTS (SELECT 1 FROM pg_type a WHERE a.typarray = t.oid)
                 AND NOT EXISTS (SELECT 1 FROM ext WHERE classid = 'pg_type'::regclass AND objid = t.oid)
            ) o
            ORDER BY ord, name
            """.formatted(SYSTEM_SCHEMA);

    private UserObjects() {
    }

    /**
     * The user objects of the database behind {@code connection}. The tracking table (possibly
     * schema-qualified, null for none) does not count while it holds no rows: a tool may have created
     * it on first use without anything having been applied.
     */
    public static List<UserObject> list(Connection connection, String trackingTable) throws SQLException {
        boolean trackingEmpty = trackingTable != null && trackingTableEmpty(connection, trackingTable);
        try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
            ps.setString(1, trackingTable); // null: to_regclass(NULL) is NULL, nothing is left out
            ps.setBoolean(2, trackingEmpty);
            List<UserObject> objects = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    objects.add(new UserObject(rs.getString(1), rs.getString(2)));
                }
            }
            return objects;
        }
    }

    private static boolean trackingTableEmpty(Connection connection, String trackingTable) throws SQLException {
        String regclass;
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?)::text")) {
            ps.setString(1, trackingTable);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                regclass = rs.getString(1);
            }
        }
        if (regclass == null) {
            return false;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM " + regclass + ")");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
