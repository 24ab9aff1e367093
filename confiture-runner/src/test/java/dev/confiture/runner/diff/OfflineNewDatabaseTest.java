package dev.confiture.runner.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.confiture.diff.DiffResult;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.runner.catalog.CatalogReader;
import dev.confiture.runner.shadow.SqlScript;
import dev.confiture.sql.ddl.NewDatabase;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import dev.confiture.testing.TestServer;

/**
 * Offline mode starts each side where a new database starts ({@link NewDatabase}): the catalog of a
 * database just created reads the same, and a file that changes the public schema's owner and
 * privileges, as pg_dump writes them (pagila), gives SQL that takes a new database there and back.
 */
class OfflineNewDatabaseTest {

    @Test
    void theStartingModelIsWhatTheCatalogOfANewDatabaseReads() throws SQLException {
        assumeTrue(serverMajor() >= 15, "public is owned by pg_database_owner from PostgreSQL 15");
        try (TestDatabase db = TestPostgres.newDatabase("newdb"); Connection c = db.connect()) {
            SchemaModel read = new CatalogReader().read(c);
            SchemaModel start = NewDatabase.model();
            assertThat(start.schemas()).isEqualTo(read.schemas());
            assertThat(start.grants()).isEqualTo(read.grants());
            assertThat(start.comments()).isEqualTo(read.comments());
        }
    }

    @Test
    void thePublicSchemasOwnerAndPrivilegesAreDiffedOfflineAndRunBothWays() throws SQLException {
        assumeTrue(serverMajor() >= 15, "public is owned by pg_database_owner from PostgreSQL 15");
        String role = "confiture_nd_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        admin("CREATE ROLE " + role + " NOLOGIN");
        try (TestDatabase db = TestPostgres.newDatabase("newdb")) {
            String pagilaLike = "ALTER SCHEMA public OWNER TO " + role + ";\n"
                    + "REVOKE USAGE ON SCHEMA public FROM PUBLIC;\nGRANT ALL ON SCHEMA public TO PUBLIC;\n";
            DiffResult r = SchemaDiff.compare(DiffService.offline(List.of(SqlScript.text("a.sql", ""))),
                    DiffService.offline(List.of(SqlScript.text("b.sql", pagilaLike))));
            assertThat(r.upSql()).contains("ALTER SCHEMA public OWNER TO " + role)
                    .contains("GRANT CREATE ON SCHEMA public TO PUBLIC").doesNotContain("USAGE");
            SchemaModel before = read(db);
            run(db, r.upSql());
            assertThat(read(db).schemas().get("public").owner()).isEqualTo(role);
            assertThat(read(db).grants()).isEqualTo(DiffService.offline(List.of(SqlScript.text("b.sql", pagilaLike)))
                    .grants());
            run(db, r.downSql());
            assertThat(read(db)).isEqualTo(before);
        } finally {
            admin("DROP ROLE IF EXISTS " + role);
        }
    }

    private static SchemaModel read(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return new CatalogReader().read(c);
        }
    }

    private static void run(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static int serverMajor() throws SQLException {
        TestServer server = TestPostgres.server();
        try (Connection c = server.connect(server.adminDatabase()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void admin(String sql) throws SQLException {
        TestServer server = TestPostgres.server();
        try (Connection c = server.connect(server.adminDatabase()); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
