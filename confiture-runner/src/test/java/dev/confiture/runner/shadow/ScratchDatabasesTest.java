package dev.confiture.runner.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import dev.confiture.jdbc.Connections;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.testing.TestPostgres;
import dev.confiture.testing.TestServer;

/** Scratch databases on a named server, as diff makes them on the environment's server by default. */
class ScratchDatabasesTest {

    @Test
    void anEnvironmentDatabaseThatDoesNotExistYetStillHostsScratchDatabasesOnItsServer() throws SQLException {
        TestServer s = TestPostgres.server();
        // the environment's database before its first migrate: the server is there, the database not
        DatabaseSettings environment = new DatabaseSettings(s.jdbcUrl("confiture_not_created_yet"), s.user(), s.password());
        ScratchDatabases scratch = ScratchDatabases.on(environment);
        DatabaseSettings db = scratch.create();
        String name = ScratchDatabases.databaseName(db.jdbcUrl());
        assertThat(name).startsWith("confiture_shadow_");
        assertThat(exists(s, name)).isTrue();
        // thrown away after use: its commits need not wait for the disk, whatever the server's setting
        try (Connection c = Connections.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("off");
        }
        scratch.drop(db);
        assertThat(exists(s, name)).isFalse();
        assertThat(exists(s, "confiture_not_created_yet")).isFalse();
    }

    @Test
    void aServerWhoseUserMayNotCreateDatabasesOrThatDoesNotAnswerSaysWhy() throws SQLException {
        TestServer s = TestPostgres.server();
        DatabaseSettings admin = new DatabaseSettings(s.jdbcUrl(s.adminDatabase()), s.user(), s.password());
        assertThat(ScratchDatabases.whyNotOn(admin)).isNull();
        String role = "confiture_nocreatedb_" + Long.toHexString(System.nanoTime());
        try (Connection c = Connections.connect(admin); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw' NOCREATEDB");
        }
        try {
            DatabaseSettings deploy = new DatabaseSettings(s.jdbcUrl(s.adminDatabase()), role, "pw");
            assertThat(ScratchDatabases.whyNotOn(deploy)).isEqualTo("its user may not create databases (no CREATEDB)");
        } finally {
            try (Connection c = Connections.connect(admin); Statement st = c.createStatement()) {
                st.execute("DROP ROLE " + role);
            }
        }
        // nothing listens on port 1
        DatabaseSettings away = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/app?connectTimeout=2", "app", null);
        assertThat(ScratchDatabases.whyNotOn(away)).startsWith("it does not answer: ");
    }

    private static boolean exists(TestServer s, String database) throws SQLException {
        try (Connection c = Connections.connect(new DatabaseSettings(s.jdbcUrl(s.adminDatabase()), s.user(), s.password()));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + database + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
