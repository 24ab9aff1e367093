package dev.confiture.runner.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.confiture.model.config.DatabaseSettings;

/**
 * A build whose database is elsewhere, in a JVM of its own: makes a scratch database on the
 * throwaway scratch server and prints {@code fsync=<value>} as that database sees it.
 */
public final class ScratchMain {

    private ScratchMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.scratch();
        DatabaseSettings db = server.newScratchDatabase();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), null);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW fsync")) {
            rs.next();
            System.out.println("fsync=" + rs.getString(1));
        }
    }
}
