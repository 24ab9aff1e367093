package dev.confiture.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void eachTestGetsAFreshEmptyDatabaseThatIsDroppedAfterwards() throws Exception {
        String name;
        try (TestDatabase db = TestPostgres.newDatabase(); Connection c = db.connect(); Statement st = c.createStatement()) {
            name = db.name();
            st.execute("CREATE TABLE t (id int)");
            ResultSet rs = st.executeQuery("SELECT current_database(), count(*) FROM pg_tables WHERE schemaname = 'public'");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(name);
            assertThat(rs.getInt(2)).isEqualTo(1);
        }
        try (Connection c = TestPostgres.server().connect(TestPostgres.server().adminDatabase());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void theEmbeddedTestServerDoesNotFlushToDisk() throws Exception {
        assumeTrue(TestPostgres.server().kind().equals("embedded"), "an external test server keeps its own settings");
        try (Connection c = TestPostgres.server().connect(TestPostgres.server().adminDatabase());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW fsync")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("off");
        }
    }

    @Test
    void theServerIsSharedWithinTheJvm() {
        assertThat(TestPostgres.server()).isSameAs(TestPostgres.server());
    }

    @Test
    void readsAnExternalServerFromItsJdbcUrl() {
        TestServer s = TestServer.fromJdbcUrl("jdbc:postgresql://db.example:6543/admin?user=alice&password=secret");
        assertThat(s.host()).isEqualTo("db.example");
        assertThat(s.port()).isEqualTo(6543);
        assertThat(s.user()).isEqualTo("alice");
        assertThat(s.password()).isEqualTo("secret");
        assertThat(s.adminDatabase()).isEqualTo("admin");
        assertThat(s.jdbcUrl("x")).isEqualTo("jdbc:postgresql://db.example:6543/x");
    }
}
