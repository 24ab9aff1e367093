package dev.confiture.runner.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.confiture.runner.verify.UserTables.UserTable;

/**
 * The contents of the user tables at one moment of the data round trip: for each table (by
 * schema-qualified name, since a down that re-creates a table gives it a new oid) its columns in
 * {@code attnum} order and its rows, each a map from column name to the value as jsonb text
 * ({@code "abc"}, {@code 12}, {@code null}), so that values compare by column name whatever the
 * column order. Read in two statements whatever the number of tables.
 */
record DataSnapshot(Map<String, TableRows> tables) {

    /** One table's columns, in order, and rows. */
    record TableRows(List<String> columns, List<Map<String, String>> rows) {
    }

    static DataSnapshot read(Connection c, List<UserTable> tables) throws SQLException {
        Map<Long, UserTable> byOid = new LinkedHashMap<>();
        tables.forEach(t -> byOid.put(t.oid(), t));
        Map<Long, List<String>> columns = new HashMap<>();
        Map<Long, Map<Long, Map<String, String>>> rows = new HashMap<>();
        if (!tables.isEmpty()) {
            String oids = byOid.keySet().stream().map(String::valueOf).collect(Collectors.joining(",", "'{", "}'::oid[]"));
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT attrelid, attname FROM pg_attribute WHERE attrelid = ANY ("
                        + oids + ") AND attnum > 0 AND NOT attisdropped ORDER BY attrelid, attnum")) {
                    while (rs.next()) {
                        columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
                String union = tables.stream().map(t -> "SELECT " + t.oid() + "::bigint AS t, q.n, e.key, e.value::text"
                        + " FROM (SELECT row_number() OVER () AS n, to_jsonb(x) AS j FROM " + t.from() + " x) q"
                        + " LEFT JOIN LATERAL jsonb_each(q.j) e ON true").collect(Collectors.joining(" UNION ALL "));
                try (ResultSet rs = st.executeQuery(union)) {
                    while (rs.next()) {
                        Map<String, String> row = rows.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                                .computeIfAbsent(rs.getLong(2), k -> new TreeMap<>());
                        if (rs.getString(3) != null) {
                            row.put(rs.getString(3), rs.getString(4));
                        }
                    }
                }
            }
        }
        Map<String, TableRows> out = new LinkedHashMap<>();
        for (UserTable t : tables) {
            out.put(t.name(), new TableRows(List.copyOf(columns.getOrDefault(t.oid(), List.of())),
                    List.copyOf(rows.getOrDefault(t.oid(), Map.of()).values())));
        }
        return new DataSnapshot(out);
    }

    /** The tables that hold at least one row. */
    List<String> tablesWithRows() {
        return tables.entrySet().stream().filter(e -> !e.getValue().rows().isEmpty()).map(Map.Entry::getKey).toList();
    }
}
