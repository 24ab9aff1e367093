package dev.confiture.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confiture.model.ConfitureException;
import dev.confiture.model.schema.ObjectRef;
import dev.confiture.model.schema.SchemaModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DdlInterpreter#replayMigrations}: one model changed in place gives what a copy per migration gave. */
class MigrationReplayTest {

    private static final String SCHEMA = """
            CREATE SCHEMA app;
            CREATE TABLE app.users (id bigint PRIMARY KEY, email text NOT NULL, CONSTRAINT users_email_key UNIQUE (email));
            COMMENT ON CONSTRAINT users_email_key ON app.users IS 'one account per address';
            CREATE TABLE app.orders (id bigint PRIMARY KEY, user_id bigint REFERENCES app.users (id));
            CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch();
            COMMENT ON TRIGGER orders_touch ON app.orders IS 'keeps updated_at';
            """;

    /** Each one reads what the ones before it left, comments on constraints and triggers included. */
    private static final List<SqlSource> MIGRATIONS = List.of(
            new SqlSource("db/migrations/002_phone.up.sql", """
                    ALTER TABLE app.users ADD COLUMN phone text;
                    ALTER TABLE app.users ADD CONSTRAINT users_phone_key UNIQUE (phone);
                    COMMENT ON CONSTRAINT users_phone_key ON app.users IS 'one account per phone';
                    """),
            new SqlSource("db/migrations/003_rename.up.sql", """
                    SET search_path TO app;
                    ALTER TABLE users RENAME TO accounts;
                    COMMENT ON CONSTRAINT users_email_key ON accounts IS 'still one account per address';
                    """),
            new SqlSource("db/migrations/004_drop.up.sql", """
                    ALTER TABLE app.accounts DROP CONSTRAINT users_phone_key;
                    DROP TRIGGER orders_touch ON app.orders;
                    CREATE INDEX orders_user_idx ON app.orders (user_id);
                    CREATE TABLE audit (id int);
                    """));

    private static SchemaModel base() {
        return new DdlInterpreter().interpret(SchemaModel.empty(), List.of(new SqlSource("db/schema/app.sql", SCHEMA)));
    }

    private static SchemaModel oneCopyPerMigration(SchemaModel start, List<SqlSource> migrations) {
        SchemaModel model = start;
        for (SqlSource m : migrations) {
            model = new DdlInterpreter().interpretMigration(model, m);
        }
        return model;
    }

    @Test
    void replayingInPlaceGivesTheModelOfOneInterpretationPerMigration() {
        SchemaModel expected = oneCopyPerMigration(base(), MIGRATIONS);
        DdlInterpreter.MigrationReplay replay = new DdlInterpreter().replayMigrations(base());
        MIGRATIONS.forEach(replay::apply);

        assertThat(replay.model()).isEqualTo(expected);
        // the comments kept their model spelling, and the replay did change the model
        assertThat(expected.comments()).containsKey(new ObjectRef(ObjectRef.Kind.CONSTRAINT, "users_email_key ON app.accounts"));
        assertThat(expected.comments()).doesNotContainKey(new ObjectRef(ObjectRef.Kind.TRIGGER, "orders_touch ON app.orders"));
        assertThat(expected).isNotEqualTo(base());
    }

    @Test
    void readingTheModelBetweenMigrationsChangesNothingForTheNextOnes() {
        DdlInterpreter.MigrationReplay replay = new DdlInterpreter().replayMigrations(base());
        for (int i = 0; i < MIGRATIONS.size(); i++) {
            replay.apply(MIGRATIONS.get(i));
            assertThat(replay.model()).isEqualTo(oneCopyPerMigration(base(), MIGRATIONS.subList(0, i + 1)));
        }
    }

    @Test
    void theStartModelIsLeftAsItWas() {
        SchemaModel start = base();
        SchemaModel copy = base();
        DdlInterpreter.MigrationReplay replay = new DdlInterpreter().replayMigrations(start);
        MIGRATIONS.forEach(replay::apply);
        assertThat(start).isEqualTo(copy);
        assertThat(new DdlInterpreter().replayMigrations(start).model()).isEqualTo(start);
    }

    @Test
    void aFailingMigrationFailsWithTheErrorFileAndLineOfInterpretMigration() {
        SqlSource broken = new SqlSource("db/migrations/005_broken.up.sql",
                "CREATE TABLE ok (id int);\nALTER TABLE app.users ADD COLUMN x int;\n");
        DdlInterpreter.MigrationReplay replay = new DdlInterpreter().replayMigrations(base());
        MIGRATIONS.forEach(replay::apply); // app.users is app.accounts by now
        SchemaModel before = replay.model();
        ConfitureException copied = catchConfiture(() -> new DdlInterpreter().interpretMigration(before, broken));

        assertThatThrownBy(() -> replay.apply(broken)).isInstanceOfSatisfying(ConfitureException.class, e -> {
            assertThat(e.code()).isEqualTo("DDL_OBJECT_STATE").isEqualTo(copied.code());
            assertThat(e.file()).isEqualTo(Path.of("db/migrations/005_broken.up.sql"));
            assertThat(e.line()).isEqualTo(2).isEqualTo(copied.line());
            assertThat(e.getMessage()).isEqualTo(copied.getMessage());
        });
    }

    private static ConfitureException catchConfiture(Runnable r) {
        try {
            r.run();
        } catch (ConfitureException e) {
            return e;
        }
        throw new AssertionError("expected a ConfitureException");
    }
}
