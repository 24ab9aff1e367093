package dev.confiture.runner.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.runner.catalog.CatalogReader;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.sql.ddl.SqlSource;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import dev.confiture.testing.TestServer;

/**
 * Issue 14, item 3: a schema using every object kind PostgreSQL 15 supports ({@code every-kind.sql}, written
 * by hand from the documentation) is created in a fresh database, dumped with the server's own
 * {@code pg_dump --schema-only}, and the DDL interpreter's model of the dump (strict: any statement form it
 * does not know fails the test with file, line and form) must equal the catalog reader's model of the
 * database, component by component.
 *
 * <p>Runs where pg_dump's major version is the server's (the external-server pass of {@code .ci/run}:
 * PostgreSQL 15 and pg_dump 15); skipped cleanly elsewhere (pg_dump 15 refuses the embedded PostgreSQL 17).
 * Needs a superuser (event triggers, subscriptions, access methods).
 */
class PgDumpProofTest {

    /** The kinds the schema creates as opaque objects; each must be in both models. */
    static final Set<ObjectRef.Kind> OPAQUE_KINDS = Set.of(ObjectRef.Kind.OPERATOR, ObjectRef.Kind.OPERATOR_FAMILY,
            ObjectRef.Kind.OPERATOR_CLASS, ObjectRef.Kind.CAST, ObjectRef.Kind.CONVERSION,
            ObjectRef.Kind.TEXT_SEARCH_PARSER, ObjectRef.Kind.TEXT_SEARCH_TEMPLATE,
            ObjectRef.Kind.TEXT_SEARCH_DICTIONARY, ObjectRef.Kind.TEXT_SEARCH_CONFIGURATION,
            ObjectRef.Kind.ACCESS_METHOD, ObjectRef.Kind.TRANSFORM, ObjectRef.Kind.FOREIGN_DATA_WRAPPER,
            ObjectRef.Kind.SERVER, ObjectRef.Kind.USER_MAPPING, ObjectRef.Kind.FOREIGN_TABLE,
            ObjectRef.Kind.EVENT_TRIGGER, ObjectRef.Kind.PUBLICATION, ObjectRef.Kind.SUBSCRIPTION,
            ObjectRef.Kind.STATISTICS, ObjectRef.Kind.RULE);

    @Test
    void theInterpretersModelOfPgDumpEqualsTheCatalogReadersModel() throws Exception {
        TestServer server = TestPostgres.server();
        int serverMajor;
        boolean superuser;
        try (Connection c = server.connect(server.adminDatabase()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int / 10000,"
                     + " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)")) {
            rs.next();
            serverMajor = rs.getInt(1);
            superuser = rs.getBoolean(2);
        }
        int dumpMajor = SchemaDump.pgDumpMajor();
        assumeTrue(dumpMajor == serverMajor, "pg_dump " + dumpMajor + " is not the PostgreSQL " + serverMajor
                + " test server's own: set CONFITURE_TEST_JDBC_URL to the machine's PostgreSQL to run this proof");
        assumeTrue(superuser, "the every-kind schema needs a superuser (event triggers, subscriptions)");

        SchemaModel empty;
        try (TestDatabase db = TestPostgres.newDatabase("dump_empty"); Connection c = db.connect()) {
            // what CREATE DATABASE leaves (the public schema's owner, comment and grant): the dump starts there
            empty = new CatalogReader().read(c);
        }
        try (TestDatabase db = TestPostgres.newDatabase("dump_proof")) {
            try {
                db.execute(resource("every-kind.sql"));
                String dump = SchemaDump.raw(server, db.name());
                SchemaModel interpreted = new DdlInterpreter().interpret(empty,
                        List.of(new SqlSource("pg_dump of every-kind.sql", dump)));
                SchemaModel catalog;
                try (Connection c = db.connect()) {
                    catalog = new CatalogReader().read(c);
                }
                Set<ObjectRef.Kind> read = new TreeSet<>();
                catalog.others().keySet().forEach(r -> read.add(r.kind()));
                assertThat(read).as("opaque kinds the catalog reader read").containsAll(OPAQUE_KINDS);
                assertThat(differences(interpreted, catalog)).as("interpreter (is) against catalog (should be)")
                        .isEmpty();
            } finally {
                // a subscription keeps its database from being dropped
                db.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_subscription WHERE subname = 'my_sub') THEN "
                        + "ALTER SUBSCRIPTION my_sub DISABLE; ALTER SUBSCRIPTION my_sub SET (slot_name = NONE); "
                        + "END IF; END $$");
                db.execute("DROP SUBSCRIPTION IF EXISTS my_sub; DROP EVENT TRIGGER IF EXISTS my_event");
            }
        }
    }

    /** One line per object that differs; column order counts (pg_dump keeps it). */
    static List<String> differences(SchemaModel actual, SchemaModel expected) throws ReflectiveOperationException {
        List<String> out = new ArrayList<>();
        for (RecordComponent component : SchemaModel.class.getRecordComponents()) {
            Object av = component.getAccessor().invoke(actual);
            Object ev = component.getAccessor().invoke(expected);
            if (av instanceof Map<?, ?> am && ev instanceof Map<?, ?> em) {
                Set<Object> keys = new TreeSet<>(Comparator.comparing(String::valueOf));
                keys.addAll(am.keySet());
                keys.addAll(em.keySet());
                for (Object k : keys) {
                    if (!Objects.equals(am.get(k), em.get(k))) {
                        out.add(component.getName() + " " + k + ":\n    is:        " + am.get(k)
                                + "\n    should be: " + em.get(k));
                    }
                }
            } else if (!Objects.equals(av, ev)) {
                out.add(component.getName() + ":\n    is:        " + av + "\n    should be: " + ev);
            }
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PgDumpProofTest.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
