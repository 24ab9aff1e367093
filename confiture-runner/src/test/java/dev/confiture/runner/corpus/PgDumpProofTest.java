package dev.confiture.runner.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.confiture.diff.DiffResult;
import dev.confiture.diff.SchemaDiff;
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
            ObjectRef.Kind.STATISTICS, ObjectRef.Kind.RULE, ObjectRef.Kind.TYPE);

    @Test
    void theInterpretersModelOfPgDumpEqualsTheCatalogReadersModel() throws Exception {
        TestServer server = proofServer();
        SchemaModel empty = emptyDatabaseModel();
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
                dropSubscription(db);
            }
        }
    }

    /** The test server, when this proof can run on it (skips the test otherwise). */
    private static TestServer proofServer() throws SQLException {
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
        return server;
    }

    /** What CREATE DATABASE leaves (the public schema's owner, comment and grant): a dump starts there. */
    private static SchemaModel emptyDatabaseModel() throws SQLException {
        try (TestDatabase db = TestPostgres.newDatabase("dump_empty")) {
            return read(db);
        }
    }

    /** A subscription keeps its database from being dropped: detached from its slot and dropped first. */
    private static void dropSubscription(TestDatabase db) {
        db.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid "
                + "WHERE s.subname = 'my_sub' AND d.datname = current_database()) THEN "
                + "ALTER SUBSCRIPTION my_sub DISABLE; ALTER SUBSCRIPTION my_sub SET (slot_name = NONE); "
                + "DROP SUBSCRIPTION my_sub; END IF; END $$");
    }

    /**
     * The offline diff from an empty database to the interpreted dump, run on an empty database, builds a
     * database the catalog reader sees as equal to the original (so every kind is created in an order
     * PostgreSQL accepts, with SQL it accepts); its down migration takes that database back to empty.
     */
    @Test
    void theOfflineDiffOfTheDumpBuildsTheSameDatabaseAndTakesItAway() throws Exception {
        TestServer server = proofServer();
        SchemaModel empty = emptyDatabaseModel();
        try (TestDatabase original = TestPostgres.newDatabase("dump_orig");
             TestDatabase rebuilt = TestPostgres.newDatabase("dump_rebuilt")) {
            try {
                original.execute(resource("every-kind.sql"));
                SchemaModel interpreted = new DdlInterpreter().interpret(empty,
                        List.of(new SqlSource("pg_dump of every-kind.sql", SchemaDump.raw(server, original.name()))));
                DiffResult diff = SchemaDiff.compare(empty, interpreted);
                run(rebuilt, diff.up());
                assertThat(differences(read(rebuilt), read(original))).as("rebuilt (is) against original (should be)"
                        + "\n" + diff.upSql()).isEmpty();
                run(rebuilt, diff.down());
                assertThat(differences(read(rebuilt), empty)).as("after the down migration (is) against empty"
                        + "\n" + diff.downSql()).isEmpty();
            } finally {
                dropSubscription(original);
                dropSubscription(rebuilt);
            }
        }
    }

    private static SchemaModel read(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return new CatalogReader().read(c);
        }
    }

    private static void run(TestDatabase db, List<String> statements) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
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
