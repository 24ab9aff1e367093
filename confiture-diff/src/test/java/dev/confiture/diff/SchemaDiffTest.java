package dev.confiture.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.confiture.model.schema.Column;
import dev.confiture.model.schema.Constraint;
import dev.confiture.model.schema.EnumType;
import dev.confiture.model.schema.Index;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.QualifiedName;
import dev.confiture.model.schema.Routine;
import dev.confiture.model.schema.RoutineSignature;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.model.schema.SchemaModelBuilder;
import dev.confiture.model.schema.Sequence;
import dev.confiture.model.schema.ColumnRef;
import dev.confiture.model.schema.Table;
import dev.confiture.model.schema.View;

/** The engine on hand-built models: one test per object kind and change kind, SQL and order checked. */
class SchemaDiffTest {

    private static final QualifiedName USERS = QualifiedName.of("public", "users");
    private static final QualifiedName POSTS = QualifiedName.of("public", "posts");

    private static Column col(String name, String type) {
        return new Column(name, type, null, false, null, null, null);
    }

    private static Table users(Column... extra) {
        List<Column> cols = new java.util.ArrayList<>(List.of(col("id", "integer").withNotNull(true), col("name", "text")));
        cols.addAll(List.of(extra));
        Table t = Table.of(USERS, cols);
        return t.withConstraints(Map.of("users_pkey", new Constraint("users_pkey", Constraint.Kind.PRIMARY_KEY,
                "PRIMARY KEY (id)", List.of("id"), null, List.of(), false, false, false)));
    }

    private static SchemaModel model(Table... tables) {
        SchemaModelBuilder b = SchemaModelBuilder.empty();
        for (Table t : tables) {
            b.tables.put(t.name(), t);
        }
        return b.build();
    }

    @Test
    void identicalModelsGiveNothing() {
        DiffResult r = SchemaDiff.compare(model(users()), model(users()));
        assertThat(r.isEmpty()).isTrue();
        assertThat(r.up()).isEmpty();
        assertThat(r.upSql()).isEmpty();
    }

    @Test
    void newTableIsCreatedAndItsDownDropsItWithAWarning() {
        DiffResult r = SchemaDiff.compare(SchemaModel.empty(), model(users()));
        assertThat(r.up()).containsExactly("CREATE TABLE public.users (\n    id integer NOT NULL,\n    name text,\n"
                + "    CONSTRAINT users_pkey PRIMARY KEY (id)\n)");
        assertThat(r.down()).containsExactly("-- WARNING: destructive: drop table public.users\nDROP TABLE public.users");
        assertThat(r.changes()).extracting(Change::kind).containsExactly(Change.Kind.CREATE);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void addedColumnAndItsDestructiveDown() {
        DiffResult r = SchemaDiff.compare(model(users()), model(users(col("bio", "text"))));
        assertThat(r.upSql()).isEqualTo("ALTER TABLE public.users ADD COLUMN bio text;\n");
        assertThat(r.downSql()).isEqualTo("-- WARNING: destructive: drop column public.users.bio\n"
                + "ALTER TABLE public.users DROP COLUMN bio;\n");
    }

    @Test
    void droppedColumnIsAWarning() {
        DiffResult r = SchemaDiff.compare(model(users(col("bio", "text"))), model(users()));
        assertThat(r.warnings()).containsExactly("destructive: drop column public.users.bio");
        assertThat(r.changes()).singleElement().satisfies(c -> {
            assertThat(c.destructive()).isTrue();
            assertThat(c.kind()).isEqualTo(Change.Kind.DROP);
            assertThat(c.object()).isEqualTo(ObjectRef.column(USERS, "bio"));
        });
    }

    @Test
    void columnOrderDoesNotCount() {
        Table a = Table.of(USERS, List.of(col("a", "text"), col("b", "text")));
        Table b = Table.of(USERS, List.of(col("b", "text"), col("a", "text")));
        assertThat(SchemaDiff.compare(model(a), model(b)).isEmpty()).isTrue();
    }

    @Test
    void renameIsNeverGuessed() {
        DiffResult r = SchemaDiff.compare(model(users(col("bio", "text"))), model(users(col("about", "text"))));
        assertThat(r.up()).containsExactly("-- WARNING: destructive: drop column public.users.bio\n"
                + "ALTER TABLE public.users DROP COLUMN bio", "ALTER TABLE public.users ADD COLUMN about text");
    }

    @Test
    void wideningNeedsNoUsingAndNoWarning() {
        DiffResult r = SchemaDiff.compare(model(users(col("n", "integer"))), model(users(col("n", "bigint"))));
        assertThat(r.up()).containsExactly("ALTER TABLE public.users ALTER COLUMN n TYPE bigint");
        assertThat(r.warnings()).isEmpty();
        assertThat(r.down()).containsExactly("-- WARNING: destructive: alter column public.users.n type bigint -> integer"
                + " (narrowing: values may not fit)\nALTER TABLE public.users ALTER COLUMN n TYPE integer");
    }

    @Test
    void textToIntegerNeedsUsing() {
        DiffResult r = SchemaDiff.compare(model(users(col("n", "text"))), model(users(col("n", "integer"))));
        assertThat(r.up()).singleElement().asString().endsWith("ALTER TABLE public.users ALTER COLUMN n TYPE integer USING n::integer");
        assertThat(r.warnings()).hasSize(1);
    }

    @Test
    void shorterVarcharIsNarrowing() {
        DiffResult r = SchemaDiff.compare(model(users(col("c", "character varying(50)"))),
                model(users(col("c", "character varying(20)"))));
        assertThat(r.warnings()).containsExactly("destructive: alter column public.users.c type character varying(50)"
                + " -> character varying(20) (narrowing: values may not fit)");
        assertThat(r.up().get(0)).startsWith("-- WARNING: destructive: ");
    }

    @Test
    void defaultNotNullAndTypeChangeOfOneColumn() {
        Column from = col("n", "integer").withDefault("0");
        Column to = col("n", "bigint").withDefault("1").withNotNull(true);
        DiffResult r = SchemaDiff.compare(model(users(from)), model(users(to)));
        assertThat(r.up()).containsExactly(
                "ALTER TABLE public.users ALTER COLUMN n DROP DEFAULT",
                "ALTER TABLE public.users ALTER COLUMN n TYPE bigint",
                "ALTER TABLE public.users ALTER COLUMN n SET DEFAULT 1",
                "ALTER TABLE public.users ALTER COLUMN n SET NOT NULL");
    }

    @Test
    void enumValuesAreAddedInPlace() {
        QualifiedName mood = QualifiedName.of("public", "mood");
        SchemaModelBuilder a = SchemaModelBuilder.empty();
        a.enums.put(mood, new EnumType(mood, List.of("sad", "happy"), null));
        SchemaModelBuilder b = SchemaModelBuilder.empty();
        b.enums.put(mood, new EnumType(mood, List.of("angry", "sad", "ok", "happy", "ecstatic"), null));
        DiffResult r = SchemaDiff.compare(a.build(), b.build());
        assertThat(r.up()).containsExactly(
                "ALTER TYPE public.mood ADD VALUE 'angry' BEFORE 'sad'",
                "ALTER TYPE public.mood ADD VALUE 'ok' AFTER 'sad'",
                "ALTER TYPE public.mood ADD VALUE 'ecstatic' AFTER 'happy'");
        // the way back removes values: the rename-recreate dance, flagged destructive
        assertThat(r.down().get(0)).startsWith("-- WARNING: destructive: recreate enum public.mood")
                .endsWith("ALTER TYPE public.mood RENAME TO mood__confiture_old");
        assertThat(r.down()).contains("CREATE TYPE public.mood AS ENUM ('sad', 'happy')", "DROP TYPE public.mood__confiture_old");
    }

    @Test
    void enumRecreateConvertsColumnsThroughText() {
        QualifiedName mood = QualifiedName.of("public", "mood");
        SchemaModelBuilder a = SchemaModelBuilder.empty();
        a.enums.put(mood, new EnumType(mood, List.of("sad", "happy"), null));
        a.tables.put(USERS, users(col("m", "public.mood").withDefault("'sad'::public.mood")));
        SchemaModelBuilder b = SchemaModelBuilder.empty();
        b.enums.put(mood, new EnumType(mood, List.of("happy", "sad"), null));
        b.tables.put(USERS, users(col("m", "public.mood").withDefault("'sad'::public.mood")));
        DiffResult r = SchemaDiff.compare(a.build(), b.build());
        assertThat(r.up()).containsExactly(
                "ALTER TYPE public.mood RENAME TO mood__confiture_old",
                "CREATE TYPE public.mood AS ENUM ('happy', 'sad')",
                "ALTER TABLE public.users ALTER COLUMN m DROP DEFAULT",
                "ALTER TABLE public.users ALTER COLUMN m TYPE public.mood USING m::text::public.mood",
                "ALTER TABLE public.users ALTER COLUMN m SET DEFAULT 'sad'::public.mood",
                "DROP TYPE public.mood__confiture_old");
    }

    @Test
    void foreignKeysComeAfterAllTablesAndGoBeforeThem() {
        Table posts = Table.of(POSTS, List.of(col("id", "integer"), col("user_id", "integer")))
                .withConstraints(Map.of("posts_user_fk", new Constraint("posts_user_fk", Constraint.Kind.FOREIGN_KEY,
                        "FOREIGN KEY (user_id) REFERENCES public.users(id)", List.of("user_id"), USERS, List.of("id"),
                        false, false, false)));
        DiffResult r = SchemaDiff.compare(SchemaModel.empty(), model(posts, users()));
        assertThat(r.up()).hasSize(3);
        assertThat(r.up().get(0)).startsWith("CREATE TABLE public.posts");
        assertThat(r.up().get(1)).startsWith("CREATE TABLE public.users");
        assertThat(r.up().get(2)).isEqualTo("ALTER TABLE public.posts ADD CONSTRAINT posts_user_fk FOREIGN KEY (user_id)"
                + " REFERENCES public.users(id)");
        assertThat(r.down().get(0)).isEqualTo("ALTER TABLE public.posts DROP CONSTRAINT posts_user_fk");
        assertThat(r.down().get(1)).contains("DROP TABLE public.posts");
        assertThat(r.down().get(2)).contains("DROP TABLE public.users");
    }

    @Test
    void viewOverAChangedColumnIsDroppedAndRecreatedAroundIt() {
        QualifiedName v = QualifiedName.of("public", "user_names");
        View view = new View(v, false, List.of("name"), " SELECT users.name\n   FROM public.users;", null, List.of(),
                Set.of(ObjectRef.table(USERS)), new TreeMap<>(), null);
        SchemaModelBuilder a = SchemaModelBuilder.empty();
        a.tables.put(USERS, users());
        a.views.put(v, view);
        SchemaModelBuilder b = SchemaModelBuilder.empty();
        Table changed = users().withColumns(List.of(col("id", "integer").withNotNull(true), col("name", "character varying(100)")));
        b.tables.put(USERS, changed);
        b.views.put(v, view);
        DiffResult r = SchemaDiff.compare(a.build(), b.build());
        assertThat(r.up()).hasSize(3);
        assertThat(r.up().get(0)).isEqualTo("DROP VIEW public.user_names");
        assertThat(r.up().get(1)).contains("ALTER TABLE public.users ALTER COLUMN name TYPE character varying(100)");
        assertThat(r.up().get(2)).isEqualTo("CREATE VIEW public.user_names (name) AS\nSELECT users.name\n   FROM public.users");
        assertThat(r.changes()).extracting(Change::description).contains("drop view public.user_names (recreated below)");
    }

    @Test
    void functionUsedByADefaultExistsBeforeTheTable() {
        RoutineSignature sig = new RoutineSignature(QualifiedName.of("public", "next_code"), List.of());
        Routine fn = new Routine(sig, Routine.Kind.FUNCTION, "text", "sql",
                "CREATE OR REPLACE FUNCTION public.next_code()\n RETURNS text\n LANGUAGE sql\nAS $function$select 'x'$function$",
                Set.of(), null);
        SchemaModelBuilder b = SchemaModelBuilder.empty();
        b.routines.put(sig, fn);
        b.tables.put(USERS, users(col("code", "text").withDefault("public.next_code()")));
        DiffResult r = SchemaDiff.compare(SchemaModel.empty(), b.build());
        assertThat(r.up().get(0)).isEqualTo("SET check_function_bodies = false");
        assertThat(r.up().get(1)).startsWith("CREATE OR REPLACE FUNCTION public.next_code()");
        assertThat(r.up().get(2)).startsWith("CREATE TABLE public.users").contains("code text DEFAULT public.next_code()");
        assertThat(r.down()).last().asString().contains("DROP FUNCTION public.next_code()");
    }

    @Test
    void serialSequenceIsCreatedBeforeAndOwnedAfterTheTable() {
        QualifiedName seqName = QualifiedName.of("public", "users_id_seq");
        Sequence seq = new Sequence(seqName, "integer", 1, 1, 1, Integer.MAX_VALUE, 1, false,
                new ColumnRef(USERS, "id"), null);
        SchemaModelBuilder b = SchemaModelBuilder.empty();
        b.sequences.put(seqName, seq);
        b.tables.put(USERS, users().withColumns(List.of(col("id", "integer").withNotNull(true)
                .withDefault("nextval('public.users_id_seq'::regclass)"))));
        DiffResult r = SchemaDiff.compare(SchemaModel.empty(), b.build());
        assertThat(r.up().get(0)).startsWith("CREATE SEQUENCE public.users_id_seq AS integer");
        assertThat(r.up().get(1)).startsWith("CREATE TABLE public.users");
        assertThat(r.up().get(2)).isEqualTo("ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id");
        // going down, the table takes its owned sequence with it
        assertThat(r.down()).last().asString().endsWith("DROP SEQUENCE IF EXISTS public.users_id_seq");
    }

    @Test
    void changedIndexIsDroppedAndCreated() {
        Index a = new Index(QualifiedName.of("public", "users_name_idx"), USERS, false, "btree", List.of("name"),
                List.of(), null, false, null);
        Index b = new Index(a.name(), USERS, false, "btree", List.of("lower(name)"), List.of(), "(name IS NOT NULL)",
                false, null);
        DiffResult r = SchemaDiff.compare(model(users().withIndexes(Map.of("users_name_idx", a))),
                model(users().withIndexes(Map.of("users_name_idx", b))));
        assertThat(r.up()).containsExactly("DROP INDEX public.users_name_idx",
                "CREATE INDEX users_name_idx ON public.users USING btree (lower(name)) WHERE (name IS NOT NULL)");
    }

    @Test
    void commentsAreSetAndRemoved() {
        SchemaModelBuilder a = SchemaModelBuilder.empty();
        a.tables.put(USERS, users());
        a.comments.put(ObjectRef.table(USERS), "People");
        SchemaModelBuilder b = SchemaModelBuilder.empty();
        b.tables.put(USERS, users());
        b.comments.put(ObjectRef.column(USERS, "name"), "It's their name");
        DiffResult r = SchemaDiff.compare(a.build(), b.build());
        assertThat(r.up()).containsExactlyInAnyOrder("COMMENT ON COLUMN public.users.name IS 'It''s their name'",
                "COMMENT ON TABLE public.users IS NULL");
    }

    /** migra/inherit2's down: a column moves from the child up to its parent, where the child inherits it. */
    @Test
    void aColumnMovedUpToTheParentIsInheritedNotMergedIntoTheChildsOwn() {
        QualifiedName base = QualifiedName.of("public", "base");
        QualifiedName child = QualifiedName.of("public", "child");
        Table childWithE = Table.of(child, List.of(col("a1", "integer"), col("e", "integer")));
        Table inheriting = new Table(child, childWithE.columns(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(), false, null, null, null, List.of(base), false, false, null);
        SchemaModelBuilder a = SchemaModelBuilder.empty();
        a.tables.put(base, Table.of(base, List.of(col("created_at", "timestamp without time zone"))));
        a.tables.put(child, inheriting);
        SchemaModelBuilder b = SchemaModelBuilder.empty();
        b.tables.put(base, Table.of(base, List.of(col("created_at", "timestamp without time zone"), col("e", "integer"))));
        b.tables.put(child, inheriting.withInheritedOnly(java.util.Set.of("e")));
        DiffResult r = SchemaDiff.compare(a.build(), b.build());
        assertThat(r.up()).containsExactly("-- WARNING: destructive: drop column public.child.e\n"
                + "ALTER TABLE public.child DROP COLUMN e", "ALTER TABLE public.base ADD COLUMN e integer");
        // and back: the parent's drop takes the inherited copy, the child gets its own again
        assertThat(r.down()).containsExactly("-- WARNING: destructive: drop column public.base.e\n"
                + "ALTER TABLE public.base DROP COLUMN e", "ALTER TABLE public.child ADD COLUMN e integer");

        // where the target's child has it as its own too, the parent's ADD merges into it: its values stay
        SchemaModelBuilder merged = SchemaModelBuilder.empty();
        merged.tables.putAll(b.tables);
        merged.tables.put(child, inheriting);
        DiffResult m = SchemaDiff.compare(a.build(), merged.build());
        assertThat(m.up()).containsExactly("ALTER TABLE public.base ADD COLUMN e integer");
        assertThat(m.down()).containsExactly("-- WARNING: destructive: drop column public.base.e\n"
                + "ALTER TABLE public.base DROP COLUMN e");
    }

    @Test
    void aDroppedExtensionTakesItsCommentAlong() {
        SchemaModelBuilder a = SchemaModelBuilder.empty();
        a.extensions.put("btree_gist", new dev.confiture.model.schema.Extension("btree_gist", "public", null));
        a.comments.put(new ObjectRef(ObjectRef.Kind.EXTENSION, "btree_gist"), "support for indexing common datatypes");
        DiffResult r = SchemaDiff.compare(a.build(), SchemaModel.empty());
        assertThat(r.upSql()).contains("DROP EXTENSION IF EXISTS btree_gist").doesNotContain("COMMENT");
    }

    @Test
    void grantsAreGrantedAndRevoked() {
        SchemaModelBuilder a = SchemaModelBuilder.empty();
        a.tables.put(USERS, users());
        a.grants.add(new dev.confiture.model.schema.Grant(ObjectRef.table(USERS), "PUBLIC", "SELECT", false));
        SchemaModelBuilder b = SchemaModelBuilder.empty();
        b.tables.put(USERS, users());
        b.grants.add(new dev.confiture.model.schema.Grant(ObjectRef.column(USERS, "name"), "app", "UPDATE", false));
        DiffResult r = SchemaDiff.compare(a.build(), b.build());
        assertThat(r.up()).containsExactlyInAnyOrder("GRANT UPDATE (name) ON TABLE public.users TO app",
                "REVOKE SELECT ON TABLE public.users FROM PUBLIC");
    }

    @Test
    void enumExtensionDetection() {
        assertThat(Differ.isInOrderExtension(List.of("a", "b"), List.of("a", "x", "b"))).isTrue();
        assertThat(Differ.isInOrderExtension(List.of("a", "b"), List.of("b", "a"))).isFalse();
        assertThat(Differ.isInOrderExtension(List.of("a", "b"), List.of("a"))).isFalse();
    }

    @Test
    void typeChangeThroughTextIsMarkedForReviewAndOneWithoutConversionDropsAndAdds() {
        DiffResult r = SchemaDiff.compare(model(users(col("day", "integer"))), model(users(col("day", "date"))));
        assertThat(r.upSql()).isEqualTo("-- WARNING: destructive: alter column public.users.day type integer -> date"
                + " (narrowing: values may not fit)\n-- REVIEW: no cast from integer to date: the values go through text;"
                + " check they convert\nALTER TABLE public.users ALTER COLUMN day TYPE date USING day::text::date;\n");
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("review: alter column public.users.day"));
        assertThat(r.downSql()).isEqualTo("-- WARNING: destructive: drop column public.users.day\n"
                + "ALTER TABLE public.users DROP COLUMN day;\nALTER TABLE public.users ADD COLUMN day integer;\n");
        DiffResult uuid = SchemaDiff.compare(model(users(col("ref", "bigint"))), model(users(col("ref", "uuid"))));
        assertThat(uuid.upSql()).contains("DROP COLUMN ref;").contains("ADD COLUMN ref uuid;").doesNotContain("USING");
        assertThat(uuid.warnings()).containsExactly("destructive: drop column public.users.ref");
    }

    @Test
    void typeChangeRules() {
        Map<String, String> none = Map.of();
        assertThat(TypeChanges.conversion("integer", "bigint", none)).isEqualTo(TypeChanges.Conversion.ASSIGNMENT);
        assertThat(TypeChanges.conversion("integer", "text", none)).isEqualTo(TypeChanges.Conversion.ASSIGNMENT);
        assertThat(TypeChanges.conversion("integer[]", "text", none)).isEqualTo(TypeChanges.Conversion.ASSIGNMENT);
        assertThat(TypeChanges.conversion("text", "integer", none)).isEqualTo(TypeChanges.Conversion.CAST);
        assertThat(TypeChanges.conversion("text", "public.mood", none)).isEqualTo(TypeChanges.Conversion.CAST);
        assertThat(TypeChanges.conversion("integer", "boolean", none)).isEqualTo(TypeChanges.Conversion.CAST);
        assertThat(TypeChanges.conversion("integer[]", "bigint[]", none)).isEqualTo(TypeChanges.Conversion.ASSIGNMENT);
        assertThat(TypeChanges.conversion("integer", "date", none)).isEqualTo(TypeChanges.Conversion.THROUGH_TEXT);
        assertThat(TypeChanges.conversion("public.a", "public.b", none)).isEqualTo(TypeChanges.Conversion.THROUGH_TEXT);
        assertThat(TypeChanges.conversion("bigint", "uuid", none)).isEqualTo(TypeChanges.Conversion.NONE);
        assertThat(TypeChanges.conversion("date", "integer", none)).isEqualTo(TypeChanges.Conversion.NONE);
        assertThat(TypeChanges.conversion("integer", "integer[]", none)).isEqualTo(TypeChanges.Conversion.NONE);
        // a domain converts as its base type, through a chain of domains too
        Map<String, String> domains = Map.of("public.day", "date", "public.posint", "integer", "public.small", "public.posint");
        assertThat(TypeChanges.conversion("integer", "public.posint", domains)).isEqualTo(TypeChanges.Conversion.ASSIGNMENT);
        assertThat(TypeChanges.conversion("public.small", "bigint", domains)).isEqualTo(TypeChanges.Conversion.ASSIGNMENT);
        assertThat(TypeChanges.conversion("integer", "public.day", domains)).isEqualTo(TypeChanges.Conversion.THROUGH_TEXT);
        assertThat(TypeChanges.conversion("uuid[]", "public.posint[]", domains)).isEqualTo(TypeChanges.Conversion.NONE);
        assertThat(TypeChanges.using("s", TypeChanges.Conversion.THROUGH_TEXT, "public.b")).isEqualTo("s::text::public.b");
        assertThat(TypeChanges.using("s", TypeChanges.Conversion.CAST, "integer")).isEqualTo("s::integer");
        assertThat(TypeChanges.using("s", TypeChanges.Conversion.ASSIGNMENT, "bigint")).isNull();
        assertThat(TypeChanges.narrows("character(20)", "text")).isFalse();
        assertThat(TypeChanges.narrows("numeric(10,2)", "numeric(12,2)")).isFalse();
        assertThat(TypeChanges.narrows("numeric(10,2)", "numeric(10,1)")).isTrue();
        assertThat(TypeChanges.narrows("bigint", "integer")).isTrue();
        assertThat(TypeChanges.narrows("timestamp(3) without time zone", "timestamp(6) without time zone")).isFalse();
    }
}
