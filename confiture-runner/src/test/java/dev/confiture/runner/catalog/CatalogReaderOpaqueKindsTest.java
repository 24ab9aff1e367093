package dev.confiture.runner.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.ObjectRef.Kind;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/**
 * The catalog reader on the opaque kinds, on whatever server the build uses (the embedded PostgreSQL 17 as
 * well as the machine's 15, where PgDumpProofTest compares every kind with pg_dump): their identities and
 * comments, and subscriptions, whose connection strings only superusers may read.
 */
class CatalogReaderOpaqueKindsTest {

    @Test
    void opaqueKindsAreReadWithTheirIdentityAndComments() throws SQLException {
        try (TestDatabase db = TestPostgres.newDatabase("opaque")) {
            db.execute("""
                    CREATE SCHEMA app;
                    CREATE TABLE app.items (id integer PRIMARY KEY, name text);
                    CREATE FUNCTION app.same(a integer, b integer) RETURNS boolean LANGUAGE sql AS $$ SELECT a = b $$;
                    CREATE OPERATOR app.=== (FUNCTION = app.same, LEFTARG = integer, RIGHTARG = integer);
                    CREATE OPERATOR FAMILY app.fam USING hash;
                    CREATE TEXT SEARCH DICTIONARY app.simple_dict (TEMPLATE = pg_catalog.simple);
                    CREATE STATISTICS app.items_stats (dependencies) ON id, name FROM app.items;
                    CREATE RULE no_delete AS ON DELETE TO app.items DO INSTEAD NOTHING;
                    COMMENT ON OPERATOR app.=== (integer, integer) IS 'same';
                    COMMENT ON RULE no_delete ON app.items IS 'kept';
                    """);
            SchemaModel m;
            try (Connection c = db.connect()) {
                m = new CatalogReader().read(c);
            }
            ObjectRef operator = new ObjectRef(Kind.OPERATOR, "app.=== (integer, integer)");
            ObjectRef rule = new ObjectRef(Kind.RULE, "no_delete ON app.items");
            assertThat(m.others()).containsKeys(operator, rule,
                    new ObjectRef(Kind.OPERATOR_FAMILY, "app.fam USING hash"),
                    new ObjectRef(Kind.TEXT_SEARCH_DICTIONARY, "app.simple_dict"),
                    new ObjectRef(Kind.STATISTICS, "app.items_stats"));
            assertThat(m.others().get(operator).createSql())
                    .isEqualTo("create operator app.=== (function = app.same, leftarg = integer, rightarg = integer)");
            assertThat(m.others().get(rule).dropSql()).isEqualTo("DROP RULE no_delete ON app.items");
            assertThat(m.comments()).containsEntry(operator, "same").containsEntry(rule, "kept");
        }
    }

    /** A role that may not read pg_subscription.subconninfo still reads the rest of the catalog. */
    @Test
    void subscriptionsAreLeftOutWhenTheSessionMayNotReadThem() throws SQLException {
        try (TestDatabase db = TestPostgres.newDatabase("opaque_sub"); Connection c = db.connect();
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                rs.next();
                assumeTrue(rs.getBoolean(1), "creating a subscription needs a superuser");
            }
            st.execute("CREATE SUBSCRIPTION opaque_sub CONNECTION 'host=127.0.0.1 dbname=nowhere' PUBLICATION p "
                    + "WITH (connect = false, slot_name = NONE)");
            String role = "confiture_plain_" + db.name().replaceAll("[^a-z0-9_]", "");
            try {
                assertThat(new CatalogReader().read(c).others())
                        .containsKey(new ObjectRef(Kind.SUBSCRIPTION, "opaque_sub"));
                st.execute("CREATE ROLE " + role + " NOLOGIN");
                st.execute("SET ROLE " + role);
                SchemaModel plain = new CatalogReader().read(c);
                assertThat(plain.others().keySet()).noneMatch(r -> r.kind() == Kind.SUBSCRIPTION);
            } finally {
                st.execute("RESET ROLE");
                st.execute("DROP ROLE IF EXISTS " + role);
                st.execute("ALTER SUBSCRIPTION opaque_sub DISABLE");
                st.execute("DROP SUBSCRIPTION opaque_sub");
            }
        }
    }
}
