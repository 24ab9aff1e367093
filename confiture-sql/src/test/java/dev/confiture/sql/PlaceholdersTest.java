package dev.confiture.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.Test;

/** Where {@code ${name}} is replaced, where it is left alone, and how an unknown one is reported. */
class PlaceholdersTest {

    private static final Path FILE = Path.of("db/migrations/001_x.up.sql");
    private final Placeholders p = new Placeholders(Map.of("schema", "app", "owner", "app_owner"), true)
            .withBuiltIns("test", "shop", "alice");

    @Test
    void replacesNamesInCodeStringsAndDollarQuotedBodies() {
        String sql = "CREATE TABLE ${schema}.t (id int);\n"
                + "COMMENT ON TABLE ${schema}.t IS 'owned by ${owner}';\n"
                + "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $fn$ SELECT '${confiture:env}' $fn$;\n"
                + "DO $$ BEGIN RAISE NOTICE '${confiture:database} ${confiture:user}'; END $$;";
        assertThat(p.apply(sql, FILE)).isEqualTo("CREATE TABLE app.t (id int);\n"
                + "COMMENT ON TABLE app.t IS 'owned by app_owner';\n"
                + "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $fn$ SELECT 'test' $fn$;\n"
                + "DO $$ BEGIN RAISE NOTICE 'shop alice'; END $$;");
    }

    @Test
    void leavesCommentsAsWrittenSoAnUnknownNameThereIsNoError() {
        String sql = "-- uses ${nowhere} and ${schema}\nSELECT 1; /* ${nor_here} /* nested ${x} */ */\n"
                + "DO $$ BEGIN -- ${inside_body}\n PERFORM 1; END $$;";
        assertThat(p.apply(sql, FILE)).isEqualTo(sql);
    }

    @Test
    void aDoubleDashInsideAStringIsNotAComment() {
        assertThat(p.apply("SELECT '-- ${schema}', E'it\\'s -- ${owner}';", FILE))
                .isEqualTo("SELECT '-- app', E'it\\'s -- app_owner';");
    }

    @Test
    void dollarParametersAndTextThatIsNoReferenceStayAsTheyAre() {
        String sql = "PREPARE q AS SELECT $1; SELECT '${ not a name }', '${}', 'x$y${';";
        assertThat(p.apply(sql, FILE)).isEqualTo(sql);
    }

    @Test
    void anUnknownNameIsAnErrorWithFileAndLineListingEveryUnknownOneAndTheKnownOnes() {
        assertThatThrownBy(() -> p.apply("SELECT 1;\nSELECT '${tenant}';\nSELECT ${Schema};", FILE))
                .isInstanceOfSatisfying(ConfitureException.class, e -> {
                    assertThat(e.code()).isEqualTo(Placeholders.CODE_UNKNOWN);
                    assertThat(e.file()).isEqualTo(FILE);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("2 unknown placeholders", FILE + ":2: ${tenant}",
                            FILE + ":3: ${Schema}", "Known placeholders: confiture:database, confiture:env,"
                                    + " confiture:user, owner, schema", "-Dconfiture.placeholders.<name>",
                            "placeholderReplacement: false");
                });
    }

    @Test
    void builtInsAreKnownBeforeTheSessionGivesTheirValues() {
        String sql = "SELECT '${confiture:user}';";
        assertThat(Placeholders.NONE.apply(sql, FILE)).isEqualTo(sql);
    }

    @Test
    void turnedOffTheTextIsRunAsWritten() {
        String sql = "SELECT '${anything}';";
        assertThat(Placeholders.OFF.apply(sql, FILE)).isEqualTo(sql);
    }
}
