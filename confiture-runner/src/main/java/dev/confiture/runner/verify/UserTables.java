package dev.confiture.runner.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.confiture.runner.db.TableName;

/**
 * The tables whose rows the data round trip generates and compares: ordinary and partitioned tables
 * of user schemas, not partitions (their rows are read through the parent), not tables of an
 * extension, not the tracking table.
 */
final class UserTables {

    /** One table: {@code name} schema-qualified for reports, {@code sql} quoted for statements. */
    record UserTable(long oid, String name, String sql, boolean partitioned) {

        /** {@code ONLY}, so that a parent of table inheritance is read without its children's rows. */
        String from() {
            return (partitioned ? "" : "ONLY ") + sql;
        }
    }

    private UserTables() {
    }

    static List<UserTable> list(Connection c, String trackingTable) throws SQLException {
        String tracking = TableName.parse(trackingTable).sql().replace("'", "''");
        List<UserTable> tables = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.oid, n.nspname, c.relname, c.relkind = 'p' AS partitioned,"
                     + " quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS sql"
                     + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
                     + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'"
                     + " AND c.oid IS DISTINCT FROM to_regclass('" + tracking + "')"
                     + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                     + "   AND d.objid = c.oid AND d.deptype = 'e')"
                     + " ORDER BY n.nspname, c.relname")) {
            while (rs.next()) {
                tables.add(new UserTable(rs.getLong("oid"), rs.getString("nspname") + "." + rs.getString("relname"),
                        rs.getString("sql"), rs.getBoolean("partitioned")));
            }
        }
        return tables;
    }
}
