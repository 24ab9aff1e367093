package dev.confiture.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.testing.TestPostgres;
import dev.confiture.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The one connection opener, against the test server. */
class ConnectionsTest {

    private final TestServer server = TestPostgres.server();

    private DatabaseSettings admin() {
        return new DatabaseSettings(server.jdbcUrl(server.adminDatabase()), server.user(), server.password());
    }

    @Test
    void sessionsCarryTheApplicationName() throws Exception {
        try (Connection c = Connections.open(admin()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('application_name')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(Connections.applicationName()).startsWith("confiture (");
        }
    }

    @Test
    void aMissingDatabaseIsNamedWithoutItsSecrets() {
        String url = server.jdbcUrl("confiture_no_such_db_" + Long.toHexString(System.nanoTime()));
        DatabaseSettings missing = new DatabaseSettings(url + (url.contains("?") ? "&" : "?") + "sslpassword=param-s3cret",
                server.user(), "pw-s3cret");
        assertThatThrownBy(() -> Connections.open(missing)).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo(Connections.DATABASE_MISSING);
            assertThat(e.getMessage()).contains("confiture_no_such_db_", "sslpassword=***", "SQLState 3D000")
                    .doesNotContain("param-s3cret", "pw-s3cret");
        });
    }

    @Test
    void anUnreachableServerSaysSo() {
        DatabaseSettings nowhere = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=2",
                "nobody", "pw-s3cret");
        assertThatThrownBy(() -> Connections.open(nowhere)).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo(Connections.CONNECT_FAILED);
            assertThat(e.getMessage()).contains("127.0.0.1:1", "reachable").doesNotContain("pw-s3cret");
        });
    }

    @Test
    void aUrlForAnotherDriverGoesTheStandardWayAndFailsAsItDidWhenNoDriverTakesIt() {
        // Only jdbc:postgresql: URLs are handed to the shipped driver directly; anything else is left to
        // DriverManager (a driver a project adds to the plugin), whose refusal is reported as before.
        DatabaseSettings other = new DatabaseSettings("jdbc:otherdb://127.0.0.1/db?password=url-s3cret", "alice", "pw-s3cret");
        assertThatThrownBy(() -> Connections.open(other)).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo(Connections.CONNECT_FAILED);
            assertThat(e.getMessage()).contains("No suitable driver", "SQLState 08001").doesNotContain("pw-s3cret");
        });
    }

    @Test
    void aPostgresqlUrlTheDriverCannotParseFailsWithTheDriversOwnMessage() {
        // Asked directly, the driver refuses it as it did through DriverManager (which passed its error on).
        DatabaseSettings bad = new DatabaseSettings("jdbc:postgresql://127.0.0.1:notaport/db", "alice", "pw-s3cret");
        assertThatThrownBy(() -> Connections.open(bad)).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo(Connections.CONNECT_FAILED);
            assertThat(e.getMessage()).contains("Unable to parse URL").doesNotContain("pw-s3cret");
        });
    }

    @Test
    void anEchoedPasswordOrSecretParameterIsScrubbed() {
        DatabaseSettings s = new DatabaseSettings("jdbc:postgresql://h/db?sslpassword=abc123&ssl=true", "alice", "hunter2");
        assertThat(Connections.scrub("FATAL: password hunter2 rejected; key passphrase abc123 wrong; ssl=true", s))
                .isEqualTo("FATAL: password *** rejected; key passphrase *** wrong; ssl=true");
        assertThat(Connections.scrub(null, s)).isEmpty();
    }
}
