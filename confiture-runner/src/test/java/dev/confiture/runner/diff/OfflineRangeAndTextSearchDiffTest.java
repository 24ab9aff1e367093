package dev.confiture.runner.diff;

import static dev.confiture.runner.diff.BothReaders.interpret;
import static dev.confiture.runner.diff.BothReaders.run;
import static dev.confiture.runner.diff.BothReaders.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import dev.confiture.diff.DiffResult;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/**
 * Objects that tables and routines are made of, in an order PostgreSQL accepts: a text search
 * configuration before the generated column that names it, a range type after the function it is made of
 * and before the column and the function that use it, and the other way round on the way down. Each plan
 * is run on a real database built from the other side.
 */
class OfflineRangeAndTextSearchDiffTest {

    private static final String BEFORE = "CREATE TABLE bookings (id integer);\n";
    private static final String AFTER = """
            CREATE TEXT SEARCH CONFIGURATION my_english (COPY = english);
            CREATE FUNCTION float_diff(a float8, b float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$ SELECT a - b $$;
            CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float_diff);
            CREATE FUNCTION width(r floatrange) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$ SELECT upper(r) - lower(r) $$;
            CREATE TABLE bookings (id integer, score floatrange, slots floatmultirange);
            CREATE TABLE notes (body text, words tsvector GENERATED ALWAYS AS (to_tsvector('my_english', body)) STORED);
            """;
    /** The range type defined otherwise: dropped and created again, before anything else is created. */
    private static final String CHANGED = """
            CREATE TABLE bookings (id integer);
            CREATE TYPE floatrange AS RANGE (subtype = float8);
            """;

    @Test
    void rangeTypesAndTextSearchConfigurationsAreCreatedAndDroppedInDependencyOrder() throws SQLException {
        try (TestDatabase db = TestPostgres.newDatabase("range_ts")) {
            db.execute(BEFORE);
            DiffResult diff = SchemaDiff.compare(interpret(BEFORE), interpret(AFTER));
            // the constructor functions and the cast come with the type: a plan never writes them
            assertThat(diff.upSql()).doesNotContain("multirange_constructor").doesNotContainIgnoringCase("create cast");
            run(db, diff.up());
            assertThat(count(db, "SELECT count(*) FROM notes WHERE words @@ to_tsquery('my_english', 'x')")).isZero();
            assertThat(count(db, "SELECT count(*) FROM pg_range WHERE rngtypid = 'floatrange'::regtype")).isOne();
            run(db, diff.down());
            assertThat(count(db, "SELECT count(*) FROM pg_type WHERE typname IN ('floatrange', 'floatmultirange')"))
                    .isZero();
            assertThat(count(db, "SELECT count(*) FROM pg_ts_config WHERE cfgname = 'my_english'")).isZero();

            db.execute("CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi)");
            DiffResult redefined = SchemaDiff.compare(interpret(BEFORE
                    + "CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);"), interpret(CHANGED));
            run(db, redefined.up());
            assertThat(count(db, "SELECT count(*) FROM pg_range WHERE rngtypid = 'floatrange'::regtype"
                    + " AND rngsubdiff = 0")).isOne();
        }
    }

    private static long count(TestDatabase db, String query) throws SQLException {
        return Long.parseLong(text(db, query));
    }
}
