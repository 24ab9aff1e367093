package dev.confiture.lint;

import static dev.confiture.lint.Lints.USERS;
import static dev.confiture.lint.Lints.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.confiture.lint.FunctionVolatility.Volatility;
import dev.confiture.model.schema.SchemaModelBuilder;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** Volatility from PostgreSQL's pg_proc (stored table) and from the project's own function declarations. */
class FunctionVolatilityTest {

    private static final FunctionVolatility BUILTIN_ONLY = FunctionVolatility.of(List.of(SchemaModelBuilder.empty().build()));

    private static Volatility builtin(String schema, String name) {
        return BUILTIN_ONLY.of(schema, name).map(FunctionVolatility.Known::volatility).orElse(null);
    }

    @Test
    void builtInAndContribFunctionsFollowPgProc() {
        assertThat(builtin(null, "random")).isEqualTo(Volatility.VOLATILE);
        assertThat(builtin(null, "gen_random_uuid")).isEqualTo(Volatility.VOLATILE);
        assertThat(builtin(null, "statement_timestamp")).isEqualTo(Volatility.STABLE);
        assertThat(builtin(null, "now")).isEqualTo(Volatility.STABLE);
        assertThat(builtin(null, "lower")).isEqualTo(Volatility.IMMUTABLE);
        assertThat(builtin("pg_catalog", "clock_timestamp")).isEqualTo(Volatility.VOLATILE);
        assertThat(builtin(null, "uuid_generate_v4")).isEqualTo(Volatility.VOLATILE);
        assertThat(builtin("extensions", "gen_random_bytes")).isEqualTo(Volatility.VOLATILE);
        assertThat(builtin("pg_catalog", "uuid_generate_v4")).isNull();
        assertThat(builtin(null, "no_such_function")).isNull();
    }

    @Test
    void declaredVolatilityOfARoutineDefinition() {
        assertThat(FunctionVolatility.declared("CREATE OR REPLACE FUNCTION public.f(stable integer) RETURNS integer"
                + " LANGUAGE sql IMMUTABLE STRICT AS $function$select 1$function$")).isEqualTo(Volatility.IMMUTABLE);
        assertThat(FunctionVolatility.declared("CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE sql\n"
                + " STABLE\nAS $function$select 1 -- immutable$function$")).isEqualTo(Volatility.STABLE);
        assertThat(FunctionVolatility.declared("CREATE OR REPLACE FUNCTION public.f() RETURNS TABLE(immutable integer)"
                + " LANGUAGE sql AS $function$select 1$function$")).isEqualTo(Volatility.VOLATILE);
        assertThat(FunctionVolatility.declared("CREATE OR REPLACE FUNCTION public.f() RETURNS integer LANGUAGE sql"
                + " RETURN stable.g()")).isEqualTo(Volatility.VOLATILE);
    }

    @Test
    void projectFunctionsAsTheSchemaDeclaresThem() {
        String volatileFn = "CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;";
        String immutableFn = "CREATE FUNCTION zero_code() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'x' $$;";
        String add = "ALTER TABLE users ADD COLUMN code text DEFAULT %s;";
        assertThat(Lints.last(15, USERS, volatileFn, add.formatted("next_code()")).findings())
                .extracting(Finding::ruleId).containsExactly("adding-field-with-default");
        assertThat(Lints.last(15, USERS, volatileFn, add.formatted("public.next_code()")).findings().get(0).message())
                .contains("public.next_code() is volatile (as public.next_code() declares it)");
        assertThat(Lints.last(15, USERS, immutableFn, add.formatted("zero_code()")).findings()).isEmpty();
        // created earlier in the same migration
        assertThat(rules(volatileFn + "\n" + add.formatted("next_code()"))).containsExactly("adding-field-with-default");
        assertThat(rules(immutableFn + "\n" + add.formatted("zero_code()"))).isEmpty();
        // a function nobody knows: no guess
        assertThat(rules(add.formatted("somewhere_else()"))).isEmpty();
        // a type modifier is not a call of a volatile function
        assertThat(rules("ALTER TABLE users ADD COLUMN v character varying(10) DEFAULT 'a'::character varying(10);")).isEmpty();
    }

    /** The stored table is what the test server's pg_proc says (exactly on PostgreSQL 15; the names both know, on another). */
    @Test
    void storedTableMatchesTheServersPgProc() throws SQLException, IOException {
        Map<String, String> stored = new HashMap<>();
        try (InputStream in = FunctionVolatility.class.getResourceAsStream("function-volatility.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t");
                if (!line.startsWith("#") && f[2].equals("pg_catalog")) {
                    stored.put(f[0], f[1]);
                }
            }
        }
        Map<String, String> server = new HashMap<>();
        int major;
        try (TestDatabase db = TestPostgres.newDatabase("lintvol"); Connection c = db.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select current_setting('server_version_num')::int / 10000")) {
                rs.next();
                major = rs.getInt(1);
            }
            try (ResultSet rs = st.executeQuery("select p.proname, case when bool_or(p.provolatile = 'v') then 'v'"
                    + " when bool_or(p.provolatile = 's') then 's' else 'i' end from pg_proc p where p.oid < 16384 and"
                    + " p.pronamespace = 'pg_catalog'::regnamespace and not exists (select 1 from pg_depend d where"
                    + " d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e') group by p.proname")) {
                while (rs.next()) {
                    server.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        Map<String, String> disagreeing = new HashMap<>();
        stored.forEach((name, v) -> {
            if (server.containsKey(name) && !server.get(name).equals(v)) {
                disagreeing.put(name, v + " stored, " + server.get(name) + " on the server");
            }
        });
        assertThat(disagreeing).isEmpty();
        if (major == 15) {
            assertThat(stored).isEqualTo(server);
        }
    }
}
