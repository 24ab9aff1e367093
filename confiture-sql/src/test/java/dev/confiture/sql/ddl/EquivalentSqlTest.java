package dev.confiture.sql.ddl;

import static dev.confiture.sql.ddl.DdlInterpreterTableTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confiture.model.schema.SchemaModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What validate relies on: formatting, comments, order and file boundaries are not changes. */
class EquivalentSqlTest {

    private static final String COMPACT = """
            CREATE TYPE status AS ENUM ('new', 'done');
            CREATE TABLE users (id serial PRIMARY KEY, email varchar(255) NOT NULL UNIQUE, bio text DEFAULT '');
            CREATE TABLE tasks (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              user_id int REFERENCES users(id) ON DELETE CASCADE, s status DEFAULT 'new'::status,
              due timestamptz, CHECK (due > '2000-01-01'));
            CREATE INDEX tasks_due ON tasks (due) WHERE s = 'new';
            CREATE VIEW open_tasks AS SELECT id, due FROM tasks WHERE s = 'new';
            CREATE FUNCTION count_open() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM open_tasks $$;
            COMMENT ON TABLE users IS 'people';
            GRANT SELECT ON users, tasks TO reader;
            """;

    /** A routine's body is kept exactly (PostgreSQL keeps prosrc byte for byte): only the text around it may differ. */
    @Test
    void formattingCommentsCaseAndQuotingDoNotMatter() {
        String verbose = """
                -- the statuses
                create type "status" as enum (
                    'new',   /* first */
                    'done'
                );

                CREATE   TABLE   public.USERS (
                    "id"     SERIAL   PRIMARY KEY,
                    Email    CHARACTER VARYING(255)   NOT NULL   UNIQUE,
                    bio      TEXT   DEFAULT ''
                );
                CREATE TABLE tasks (
                    id      INT8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    user_id INTEGER REFERENCES public.users (id) ON DELETE CASCADE,
                    s       status DEFAULT 'new'::status,
                    due     TIMESTAMP WITH TIME ZONE,
                    CHECK ((due > '2000-01-01'))
                );
                CREATE INDEX tasks_due ON public.tasks USING btree (due) WHERE (s = 'new');
                CREATE VIEW open_tasks AS
                    SELECT id,
                           due
                      FROM tasks
                     WHERE s = 'new';
                CREATE FUNCTION count_open()
                  RETURNS BIGINT
                  STABLE
                  LANGUAGE SQL
                AS $body$ SELECT count(*) FROM open_tasks $body$; -- the body as the other file has it: see below
                COMMENT ON TABLE public.users IS 'people';
                GRANT SELECT ON TABLE users TO reader;
                GRANT SELECT ON TABLE tasks TO reader;
                """;
        assertThat(run(verbose)).isEqualTo(run(COMPACT));
    }

    @Test
    void aTableSplitAcrossCreateAndAlterEqualsTheInlineOne() {
        String split = """
                CREATE TYPE status AS ENUM ('new', 'done');
                CREATE TABLE users (id integer NOT NULL, email varchar(255) NOT NULL, bio text);
                CREATE SEQUENCE users_id_seq AS integer;
                ALTER SEQUENCE users_id_seq OWNED BY users.id;
                ALTER TABLE users ALTER COLUMN id SET DEFAULT nextval('users_id_seq'::regclass);
                ALTER TABLE users ALTER COLUMN bio SET DEFAULT '';
                ALTER TABLE ONLY users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
                ALTER TABLE ONLY users ADD CONSTRAINT users_email_key UNIQUE (email);
                CREATE TABLE tasks (id bigint NOT NULL, user_id int, s status DEFAULT 'new'::status, due timestamptz);
                ALTER TABLE tasks ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
                ALTER TABLE tasks ADD PRIMARY KEY (id), ADD CHECK (due > '2000-01-01');
                ALTER TABLE tasks ADD FOREIGN KEY (user_id) REFERENCES users ON DELETE CASCADE;
                CREATE INDEX tasks_due ON tasks (due) WHERE s = 'new';
                CREATE VIEW open_tasks AS SELECT id, due FROM tasks WHERE s = 'new';
                CREATE FUNCTION count_open() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM open_tasks $$;
                COMMENT ON TABLE users IS 'people';
                GRANT SELECT ON users TO reader;
                GRANT SELECT ON tasks TO reader;
                """;
        assertThat(run(split)).isEqualTo(run(COMPACT));
    }

    @Test
    void independentStatementsInAnotherOrderAndAcrossFiles() {
        SchemaModel oneFile = run("""
                CREATE TABLE a (id int PRIMARY KEY);
                CREATE TABLE b (id int PRIMARY KEY);
                CREATE INDEX a_id ON a (id);
                COMMENT ON TABLE b IS 'bee';
                """);
        SchemaModel twoFiles = new DdlInterpreter().interpret(SchemaModel.empty(), List.of(
                new SqlSource("db/schema/20_b.sql", "CREATE TABLE b (id int PRIMARY KEY); COMMENT ON TABLE b IS 'bee';"),
                new SqlSource("db/schema/10_a.sql", "CREATE TABLE a (id int PRIMARY KEY); CREATE INDEX a_id ON a (id);")));
        assertThat(twoFiles).isEqualTo(oneFile);
    }

    @Test
    void operatorsAreCutAsPostgresqlCutsThem() {
        // was: the interpreter's lexer read "x>-1" as the operator ">-", a CHECK of its own
        assertThat(run("CREATE TABLE t (x int CHECK (x>-1), y int DEFAULT 2*-1);"))
                .isEqualTo(run("CREATE TABLE t (x int CHECK (x > -1), y int DEFAULT 2 * -1);"));
    }

    @Test
    void aRealChangeIsNotEqual() {
        assertThat(run(COMPACT + "ALTER TABLE users ADD COLUMN phone text;")).isNotEqualTo(run(COMPACT));
        assertThat(run(COMPACT.replace("varchar(255)", "varchar(200)"))).isNotEqualTo(run(COMPACT));
        assertThat(run(COMPACT.replace("'people'", "'persons'"))).isNotEqualTo(run(COMPACT));
    }

    @Test
    void dataStatementsAndSessionSettingsChangeNothing() {
        InterpretResult r = new DdlInterpreter().interpretLenient(SchemaModel.empty(), List.of(new SqlSource("s.sql",
                COMPACT + """
                        BEGIN;
                        INSERT INTO users (email) VALUES ('a@b');
                        UPDATE users SET bio = 'x';
                        DELETE FROM users WHERE false;
                        WITH x AS (SELECT 1) SELECT * FROM x;
                        SET statement_timeout = 0;
                        SELECT pg_catalog.set_config('search_path', 'public', false);
                        ANALYZE users;
                        VACUUM users;
                        TRUNCATE tasks;
                        DO $$ BEGIN PERFORM 1; END $$;
                        COMMIT;
                        """)));
        assertThat(r.model()).isEqualTo(run(COMPACT));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.noEffect()).hasSize(11).allSatisfy(d -> assertThat(d.kind()).isEqualTo(Diagnostic.Kind.NO_EFFECT));
    }
}
