package dev.confiture.sql.ddl;

import static dev.confiture.sql.ddl.DdlInterpreterTableTest.run;
import static dev.confiture.sql.ddl.DdlInterpreterTableTest.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.schema.ColumnRef;
import dev.confiture.model.schema.Grant;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.Table;
import org.junit.jupiter.api.Test;

/** What happens to the objects hanging off a renamed or dropped one. */
class DdlInterpreterDependentsTest {

    @Test
    void aRenamedViewCarriesItsInsteadOfTriggersAndTheirComments() {
        SchemaModel m = run("""
                CREATE TABLE items (id int);
                CREATE VIEW items_v AS SELECT id FROM items;
                CREATE FUNCTION ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER items_v_ins INSTEAD OF INSERT ON items_v FOR EACH ROW EXECUTE FUNCTION ins();
                COMMENT ON TRIGGER items_v_ins ON items_v IS 'writes through';
                ALTER VIEW items_v RENAME TO goods_v;
                """);
        QualifiedName goods = QualifiedName.of("public", "goods_v");
        var trigger = m.views().get(goods).triggers().get("items_v_ins");
        assertThat(trigger.table()).isEqualTo(goods);
        assertThat(trigger.definition()).contains(" ON public.goods_v ").doesNotContain("items_v ");
        assertThat(m.comments()).containsKey(new ObjectRef(ObjectRef.Kind.TRIGGER, "public.goods_v.items_v_ins"));
    }

    @Test
    void commentsGrantsAndOwnedSequencesFollowARename() {
        SchemaModel m = run("""
                CREATE SCHEMA arch;
                CREATE TABLE users (id serial, email text);
                COMMENT ON COLUMN users.email IS 'mail';
                GRANT SELECT (email) ON users TO reader;
                GRANT SELECT ON users TO reader;
                ALTER TABLE users RENAME COLUMN email TO mail;
                ALTER TABLE users SET SCHEMA arch;
                """);
        QualifiedName users = QualifiedName.of("arch", "users");
        assertThat(m.comments()).containsOnlyKeys(ObjectRef.column(users, "mail"));
        assertThat(m.grants()).containsExactlyInAnyOrder(
                new Grant(ObjectRef.column(users, "mail"), "reader", "SELECT", false),
                new Grant(ObjectRef.table(users), "reader", "SELECT", false));
        assertThat(m.sequences()).containsOnlyKeys(QualifiedName.of("arch", "users_id_seq"));
        assertThat(m.sequences().get(QualifiedName.of("arch", "users_id_seq")).ownedBy())
                .isEqualTo(new ColumnRef(users, "id"));
        assertThat(table(m, "arch", "users").column("id").orElseThrow().defaultExpression())
                .isEqualTo("nextval('arch.users_id_seq'::regclass)");
    }

    @Test
    void droppingAColumnDropsTheIndexesAndConstraintsOnIt() {
        SchemaModel m = run("""
                CREATE TABLE t (a int, b int, c int, UNIQUE (a, b), CHECK (b > a), CHECK (c > 0));
                CREATE INDEX t_b ON t (b);
                CREATE INDEX t_lower ON t (c) WHERE b > 0;
                CREATE INDEX t_c ON t (c);
                COMMENT ON COLUMN t.b IS 'bee';
                ALTER TABLE t DROP COLUMN b;
                """);
        Table t = table(m, "public", "t");
        assertThat(t.constraints()).containsOnlyKeys("t_c_check");
        assertThat(t.indexes()).containsOnlyKeys("t_c");
        assertThat(m.comments()).isEmpty();
    }

    @Test
    void droppingWhatOthersDependOnNeedsCascade() {
        String base = """
                CREATE TABLE users (id int PRIMARY KEY);
                CREATE TABLE orders (user_id int REFERENCES users);
                """;
        assertThatThrownBy(() -> run(base + "DROP TABLE users;"))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo("DDL_OBJECT_STATE");
                    assertThat(e.getMessage()).contains("orders_user_id_fkey").contains("CASCADE");
                });
        assertThat(run(base + "DROP TABLE orders, users;").tables()).isEmpty();
        assertThatThrownBy(() -> run(base + "ALTER TABLE users DROP COLUMN id;"))
                .isInstanceOf(ConfitureException.class);
        assertThat(table(run(base + "ALTER TABLE users DROP COLUMN id CASCADE;"), "public", "orders")
                .constraints()).isEmpty();
        assertThatThrownBy(() -> run(base + "DROP SCHEMA public;")).isInstanceOf(ConfitureException.class);
    }

    @Test
    void renamingAConstraintIndexRenamesTheConstraint() {
        SchemaModel m = run("""
                CREATE TABLE t (id int PRIMARY KEY);
                COMMENT ON CONSTRAINT t_pkey ON t IS 'key';
                ALTER INDEX t_pkey RENAME TO t_primary;
                """);
        assertThat(table(m, "public", "t").constraints()).containsOnlyKeys("t_primary");
        assertThat(m.comments()).containsOnlyKeys(new ObjectRef(ObjectRef.Kind.CONSTRAINT, "t_primary ON public.t"));
    }

    @Test
    void addingAColumnConstraintOrIndexReachesPartitions() {
        SchemaModel m = run("""
                CREATE TABLE p (id int, at date) PARTITION BY RANGE (at);
                CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                ALTER TABLE p ADD COLUMN note text;
                ALTER TABLE p ADD CONSTRAINT p_id_check CHECK (id > 0);
                CREATE INDEX p_note ON p (note);
                """);
        Table p1 = table(m, "public", "p1");
        assertThat(p1.column("note")).isPresent();
        assertThat(p1.constraints()).containsOnlyKeys("p_id_check");
        assertThat(p1.indexes()).containsOnlyKeys("p1_note_idx");
    }
}
