package dev.confiture.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confiture.sql.ddl.TouchedObject.Action;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.ObjectRef.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class TouchedObjectsTest {

    private static TouchedObject t(Kind kind, String identity, Action action, int line) {
        return new TouchedObject(new ObjectRef(kind, identity), action, line);
    }

    @Test
    void addColumnTouchesTableAndColumnWithoutTheTableExisting() {
        assertThat(DdlInterpreter.touchedObjects("ALTER TABLE public.users ADD COLUMN bio text;")).containsExactly(
                t(Kind.TABLE, "public.users", Action.ALTER, 1),
                t(Kind.COLUMN, "public.users.bio", Action.CREATE, 1));
    }

    @Test
    void createTableNamesColumnsConstraintsAndSequences() {
        List<TouchedObject> touched = DdlInterpreter.touchedObjects("""
                CREATE TABLE IF NOT EXISTS users (
                  id serial PRIMARY KEY,
                  email text UNIQUE CHECK (email <> ''),
                  org_id int REFERENCES orgs
                );
                """);
        assertThat(touched).contains(
                t(Kind.TABLE, "public.users", Action.CREATE, 1),
                t(Kind.SEQUENCE, "public.users_id_seq", Action.CREATE, 1),
                t(Kind.COLUMN, "public.users.email", Action.CREATE, 1),
                t(Kind.CONSTRAINT, "public.users.users_pkey", Action.CREATE, 1),
                t(Kind.CONSTRAINT, "public.users.users_email_key", Action.CREATE, 1),
                t(Kind.CONSTRAINT, "public.users.users_email_check", Action.CREATE, 1),
                t(Kind.CONSTRAINT, "public.users.users_org_id_fkey", Action.CREATE, 1),
                t(Kind.TABLE, "public.orgs", Action.ALTER, 1));
    }

    @Test
    void indexesFunctionsAndQuotedNamesAcrossLines() {
        List<TouchedObject> touched = DdlInterpreter.touchedObjects("""
                CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON ONLY "App"."Users" (email);

                CREATE OR REPLACE FUNCTION app.add(a int, b int DEFAULT 0) RETURNS int AS $fn$
                  SELECT a + b; -- a semicolon inside the body
                $fn$ LANGUAGE sql;
                DROP FUNCTION IF EXISTS app.old(text, int);
                ALTER TABLE ONLY orders DROP CONSTRAINT orders_user_id_fkey, ALTER COLUMN qty TYPE bigint;
                """);
        assertThat(touched).containsExactly(
                t(Kind.INDEX, "\"App\".idx_users_email", Action.CREATE, 1),
                t(Kind.TABLE, "\"App\".\"Users\"", Action.ALTER, 1),
                t(Kind.FUNCTION, "app.add(integer, integer)", Action.CREATE, 3),
                t(Kind.FUNCTION, "app.old(text, integer)", Action.DROP, 6),
                t(Kind.TABLE, "public.orders", Action.ALTER, 7),
                t(Kind.CONSTRAINT, "public.orders.orders_user_id_fkey", Action.DROP, 7),
                t(Kind.COLUMN, "public.orders.qty", Action.ALTER, 7));
    }

    @Test
    void renamesCommentsGrantsAndDataStatements() {
        List<TouchedObject> touched = DdlInterpreter.touchedObjects("""
                ALTER TABLE users RENAME COLUMN name TO full_name;
                COMMENT ON COLUMN users.full_name IS 'x';
                GRANT SELECT ON users TO app;
                INSERT INTO users VALUES (1);
                DROP TABLE IF EXISTS legacy CASCADE;
                CREATE TYPE mood AS ENUM ('a');
                ALTER TYPE mood ADD VALUE 'b';
                """);
        assertThat(touched).containsExactly(
                t(Kind.TABLE, "public.users", Action.ALTER, 1),
                t(Kind.COLUMN, "public.users.name", Action.RENAME, 1),
                t(Kind.COLUMN, "public.users.full_name", Action.COMMENT, 2),
                t(Kind.TABLE, "public.users", Action.GRANT, 3),
                t(Kind.TABLE, "public.legacy", Action.DROP, 5),
                t(Kind.TYPE, "public.mood", Action.CREATE, 6),
                t(Kind.TYPE, "public.mood", Action.ALTER, 7));
    }

    @Test
    void unreadableStatementsContributeNothing() {
        assertThat(DdlInterpreter.touchedObjects("CREATE LANGUAGE plsample HANDLER plsample_call_handler; "
                + "CREATE TABLE t2 (id int);"))
                .containsExactly(t(Kind.TABLE, "public.t2", Action.CREATE, 1),
                        t(Kind.COLUMN, "public.t2.id", Action.CREATE, 1));
    }
}
