package dev.confiture.runner.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.View;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/** The catalog reader on a real PostgreSQL: each object kind read back into the model. */
class CatalogReaderTest {

    private static final String SCHEMA = """
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE SCHEMA app;
            CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
            CREATE DOMAIN app.positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0);
            CREATE TYPE app.pair AS (a integer, b text);
            CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated_at = now(); RETURN NEW; END$$;
            CREATE TABLE app.users (
                id serial PRIMARY KEY,
                email text NOT NULL UNIQUE,
                mood app.mood DEFAULT 'ok',
                score app.positive,
                code integer GENERATED ALWAYS AS IDENTITY,
                email_lower text GENERATED ALWAYS AS (lower(email)) STORED,
                updated_at timestamptz,
                CONSTRAINT email_check CHECK (email <> '')
            );
            CREATE TABLE app.posts (
                id bigint PRIMARY KEY,
                user_id integer REFERENCES app.users(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                title varchar(200) COLLATE "C"
            );
            ALTER TABLE app.posts ADD CONSTRAINT title_check CHECK (title <> '') NOT VALID;
            CREATE INDEX posts_title_trgm ON app.posts USING gin (title gin_trgm_ops) WHERE title IS NOT NULL;
            CREATE UNIQUE INDEX users_lower_email ON app.users (lower(email)) INCLUDE (id);
            CREATE TRIGGER users_touch BEFORE UPDATE ON app.users FOR EACH ROW EXECUTE FUNCTION app.touch();
            CREATE VIEW app.user_emails AS SELECT id, email FROM app.users;
            CREATE MATERIALIZED VIEW app.post_counts AS SELECT user_id, count(*) AS n FROM app.posts GROUP BY user_id;
            CREATE INDEX post_counts_user ON app.post_counts (user_id);
            ALTER TABLE app.posts ENABLE ROW LEVEL SECURITY;
            CREATE POLICY own_posts ON app.posts FOR SELECT USING (user_id = 1);
            COMMENT ON TABLE app.users IS 'People';
            COMMENT ON COLUMN app.users.email IS 'Where to write';
            GRANT SELECT ON app.users TO PUBLIC;
            CREATE TABLE app.events (at date NOT NULL, what text) PARTITION BY RANGE (at);
            CREATE TABLE app.events_2026 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
            CREATE TABLE public.confiture_migrations (version text PRIMARY KEY);
            """;

    @Test
    void readsEveryKindOfObject() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("catalog")) {
            db.execute(SCHEMA);
            SchemaModel m;
            try (Connection c = db.connect()) {
                m = new CatalogReader().read(c);
                // the session is left as it was found
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW search_path")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("\"$user\", public");
                }
            }
            QualifiedName users = QualifiedName.of("app", "users");
            QualifiedName posts = QualifiedName.of("app", "posts");
            assertThat(m.schemas()).containsKeys("app", "public");
            assertThat(m.extensions()).containsKey("pg_trgm").doesNotContainKey("plpgsql");
            // extension members stay out: pg_trgm's functions are not ours
            assertThat(m.routines().keySet()).extracting(s -> s.name().name()).containsExactly("touch");
            assertThat(m.enums().get(QualifiedName.of("app", "mood")).labels()).containsExactly("sad", "ok", "happy");
            assertThat(m.domains().get(QualifiedName.of("app", "positive")).checks())
                    .extracting(Constraint::definition).containsExactly("CHECK ((VALUE > 0))");
            assertThat(m.composites().get(QualifiedName.of("app", "pair")).attributes()).hasSize(2);

            Table u = m.tables().get(users);
            assertThat(u.column("id").orElseThrow().defaultExpression()).isEqualTo("nextval('app.users_id_seq'::regclass)");
            assertThat(u.column("mood").orElseThrow()).extracting(Column::type, Column::defaultExpression)
                    .containsExactly("app.mood", "'ok'::app.mood");
            assertThat(u.column("code").orElseThrow().identity()).isEqualTo(Column.Identity.ALWAYS);
            assertThat(u.column("email_lower").orElseThrow().generatedExpression()).isEqualTo("lower(email)");
            assertThat(u.constraints().get("users_pkey").kind()).isEqualTo(Constraint.Kind.PRIMARY_KEY);
            assertThat(u.constraints().get("users_email_key").columns()).containsExactly("email");
            assertThat(u.indexes()).containsOnlyKeys("users_lower_email");
            Index li = u.indexes().get("users_lower_email");
            assertThat(li.keys()).containsExactly("lower(email)");
            assertThat(li.include()).containsExactly("id");
            assertThat(li.unique()).isTrue();
            assertThat(u.triggers().get("users_touch").definition()).startsWith("CREATE TRIGGER users_touch BEFORE UPDATE");

            Table p = m.tables().get(posts);
            Constraint fk = p.constraints().get("posts_user_id_fkey");
            assertThat(fk.definition()).isEqualTo("FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE");
            assertThat(fk.deferrable()).isTrue();
            assertThat(fk.initiallyDeferred()).isTrue();
            assertThat(fk.references()).isEqualTo(users);
            assertThat(p.constraints().get("title_check").notValid()).isTrue();
            assertThat(p.column("title").orElseThrow().collation()).isEqualTo("pg_catalog.\"C\"");
            assertThat(p.indexes().get("posts_title_trgm").predicate()).isEqualTo("(title IS NOT NULL)");
            assertThat(p.rowSecurity()).isTrue();
            assertThat(p.policies().get("own_posts").command()).isEqualTo("SELECT");

            assertThat(m.sequences().keySet()).extracting(QualifiedName::name).containsExactly("users_id_seq");
            assertThat(m.sequences().get(QualifiedName.of("app", "users_id_seq")).ownedBy().column()).isEqualTo("id");

            View v = m.views().get(QualifiedName.of("app", "user_emails"));
            assertThat(v.dependsOn()).contains(ObjectRef.table(users));
            View mv = m.views().get(QualifiedName.of("app", "post_counts"));
            assertThat(mv.materialized()).isTrue();
            assertThat(mv.indexes()).containsKey("post_counts_user");

            assertThat(m.comments()).containsEntry(ObjectRef.table(users), "People")
                    .containsEntry(ObjectRef.column(users, "email"), "Where to write");
            assertThat(m.grants()).contains(new Grant(ObjectRef.table(users), "PUBLIC", "SELECT", false));

            Table part = m.tables().get(QualifiedName.of("app", "events_2026"));
            assertThat(part.partitionOf()).isEqualTo(QualifiedName.of("app", "events"));
            assertThat(part.partitionBound()).isEqualTo("FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
            assertThat(m.tables().get(QualifiedName.of("app", "events")).partitionBy()).isEqualTo("RANGE (at)");

            // Confiture's own tracking table is not part of anyone's schema
            assertThat(m.tables()).doesNotContainKey(QualifiedName.of("public", "confiture_migrations"));
        }
    }

    @Test
    void anotherTrackingTableNameIsLeftOutInstead() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("catalog")) {
            db.execute("CREATE TABLE confiture_migrations (v text); CREATE SCHEMA ops; CREATE TABLE ops.history (v text)");
            try (Connection c = db.connect()) {
                SchemaModel m = new CatalogReader("ops.history").read(c);
                assertThat(m.tables().keySet()).extracting(QualifiedName::toString)
                        .containsExactly("public.confiture_migrations");
            }
        }
    }

    @Test
    void aClosedConnectionIsAClearError() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase("catalog")) {
            Connection c = db.connect();
            c.close();
            assertThatThrownBy(() -> new CatalogReader().read(c)).isInstanceOf(ConfitureException.class)
                    .hasMessageContaining("Could not read the database catalog");
        }
    }

    @Test
    void indexDefinitionsAreSplitIntoParts() {
        Index i = CatalogReader.parseIndex(QualifiedName.of("public", "i"), QualifiedName.of("public", "t"),
                "CREATE UNIQUE INDEX i ON ONLY public.t USING btree (a, lower((b)::text) DESC NULLS LAST, (c || ',')) "
                        + "INCLUDE (d) WHERE (a > 0)", true, "btree", null);
        assertThat(i.keys()).containsExactly("a", "lower((b)::text) DESC NULLS LAST", "(c || ',')");
        assertThat(i.include()).containsExactly("d");
        assertThat(i.predicate()).isEqualTo("(a > 0)");
        assertThat(i.createSql()).isEqualTo("CREATE UNIQUE INDEX i ON public.t USING btree (a, lower((b)::text) DESC"
                + " NULLS LAST, (c || ',')) INCLUDE (d) WHERE (a > 0)");
        assertThat(CatalogReader.stripConstraintTail("FOREIGN KEY (a) REFERENCES t(b) DEFERRABLE INITIALLY DEFERRED NOT VALID"))
                .isEqualTo("FOREIGN KEY (a) REFERENCES t(b)");
        assertThat(List.of(CatalogReader.literal("it's"))).containsExactly("'it''s'");
    }
}
