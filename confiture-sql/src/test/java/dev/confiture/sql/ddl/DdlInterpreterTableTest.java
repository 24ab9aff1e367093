package dev.confiture.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.ColumnRef;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.Sequence;
import dev.confiture.model.schema.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlInterpreterTableTest {

    static SchemaModel run(String sql) {
        return new DdlInterpreter().interpret(SchemaModel.empty(), List.of(new SqlSource("schema.sql", sql)));
    }

    static Table table(SchemaModel m, String schema, String name) {
        Table t = m.tables().get(QualifiedName.of(schema, name));
        assertThat(t).as("table %s.%s", schema, name).isNotNull();
        return t;
    }

    @Test
    void createTableWithTypesDefaultsAndNullability() {
        SchemaModel m = run("""
                CREATE TABLE Users (
                  ID INT4 PRIMARY KEY,
                  "Email" VARCHAR(255) NOT NULL,
                  created_at TIMESTAMPTZ DEFAULT NOW(),
                  score numeric(10, 2) NULL,
                  tags text[],
                  name text COLLATE "C"
                );
                """);
        Table t = table(m, "public", "users");
        assertThat(t.columns()).containsExactly(
                new Column("id", "integer", null, true, null, null, null),
                new Column("Email", "character varying(255)", null, true, null, null, null),
                new Column("created_at", "timestamp with time zone", null, false, "now()", null, null),
                new Column("score", "numeric(10,2)", null, false, null, null, null),
                new Column("tags", "text[]", null, false, null, null, null),
                new Column("name", "text", "\"C\"", false, null, null, null));
        assertThat(t.constraints()).containsOnlyKeys("users_pkey");
        assertThat(t.constraints().get("users_pkey").definition()).isEqualTo("PRIMARY KEY (id)");
    }

    @Test
    void serialColumnsBecomeIntegerSequenceAndDefault() {
        SchemaModel m = run("""
                CREATE SCHEMA s;
                CREATE TABLE users (id serial PRIMARY KEY);
                CREATE TABLE s.t (id bigserial, n smallserial);
                """);
        Column id = table(m, "public", "users").column("id").orElseThrow();
        assertThat(id).isEqualTo(new Column("id", "integer", null, true, "nextval('public.users_id_seq'::regclass)", null,
                null));
        assertThat(m.sequences().get(QualifiedName.of("public", "users_id_seq"))).isEqualTo(new Sequence(
                QualifiedName.of("public", "users_id_seq"), "integer", 1, 1, 1, Integer.MAX_VALUE, 1, false,
                new ColumnRef(QualifiedName.of("public", "users"), "id"), null));
        Table st = table(m, "s", "t");
        assertThat(st.column("id").orElseThrow().defaultExpression()).isEqualTo("nextval('s.t_id_seq'::regclass)");
        assertThat(st.column("id").orElseThrow().type()).isEqualTo("bigint");
        assertThat(m.sequences().get(QualifiedName.of("s", "t_n_seq")).maxValue()).isEqualTo(32767);
    }

    @Test
    void pgDumpSpellingOfSerialEqualsTheShortOne() {
        SchemaModel dump = run("""
                SELECT pg_catalog.set_config('search_path', '', false);
                CREATE TABLE public.users (
                    id integer NOT NULL,
                    email character varying(100)
                );
                CREATE SEQUENCE public.users_id_seq
                    AS integer
                    START WITH 1
                    INCREMENT BY 1
                    NO MINVALUE
                    NO MAXVALUE
                    CACHE 1;
                ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;
                ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);
                ALTER TABLE ONLY public.users
                    ADD CONSTRAINT users_pkey PRIMARY KEY (id);
                ALTER TABLE ONLY public.users
                    ADD CONSTRAINT users_email_key UNIQUE (email);
                """);
        SchemaModel handwritten = run("""
                create table users (id serial primary key, email varchar(100) unique);
                """);
        assertThat(dump).isEqualTo(handwritten);
    }

    @Test
    void defaultConstraintNamesFollowPostgresql() {
        SchemaModel m = run("""
                CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE, a int, b int, UNIQUE (a, b));
                CREATE TABLE orders (
                  id int,
                  user_id int REFERENCES users ON DELETE CASCADE,
                  qty int CHECK (qty > 0),
                  lo int, hi int,
                  CHECK (lo < hi),
                  CHECK (lo > 0)
                );
                CREATE TABLE t (x int CHECK (x > 0), CHECK (x < 100));
                """);
        assertThat(table(m, "public", "users").constraints()).containsOnlyKeys("users_pkey", "users_email_key",
                "users_a_b_key");
        Table orders = table(m, "public", "orders");
        assertThat(orders.constraints()).containsOnlyKeys("orders_user_id_fkey", "orders_qty_check", "orders_check",
                "orders_lo_check");
        Constraint fk = orders.constraints().get("orders_user_id_fkey");
        assertThat(fk.definition()).isEqualTo("FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE");
        assertThat(fk.references()).isEqualTo(QualifiedName.of("public", "users"));
        assertThat(fk.referencedColumns()).containsExactly("id");
        assertThat(orders.constraints().get("orders_qty_check").definition()).isEqualTo("CHECK ((qty > 0))");
        assertThat(table(m, "public", "t").constraints()).containsOnlyKeys("t_x_check", "t_x_check1");
    }

    @Test
    void longNamesAreTruncatedLikePostgresql() {
        String longTable = "a".repeat(40);
        String longColumn = "b".repeat(40);
        SchemaModel m = run("CREATE TABLE " + longTable + " (" + longColumn + " int UNIQUE);");
        // 63 bytes: the longer name is cut first, then "_key"
        String expected = "a".repeat(29) + "_" + "b".repeat(29) + "_key";
        assertThat(table(m, "public", longTable).constraints()).containsOnlyKeys(expected);
    }

    @Test
    void foreignKeyOptionsAndDeferrability() {
        SchemaModel m = run("""
                CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
                CREATE TABLE c (
                  a int, b int,
                  CONSTRAINT c_p FOREIGN KEY (a, b) REFERENCES p (a, b) MATCH FULL ON UPDATE RESTRICT
                    ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED
                );
                ALTER TABLE c ADD CONSTRAINT c_a FOREIGN KEY (a, b) REFERENCES p NOT VALID;
                """);
        Constraint fk = table(m, "public", "c").constraints().get("c_p");
        assertThat(fk.definition()).isEqualTo(
                "FOREIGN KEY (a, b) REFERENCES public.p(a, b) MATCH FULL ON UPDATE RESTRICT ON DELETE SET NULL");
        assertThat(fk.deferrable()).isTrue();
        assertThat(fk.initiallyDeferred()).isTrue();
        Constraint nv = table(m, "public", "c").constraints().get("c_a");
        assertThat(nv.notValid()).isTrue();
        assertThat(nv.referencedColumns()).containsExactly("a", "b");
        SchemaModel validated = new DdlInterpreter().interpret(m, List.of(new SqlSource("m.sql",
                "ALTER TABLE c VALIDATE CONSTRAINT c_a")));
        assertThat(table(validated, "public", "c").constraints().get("c_a").notValid()).isFalse();
    }

    @Test
    void identityGeneratedAndExclusion() {
        SchemaModel m = run("""
                CREATE EXTENSION IF NOT EXISTS btree_gist;
                CREATE TABLE r (
                  id bigint GENERATED ALWAYS AS IDENTITY (START WITH 10),
                  n int GENERATED BY DEFAULT AS IDENTITY,
                  cm numeric,
                  inch numeric GENERATED ALWAYS AS (cm / 2.54) STORED,
                  room int,
                  during tsrange,
                  EXCLUDE USING gist (room WITH =, during WITH &&),
                  UNIQUE NULLS NOT DISTINCT (cm)
                );
                """);
        Table r = table(m, "public", "r");
        assertThat(r.column("id").orElseThrow().identity()).isEqualTo(Column.Identity.ALWAYS);
        assertThat(r.column("id").orElseThrow().notNull()).isTrue();
        assertThat(r.column("n").orElseThrow().identity()).isEqualTo(Column.Identity.BY_DEFAULT);
        assertThat(r.column("inch").orElseThrow().generatedExpression()).isEqualTo("cm / 2.54");
        assertThat(r.constraints()).containsKeys("r_room_during_excl", "r_cm_key");
        assertThat(r.constraints().get("r_room_during_excl").definition())
                .isEqualTo("EXCLUDE USING gist (room with =, during with &&)");
        assertThat(r.constraints().get("r_cm_key").definition()).isEqualTo("UNIQUE NULLS NOT DISTINCT (cm)");
        assertThat(m.sequences()).isEmpty();
    }

    @Test
    void partitionsAndInheritance() {
        SchemaModel m = run("""
                CREATE TABLE events (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE TABLE events_other PARTITION OF events DEFAULT;
                CREATE TABLE parent (id int, CHECK (id > 0));
                CREATE TABLE child (extra text) INHERITS (parent);
                CREATE UNLOGGED TABLE cache (k text) WITH (fillfactor = 70);
                """);
        Table events = table(m, "public", "events");
        assertThat(events.partitionBy()).isEqualTo("RANGE (at)");
        Table p = table(m, "public", "events_2024");
        assertThat(p.partitionOf()).isEqualTo(QualifiedName.of("public", "events"));
        assertThat(p.partitionBound()).isEqualTo("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
        assertThat(p.columns()).extracting(Column::name).containsExactly("id", "at");
        assertThat(p.constraints()).containsOnlyKeys("events_2024_pkey");
        assertThat(table(m, "public", "events_other").partitionBound()).isEqualTo("DEFAULT");
        Table child = table(m, "public", "child");
        assertThat(child.inherits()).containsExactly(QualifiedName.of("public", "parent"));
        assertThat(child.columns()).extracting(Column::name).containsExactly("id", "extra");
        assertThat(child.constraints()).containsOnlyKeys("parent_id_check");
        assertThat(table(m, "public", "cache").unlogged()).isTrue();
    }

    @Test
    void alterTableColumnActions() {
        SchemaModel m = run("""
                CREATE TABLE t (a int, b text, c int);
                ALTER TABLE IF EXISTS ONLY public.t
                  ADD COLUMN d boolean DEFAULT false NOT NULL,
                  ALTER COLUMN a TYPE bigint USING a::bigint,
                  ALTER COLUMN b SET DEFAULT 'x',
                  ALTER COLUMN b SET NOT NULL,
                  ALTER COLUMN c SET DATA TYPE numeric(5,1),
                  DROP COLUMN IF EXISTS nothing_here;
                ALTER TABLE t ALTER COLUMN a ADD GENERATED BY DEFAULT AS IDENTITY;
                ALTER TABLE t ALTER COLUMN c DROP DEFAULT, ALTER c DROP NOT NULL;
                ALTER TABLE t RENAME COLUMN b TO bee;
                ALTER TABLE t RENAME TO tee;
                ALTER TABLE tee DROP COLUMN c;
                """);
        Table t = table(m, "public", "tee");
        assertThat(t.columns()).containsExactly(
                new Column("a", "bigint", null, true, null, Column.Identity.BY_DEFAULT, null),
                new Column("bee", "text", null, true, "'x'", null, null),
                new Column("d", "boolean", null, true, "false", null, null));
        assertThat(m.tables()).doesNotContainKey(QualifiedName.of("public", "t"));

        SchemaModel switched = run("""
                CREATE TABLE s (a bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 5 INCREMENT BY 2));
                ALTER TABLE s ALTER COLUMN a SET GENERATED ALWAYS SET INCREMENT BY 3;
                """);
        assertThat(table(switched, "public", "s").column("a").orElseThrow().identity()).isEqualTo(Column.Identity.ALWAYS);
    }

    @Test
    void constraintsFollowColumnAndTableRenames() {
        SchemaModel m = run("""
                CREATE TABLE users (id int PRIMARY KEY, email text);
                CREATE TABLE orders (id int, user_id int REFERENCES users (id), CHECK (user_id > 0));
                ALTER TABLE users RENAME COLUMN id TO user_key;
                ALTER TABLE users RENAME TO accounts;
                ALTER TABLE orders RENAME CONSTRAINT orders_user_id_check TO positive_user;
                """);
        Constraint fk = table(m, "public", "orders").constraints().get("orders_user_id_fkey");
        assertThat(fk.definition()).isEqualTo("FOREIGN KEY (user_id) REFERENCES public.accounts(user_key)");
        assertThat(table(m, "public", "accounts").constraints().get("users_pkey").definition())
                .isEqualTo("PRIMARY KEY (user_key)");
        assertThat(table(m, "public", "orders").constraints()).containsKey("positive_user");
    }

    @Test
    void primaryKeyUsingIndexTakesTheIndexOver() {
        SchemaModel m = run("""
                CREATE TABLE t (id int NOT NULL);
                CREATE UNIQUE INDEX t_id_idx ON t (id);
                ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY USING INDEX t_id_idx;
                """);
        Table t = table(m, "public", "t");
        assertThat(t.indexes()).isEmpty();
        assertThat(t.constraints().get("t_pk").definition()).isEqualTo("PRIMARY KEY (id)");
    }

    @Test
    void rowSecurityLoggedPartitionsAndTriggersToggles() {
        SchemaModel m = run("""
                CREATE TABLE t (id int);
                ALTER TABLE t ENABLE ROW LEVEL SECURITY;
                ALTER TABLE t FORCE ROW LEVEL SECURITY;
                ALTER TABLE t SET UNLOGGED;
                ALTER TABLE t OWNER TO app;
                CREATE TABLE p (at date) PARTITION BY LIST (at);
                CREATE TABLE p1 (at date);
                ALTER TABLE p ATTACH PARTITION p1 FOR VALUES IN ('2024-01-01');
                """);
        Table t = table(m, "public", "t");
        assertThat(t.rowSecurity()).isTrue();
        assertThat(t.forceRowSecurity()).isTrue();
        assertThat(t.unlogged()).isTrue();
        assertThat(t.owner()).isEqualTo("app");
        assertThat(table(m, "public", "p1").partitionBound()).isEqualTo("FOR VALUES IN ('2024-01-01')");
        SchemaModel detached = new DdlInterpreter().interpret(m, List.of(new SqlSource("x.sql",
                "ALTER TABLE p DETACH PARTITION p1; ALTER TABLE t DISABLE ROW LEVEL SECURITY, NO FORCE ROW LEVEL SECURITY, SET LOGGED")));
        assertThat(table(detached, "public", "p1").partitionOf()).isNull();
        assertThat(table(detached, "public", "t").rowSecurity()).isFalse();
        assertThat(table(detached, "public", "t").unlogged()).isFalse();
    }

    @Test
    void searchPathDecidesWhereUnqualifiedNamesGo() {
        SchemaModel m = run("""
                CREATE SCHEMA app;
                SET search_path TO app, public;
                CREATE TABLE t (id int);
                SET search_path = public;
                CREATE TABLE t (id int);
                CREATE TABLE "My Schema Table" ("Weird ""Col""\" int);
                """);
        assertThat(m.tables()).containsKeys(QualifiedName.of("app", "t"), QualifiedName.of("public", "t"),
                QualifiedName.of("public", "My Schema Table"));
        assertThat(table(m, "public", "My Schema Table").columns().get(0).name()).isEqualTo("Weird \"Col\"");
    }

    @Test
    void dropTableCascadeTakesForeignKeysAndOwnedSequences() {
        SchemaModel m = run("""
                CREATE TABLE users (id serial PRIMARY KEY);
                CREATE TABLE orders (user_id int REFERENCES users);
                COMMENT ON TABLE users IS 'people';
                DROP TABLE users CASCADE;
                """);
        assertThat(m.tables()).containsOnlyKeys(QualifiedName.of("public", "orders"));
        assertThat(table(m, "public", "orders").constraints()).isEmpty();
        assertThat(m.sequences()).isEmpty();
        assertThat(m.comments()).isEmpty();
    }

    @Test
    void stringConstantsSeparatedByANewlineAreOneConstant() {
        SchemaModel m = run("""
                CREATE TABLE users (id int DEFAULT 1, name text DEFAULT 'a'
                    'b', same text DEFAULT 'ab');
                COMMENT ON TABLE users IS 'people '
                  -- a comment line counts as whitespace
                  'and ' 	
                  'robots';
                """);
        assertThat(m.comments()).containsEntry(ObjectRef.table(QualifiedName.of("public", "users")), "people and robots");
        List<Column> columns = table(m, "public", "users").columns();
        assertThat(columns.get(1).defaultExpression()).isEqualTo(columns.get(2).defaultExpression());
    }

    /**
     * Which columns an INHERITS child has only from its parents (pg_attribute.attislocal false), as PostgreSQL
     * keeps it: declared columns merge and stay the child's own, a parent's later ADD COLUMN gives the others
     * an inherited-only one, a parent's DROP takes only those, the child's own DROP of a merged column leaves the
     * inherited one, and NO INHERIT makes them all the child's own.
     */
    @Test
    void inheritanceChildrenKeepWhichColumnsAreTheirOwn() {
        String sql = """
                CREATE TABLE base (id int, created timestamptz);
                CREATE TABLE derived (id int, note text) INHERITS (base);
                CREATE TABLE other (id int, created timestamptz, extra text) INHERITS (base);
                ALTER TABLE base ADD COLUMN note text;
                ALTER TABLE base ADD COLUMN updated timestamptz;
                """;
        SchemaModel m = run(sql);
        QualifiedName derived = QualifiedName.of("public", "derived");
        QualifiedName other = QualifiedName.of("public", "other");
        assertThat(m.tables().get(derived).inheritedOnly()).containsExactly("created", "updated");
        assertThat(m.tables().get(other).inheritedOnly()).containsExactly("note", "updated");

        SchemaModel dropped = run(sql + "ALTER TABLE base DROP COLUMN note;\nALTER TABLE derived DROP COLUMN id;");
        // derived's own note stays (now its own only); other's inherited-only note goes; id stays, inherited only
        assertThat(dropped.tables().get(derived).column("note")).isPresent();
        assertThat(dropped.tables().get(other).column("note")).isEmpty();
        assertThat(dropped.tables().get(derived).inheritedOnly()).containsExactly("created", "id", "updated");
        assertThat(dropped.tables().get(derived).column("id")).isPresent();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(sql + "ALTER TABLE derived DROP COLUMN created;"))
                .hasMessageContaining("cannot drop inherited column created");
        assertThat(run(sql + "ALTER TABLE derived NO INHERIT base;").tables().get(derived).inheritedOnly()).isEmpty();
        assertThat(run(sql + "ALTER TABLE ONLY base DROP COLUMN updated;").tables().get(other))
                .satisfies(t -> assertThat(t.column("updated")).isPresent())
                .satisfies(t -> assertThat(t.inheritedOnly()).containsExactly("note"));
    }

    /** Hash partitions' bounds, a partition partitioned in turn, a single OUT parameter's result type, an E'' comment. */
    @Test
    void hashBoundsSubPartitionsOutParametersAndEscapedComments() {
        SchemaModel m = run("""
                CREATE TABLE h (id int, k int) PARTITION BY HASH (id);
                CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);
                CREATE TABLE l (id int, k int) PARTITION BY LIST (k);
                CREATE TABLE l3 PARTITION OF l FOR VALUES IN (3) PARTITION BY RANGE (id);
                CREATE TABLE l3a PARTITION OF l3 FOR VALUES FROM (0) TO (100);
                CREATE FUNCTION one(OUT a int) LANGUAGE sql AS $$ SELECT 1 $$;
                CREATE FUNCTION two(OUT a int, OUT b text) LANGUAGE sql AS $$ SELECT 1, 'x' $$;
                COMMENT ON TABLE h IS E'it''s\\na \\"table\\" \\\\ \\u00fc';
                """);
        assertThat(m.tables().get(QualifiedName.of("public", "h0")).partitionBound())
                .isEqualTo("FOR VALUES WITH (MODULUS 2, REMAINDER 0)");
        Table l3 = m.tables().get(QualifiedName.of("public", "l3"));
        assertThat(l3.partitionBound()).isEqualTo("FOR VALUES IN (3)");
        assertThat(l3.partitionBy()).isNotNull();
        assertThat(m.tables().get(QualifiedName.of("public", "l3a")).partitionOf()).isEqualTo(l3.name());
        assertThat(m.routines().values()).extracting(r -> r.signature().name().name() + " " + r.returnType())
                .containsExactlyInAnyOrder("one integer", "two record");
        assertThat(m.comments().get(ObjectRef.table(QualifiedName.of("public", "h")))).isEqualTo("it's\na \"table\" \\ \u00fc");
    }

    /** Storage parameters: one mark per table or index, as the catalog reader writes it, following renames and drops. */
    @Test
    void storageParametersAreKeptPerTableAndIndex() {
        String sql = """
                CREATE TABLE big (id int, v text) WITH (FILLFACTOR = '70', autovacuum_enabled = OFF, toast.autovacuum_enabled);
                CREATE INDEX big_v ON big (v) WITH (fillfactor = 80);
                ALTER TABLE big SET (autovacuum_vacuum_scale_factor = 0.01), RESET (autovacuum_enabled);
                ALTER INDEX big_v SET (deduplicate_items = off);
                """;
        SchemaModel m = run(sql);
        QualifiedName big = QualifiedName.of("public", "big");
        assertThat(m.others().get(StorageParameters.ref(big)).createSql()).isEqualTo("alter table public.big set"
                + " (autovacuum_vacuum_scale_factor = '0.01', fillfactor = '70', toast.autovacuum_enabled = 'true')");
        assertThat(m.others().get(StorageParameters.ref(big)).dropSql()).isEqualTo(
                "ALTER TABLE public.big RESET (autovacuum_vacuum_scale_factor, fillfactor, toast.autovacuum_enabled)");
        assertThat(m.others().get(StorageParameters.ref(QualifiedName.of("public", "big_v"))).createSql())
                .isEqualTo("alter index public.big_v set (deduplicate_items = 'off', fillfactor = '80')");

        SchemaModel renamed = run(sql + "ALTER TABLE big RENAME TO large;\nALTER INDEX big_v RENAME TO large_v;");
        assertThat(renamed.others().keySet()).extracting(ObjectRef::identity).containsExactlyInAnyOrder("public.large",
                "public.large_v");
        assertThat(run(sql + "DROP INDEX big_v;").others()).containsOnlyKeys(StorageParameters.ref(big));
        assertThat(run(sql + "DROP TABLE big;").others()).isEmpty();
        assertThat(run(sql + "ALTER TABLE big RESET (fillfactor, autovacuum_vacuum_scale_factor, toast.autovacuum_enabled);"
                + "ALTER INDEX big_v RESET (fillfactor, deduplicate_items);").others()).isEmpty();
    }

    /** REPLICA IDENTITY other than DEFAULT: one mark per table, as the catalog reader writes it. */
    @Test
    void replicaIdentityIsKeptPerTable() {
        String sql = """
                CREATE TABLE t (id int NOT NULL, v text);
                CREATE UNIQUE INDEX t_id ON t (id);
                ALTER TABLE t REPLICA IDENTITY USING INDEX t_id;
                CREATE TABLE u (id int);
                ALTER TABLE u REPLICA IDENTITY FULL;
                """;
        SchemaModel m = run(sql);
        QualifiedName t = QualifiedName.of("public", "t");
        assertThat(m.others().get(ReplicaIdentity.ref(t)).createSql())
                .isEqualTo("alter table public.t replica identity using index t_id");
        assertThat(m.others().get(ReplicaIdentity.ref(QualifiedName.of("public", "u"))).dropSql())
                .isEqualTo("ALTER TABLE public.u REPLICA IDENTITY DEFAULT");
        assertThat(run(sql + "ALTER TABLE u REPLICA IDENTITY DEFAULT;\nDROP TABLE t;").others()).isEmpty();
        assertThat(run(sql + "ALTER TABLE u RENAME TO w;").others().keySet()).extracting(ObjectRef::identity)
                .containsExactlyInAnyOrder("public.t", "public.w");
    }
}
