package dev.confiture.runner.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.confiture.model.ConfitureException;
import dev.confiture.sql.SqlSplitter;
import dev.confiture.sql.SqlStatement;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/**
 * confiture:build's script goes to PostgreSQL as one text in one round trip; a refused script runs
 * again statement by statement, so its failure names the file and line as it always did.
 */
class BuildScriptApplierTest {

    private static final String SCRIPT = """
            CREATE SCHEMA app;
            SELECT pg_catalog.set_config('search_path', 'app', false);
            CREATE TABLE seen (id int); -- a trailing comment
            CREATE FUNCTION twice(i integer) RETURNS integer LANGUAGE plpgsql AS $fn$
            BEGIN
                RETURN i * 2; -- a semicolon inside the body
            END;
            $fn$;
            INSERT INTO seen VALUES (twice(21))
            -- the statement's last line is a comment
            ;
            """;

    @Test
    void theScriptGoesAsOneTextAndAllOfItApplies() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("build_apply"); Connection c = db.connect()) {
            AtomicInteger executes = new AtomicInteger();
            c.setAutoCommit(false);
            ScriptApplier.apply(counting(c, executes), statements("schema.sql", SCRIPT), "schema_local.sql");
            c.commit();

            assertThat(executes).hasValue(1);
            assertThat(query(c, "SELECT id FROM app.seen")).containsExactly("42");
        }
    }

    @Test
    void aRefusedScriptRunsAgainStatementByStatementAndNamesItsLine() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("build_apply"); Connection c = db.connect()) {
            AtomicInteger executes = new AtomicInteger();
            c.setAutoCommit(false);
            List<MappedStatement> statements = statements("tables.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"
                    + "INSERT INTO a VALUES (1 / 0);\n");

            assertThatThrownBy(() -> ScriptApplier.apply(counting(c, executes), statements, "schema_local.sql"))
                    .isInstanceOfSatisfying(ConfitureException.class, e -> {
                        assertThat(e.code()).isEqualTo("BUILD_STATEMENT_FAILED");
                        assertThat(e.file()).isEqualTo(Path.of("tables.sql"));
                        assertThat(e.line()).isEqualTo(3);
                        assertThat(e.getMessage()).contains("division by zero", "INSERT INTO a VALUES (1 / 0)");
                    });
            // one text, then the three statements again, one by one
            assertThat(executes).hasValue(4);
            c.rollback();
            assertThat(query(c, "SELECT count(*) FROM pg_tables WHERE tablename IN ('a', 'b')")).containsExactly("0");
        }
    }

    @Test
    void losingTheConnectionDuringTheScriptSaysNothingWasApplied() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("build_apply"); Connection c = db.connect()) {
            c.setAutoCommit(false);
            List<MappedStatement> statements = statements("tables.sql", "CREATE TABLE a (id int);\n"
                    + "SELECT pg_terminate_backend(pg_backend_pid());\nCREATE TABLE b (id int);\n");

            assertThatThrownBy(() -> ScriptApplier.apply(c, statements, "schema_local.sql"))
                    .isInstanceOfSatisfying(ConfitureException.class, e -> {
                        assertThat(e.code()).isEqualTo("BUILD_APPLY_FAILED");
                        assertThat(e.getMessage()).contains("Lost the connection while applying the schema",
                                "nothing was applied");
                    });
            try (Connection other = db.connect()) {
                assertThat(query(other, "SELECT count(*) FROM pg_tables WHERE tablename IN ('a', 'b')")).containsExactly("0");
            }
        }
    }

    private static List<MappedStatement> statements(String file, String sql) {
        List<MappedStatement> mapped = new ArrayList<>();
        for (SqlStatement s : SqlSplitter.split(sql, Path.of(file))) {
            mapped.add(new MappedStatement(s.sql(), file, Path.of(file), s.line(), s.line() + 4, s.copyData()));
        }
        return mapped;
    }

    /** The real connection, counting the SQL texts its statements send. */
    private static Connection counting(Connection real, AtomicInteger executes) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    if (result instanceof Statement st && method.getName().equals("createStatement")) {
                        return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                                (p, m, a) -> {
                                    if (m.getName().startsWith("execute")) {
                                        executes.incrementAndGet();
                                    }
                                    return invoke(m, st, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static List<String> query(Connection c, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
