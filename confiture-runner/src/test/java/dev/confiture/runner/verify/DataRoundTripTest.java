package dev.confiture.runner.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.shadow.ScratchDatabases;
import dev.confiture.testing.TestPostgres;
import dev.confiture.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data round trip of {@link SchemaVerifier} against real PostgreSQL: rows generated before each
 * up must still be there, with their values, after that migration's down.
 */
class DataRoundTripTest {

    private static final String USERS = """
            CREATE TABLE users (
                id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email text NOT NULL UNIQUE,
                age   integer,
                bio   text
            );
            """;

    @TempDir
    Path project;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aDownThatDropsAndReAddsAColumnLosesItsValuesAndIsNamed() {
        schema("users.sql", USERS.replace("age   integer", "age   bigint"));
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        migration("002_widen_age.up.sql", "ALTER TABLE users ALTER COLUMN age TYPE bigint;");
        migration("002_widen_age.down.sql", "ALTER TABLE users DROP COLUMN age;\nALTER TABLE users ADD COLUMN age integer;");

        VerifyReport report = verify(options());

        // The catalog after the down is the one before the up: only the data shows the loss.
        assertThat(report.check(VerifyCheck.DOWN).status()).as(VerifyText.failureMessage(report)).isEqualTo("passed");
        VerifyCheck data = report.check(VerifyCheck.DATA);
        assertThat(data.status()).isEqualTo("failed");
        assertThat(report.passed()).isFalse();
        VerifyFinding lost = data.findings().stream().filter(VerifyFinding::fails).findFirst().orElseThrow();
        assertThat(lost.object()).isEqualTo("column public.users.age");
        assertThat(lost.migration()).isEqualTo("002_widen_age");
        assertThat(lost.file()).endsWith("002_widen_age.down.sql");
        assertThat(lost.message()).contains("the down of 002_widen_age loses").contains("3 of 3 row(s)");
        assertThat(lost.expected()).startsWith("before the up: ");
        assertThat(lost.actual()).isEqualTo("after the down: null");
        assertThat(data.findings()).filteredOn(f -> !f.fails()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(VerifyFinding.WARNING);
            assertThat(f.object()).isEqualTo("table public.users");
            assertThat(f.message()).contains("column order");
            assertThat(f.expected()).isEqualTo("before the up: id, email, age, bio");
            assertThat(f.actual()).isEqualTo("after the down: id, email, bio, age");
        });
        assertThat(VerifyText.failureMessage(report)).contains("[data] column public.users.age: the down of 002_widen_age loses");
    }

    @Test
    void aFaithfulDownPasses() {
        schema("users.sql", USERS.replace("age   integer", "age   bigint"));
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        migration("002_widen_age.up.sql", "ALTER TABLE users ALTER COLUMN age TYPE bigint;");
        migration("002_widen_age.down.sql", "ALTER TABLE users ALTER COLUMN age TYPE integer;");

        VerifyReport report = verify(options());

        assertThat(report.passed()).as(VerifyText.failureMessage(report)).isTrue();
        VerifyCheck data = report.check(VerifyCheck.DATA);
        assertThat(data.status()).isEqualTo("passed");
        assertThat(data.findings()).isEmpty();
        assertThat(data.summary()).startsWith("1 table(s) with rows");
        assertThat(report.notCheckedForData()).isEmpty();
    }

    @Test
    void aColumnOrderChangeTheDownDoesNotUndoIsAWarning() {
        schema("users.sql", USERS.replace("age   integer", "age   bigint"));
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        migration("002_widen_age.up.sql", "ALTER TABLE users ALTER COLUMN age TYPE bigint;");
        // The values survive (copied over), but age now comes last.
        migration("002_widen_age.down.sql", """
                ALTER TABLE users RENAME COLUMN age TO age_old;
                ALTER TABLE users ADD COLUMN age integer;
                UPDATE users SET age = age_old;
                ALTER TABLE users DROP COLUMN age_old;
                """);

        VerifyReport report = verify(options());

        assertThat(report.passed()).as(VerifyText.failureMessage(report)).isTrue();
        assertThat(report.check(VerifyCheck.DATA).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(VerifyFinding.WARNING);
            assertThat(f.object()).isEqualTo("table public.users");
            assertThat(f.migration()).isEqualTo("002_widen_age");
            assertThat(f.message()).contains("the down of 002_widen_age changes the column order");
        });
        assertThat(VerifyText.lines(report)).anySatisfy(l -> assertThat(l).contains("warning: table public.users"));
    }

    @Test
    void tablesWithChecksForeignKeysEnumsAndOtherTypesGetRows() {
        String schema = """
                CREATE TYPE order_status AS ENUM ('open', 'paid', 'shipped');
                CREATE DOMAIN positive_amount AS numeric(10, 2) CHECK (VALUE > 0);
                CREATE TABLE customers (
                    id      serial PRIMARY KEY,
                    code    varchar(3) NOT NULL UNIQUE,
                    kind    text NOT NULL CHECK (kind IN ('person', 'company')),
                    ref     uuid NOT NULL,
                    since   date NOT NULL DEFAULT current_date,
                    until   date,
                    CHECK (until IS NULL OR until > since)
                );
                CREATE TABLE orders (
                    customer_id integer NOT NULL REFERENCES customers (id),
                    number      integer NOT NULL,
                    status      order_status,
                    total       positive_amount NOT NULL,
                    tags        text[] NOT NULL,
                    attrs       jsonb NOT NULL,
                    placed_at   timestamptz NOT NULL,
                    rating      smallint CHECK (rating BETWEEN 1 AND 5),
                    PRIMARY KEY (customer_id, number)
                );
                CREATE TABLE order_lines (
                    customer_id integer NOT NULL,
                    number      integer NOT NULL,
                    line        integer NOT NULL,
                    FOREIGN KEY (customer_id, number) REFERENCES orders (customer_id, number),
                    PRIMARY KEY (customer_id, number, line)
                );
                """;
        schema("shop.sql", schema.replace("status      order_status", "status      text"));
        migration("001_shop.up.sql", schema);
        migration("001_shop.down.sql", "DROP TABLE order_lines; DROP TABLE orders; DROP TABLE customers;"
                + " DROP DOMAIN positive_amount; DROP TYPE order_status;");
        migration("002_status_as_text.up.sql", "ALTER TABLE orders ALTER COLUMN status TYPE text;");
        migration("002_status_as_text.down.sql", "ALTER TABLE orders DROP COLUMN status;\n"
                + "ALTER TABLE orders ADD COLUMN status order_status;");

        VerifyReport report = verify(options());

        assertThat(report.notCheckedForData()).as(VerifyText.lines(report).toString()).isEmpty();
        assertThat(report.check(VerifyCheck.DATA).summary()).startsWith("3 table(s) with rows");
        // Only rows in orders (enum, domain, array, json, composite key, foreign key) can show this loss.
        assertThat(report.check(VerifyCheck.DATA).findings()).filteredOn(VerifyFinding::fails)
                .extracting(VerifyFinding::object).containsExactly("column public.orders.status");
    }

    @Test
    void aTableThatGetsNoRowsIsNotedNotFailed() {
        String schema = USERS + "CREATE TABLE never (id integer PRIMARY KEY, CHECK (false));\n";
        schema("users.sql", schema + "ALTER TABLE users ADD COLUMN note text;\n");
        migration("001_create_users.up.sql", schema);
        migration("001_create_users.down.sql", "DROP TABLE never; DROP TABLE users;");
        // Rows are put in before an up: the tables of the first migration get theirs before the second.
        migration("002_add_note.up.sql", "ALTER TABLE users ADD COLUMN note text;");
        migration("002_add_note.down.sql", "ALTER TABLE users DROP COLUMN note;");

        VerifyReport report = verify(options());

        assertThat(report.passed()).as(VerifyText.failureMessage(report)).isTrue();
        assertThat(report.notCheckedForData()).singleElement().satisfies(t -> {
            assertThat(t.table()).isEqualTo("public.never");
            assertThat(t.reason()).contains("never_check");
        });
        assertThat(VerifyText.lines(report)).anySatisfy(l -> assertThat(l).contains("not checked for data: public.never"));
    }

    @Test
    void anUpThatFailsOnceTablesHoldRowsIsAWarningAndTheCatalogChecksStillRun() {
        schema("users.sql", USERS + "ALTER TABLE users ADD COLUMN phone text NOT NULL;\n");
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        migration("002_add_phone.up.sql", "ALTER TABLE users ADD COLUMN phone text NOT NULL;");
        migration("002_add_phone.down.sql", "ALTER TABLE users DROP COLUMN phone;");

        VerifyReport report = verify(options());

        assertThat(report.passed()).as(VerifyText.failureMessage(report)).isTrue();
        assertThat(report.check(VerifyCheck.DRIFT).status()).isEqualTo("passed");
        assertThat(report.check(VerifyCheck.DOWN).summary()).startsWith("2 down migration(s) checked");
        VerifyCheck data = report.check(VerifyCheck.DATA);
        assertThat(data.status()).isEqualTo("skipped");
        assertThat(data.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(VerifyFinding.WARNING);
            assertThat(f.migration()).isEqualTo("002_add_phone");
            assertThat(f.message()).contains("fails once the tables hold rows").contains("phone");
        });
    }

    @Test
    void theRoundTripCanBeTurnedOff() {
        schema("users.sql", USERS);
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");

        VerifyReport report = verify(options().withDataRoundTrip(false));

        assertThat(report.check(VerifyCheck.DATA).status()).isEqualTo("skipped");
    }

    @Test
    void aMigrationThatDeletesRowsItsDownCannotBringBackIsNamedWithTheTable() {
        schema("users.sql", USERS);
        migration("001_create_users.up.sql", USERS);
        migration("001_create_users.down.sql", "DROP TABLE users;");
        migration("002_purge_users.up.sql", "DELETE FROM users WHERE id > 1;");
        migration("002_purge_users.down.sql", "SELECT 1;");

        VerifyReport report = verify(options());

        assertThat(report.check(VerifyCheck.DATA).findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(VerifyFinding.ERROR);
            assertThat(f.object()).isEqualTo("table public.users");
            assertThat(f.migration()).isEqualTo("002_purge_users");
            assertThat(f.message()).contains("loses rows of public.users: 2 of 3 row(s)");
        });
        // The rollback went on in a fresh database, so 001 is checked too.
        assertThat(report.check(VerifyCheck.DOWN).summary()).startsWith("2 down migration(s) checked");
    }

    @Test
    void tablesThatCannotBeReadForDataLeaveTheOtherChecksRunning() {
        // to_jsonb uses a type's cast to json: this one refuses every value.
        String schema = """
                CREATE TYPE mood AS ENUM ('calm', 'cross');
                CREATE FUNCTION mood_json(mood) RETURNS json LANGUAGE plpgsql IMMUTABLE
                    AS $$ BEGIN RAISE EXCEPTION 'mood is private'; END $$;
                CREATE CAST (mood AS json) WITH FUNCTION mood_json(mood);
                CREATE TABLE moods (id integer PRIMARY KEY, mood mood NOT NULL);
                """;
        schema("moods.sql", schema + "ALTER TABLE moods ADD COLUMN note text;\n");
        migration("001_moods.up.sql", schema);
        migration("001_moods.down.sql", "DROP TABLE moods; DROP CAST (mood AS json); DROP FUNCTION mood_json(mood); DROP TYPE mood;");
        migration("002_add_note.up.sql", "ALTER TABLE moods ADD COLUMN note text;");
        migration("002_add_note.down.sql", "ALTER TABLE moods DROP COLUMN note;");

        VerifyReport report = verify(options());

        assertThat(report.passed()).as(VerifyText.failureMessage(report)).isTrue();
        assertThat(report.check(VerifyCheck.DOWN).summary()).startsWith("2 down migration(s) checked");
        VerifyCheck data = report.check(VerifyCheck.DATA);
        assertThat(data.status()).isEqualTo("skipped");
        assertThat(data.summary()).isEqualTo("not done: the tables could not be read or filled");
        assertThat(data.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(VerifyFinding.WARNING);
            assertThat(f.message()).contains("could not read or fill").contains("mood is private");
        });
    }

    // ---------------------------------------------------------------- helpers

    private VerifyReport verify(VerifyOptions options) {
        TestServer s = TestPostgres.server();
        DatabaseSettings admin = new DatabaseSettings(s.jdbcUrl(s.adminDatabase()), s.user(), s.password());
        return new SchemaVerifier(ScratchDatabases.on(admin), "the test server").verify(options);
    }

    private VerifyOptions options() {
        return VerifyOptions.of(schemaFiles(), project.resolve("db/migrations")).withLog(log::add);
    }

    private List<Path> schemaFiles() {
        Path dir = project.resolve("db/schema");
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void schema(String name, String sql) {
        write(project.resolve("db/schema").resolve(name), sql);
    }

    private void migration(String name, String sql) {
        write(project.resolve("db/migrations").resolve(name), sql);
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
