package dev.confiture.runner.shadow;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import dev.confiture.diff.Casts;
import dev.confiture.model.ConfitureException;

/**
 * The casts of the server behind a connection ({@code pg_cast}, user-defined ones included), in the
 * spelling the catalog reader gives column types ({@code format_type} under {@code search_path =
 * pg_catalog}), so that shadow mode converts a column the way the server the SQL is for can.
 */
public final class ServerCasts {

    private static final String QUERY = """
            SELECT format_type(castsource, NULL), format_type(casttarget, NULL), castcontext::text
            FROM pg_catalog.pg_cast WHERE castsource <> casttarget""";

    private ServerCasts() {
    }

    public static Casts read(Connection connection) {
        try (Statement st = connection.createStatement()) {
            String oldPath;
            try (ResultSet rs = st.executeQuery("SELECT current_setting('search_path')")) {
                rs.next();
                oldPath = rs.getString(1);
            }
            st.execute("SELECT set_config('search_path', 'pg_catalog', false)");
            Map<String, Character> contexts = new HashMap<>();
            try (ResultSet rs = st.executeQuery(QUERY)) {
                while (rs.next()) {
                    contexts.put(rs.getString(1) + "\t" + rs.getString(2), rs.getString(3).charAt(0));
                }
            } finally {
                st.execute("SELECT set_config('search_path', '" + oldPath.replace("'", "''") + "', false)");
            }
            return Casts.of(contexts);
        } catch (SQLException e) {
            throw new ConfitureException("CATALOG_READ_FAILED", "Could not read the server's casts (pg_cast): "
                    + e.getMessage(), e);
        }
    }
}
