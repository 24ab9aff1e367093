package dev.confiture.runner.fleet;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.confiture.jdbc.Connections;
import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.Fleet;
import dev.confiture.model.config.Fleet.FleetDatabase;

/** Turns an environment's {@code fleet:} into its targets, querying the tenant schemas of each database. */
public final class FleetTargets {

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");

    private FleetTargets() {
    }

    /**
     * @param fleet         the environment's fleet
     * @param trackingTable the environment's tracking table ({@code table} or {@code schema.table})
     * @return the targets in file order, and within a database in tenant order
     */
    public static List<FleetTarget> resolve(Fleet fleet, String trackingTable) {
        String table = trackingTable.substring(trackingTable.indexOf('.') + 1);
        List<FleetTarget> out = new ArrayList<>();
        for (FleetDatabase db : fleet.databases()) {
            if (fleet.tenants() == null) {
                out.add(new FleetTarget(db.name(), db.name(), null, db.settings(), trackingTable));
                continue;
            }
            List<String> tenants = fleet.tenants().query() == null ? fleet.tenants().list() : query(db, fleet.tenants().query());
            for (String tenant : tenants) {
                out.add(new FleetTarget(db.name() + "/" + tenant, db.name(), tenant, db.settings(), tenant + "." + table));
            }
        }
        return out;
    }

    private static List<String> query(FleetDatabase db, String sql) {
        List<String> tenants = new ArrayList<>();
        try (Connection c = Connections.open(db.settings()); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String schema = rs.getString(1);
                if (schema == null || !SCHEMA.matcher(schema).matches()) {
                    throw new ConfitureException("FLEET_TENANT_INVALID", "The tenants query on fleet database '" + db.name()
                            + "' returned '" + schema + "', which is not a lower-case schema name (letters, digits, underscores)."
                            + " Filter such schemas out in fleet.tenants.query. Nothing was run.");
                }
                if (!tenants.contains(schema)) {
                    tenants.add(schema);
                }
            }
        } catch (SQLException e) {
            throw new ConfitureException("FLEET_TENANT_QUERY_FAILED", "The tenants query failed on fleet database '" + db.name()
                    + "' (" + db.settings().describe() + "): " + Connections.scrub(e.getMessage(), db.settings())
                    + ". Correct fleet.tenants.query. Nothing was run.", e);
        }
        return tenants;
    }
}
