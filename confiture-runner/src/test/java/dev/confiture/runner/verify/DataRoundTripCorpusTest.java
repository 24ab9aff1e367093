package dev.confiture.runner.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.shadow.ScratchDatabases;
import dev.confiture.testing.TestPostgres;
import dev.confiture.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data round trip on a real schema: the corpus's adventureworks (68 tables, 5 schemas, domains,
 * CHECKs, foreign keys) created by one migration, then a second migration, so that every table gets
 * rows before the second up and is compared after its down. Prints how many tables got rows and the
 * time with and without the round trip (a measurement, not asserted). Runs when
 * {@code CONFITURE_CORPUS} points at the corpus; skipped otherwise.
 */
class DataRoundTripCorpusTest {

    private static final String PROBE = "CREATE TABLE public.verify_probe (id integer);\n";

    @TempDir
    Path project;

    @Test
    void adventureworksTablesGetRowsAndAFaithfulDownPasses() throws IOException {
        String corpus = System.getenv("CONFITURE_CORPUS");
        assumeTrue(corpus != null && !corpus.isBlank(), "CONFITURE_CORPUS is not set: skipped");
        Path schema = Path.of(corpus, "schemas", "adventureworks.sql");
        assumeTrue(Files.isRegularFile(schema), "no " + schema);
        String ddl = Files.readString(schema);
        Path schemaDir = Files.createDirectories(project.resolve("db/schema"));
        Files.writeString(schemaDir.resolve("adventureworks.sql"), ddl);
        Files.writeString(schemaDir.resolve("probe.sql"), PROBE);
        Path migrations = Files.createDirectories(project.resolve("db/migrations"));
        Files.writeString(migrations.resolve("001_adventureworks.up.sql"), ddl);
        Files.writeString(migrations.resolve("002_probe.up.sql"), PROBE);
        Files.writeString(migrations.resolve("002_probe.down.sql"), "DROP TABLE public.verify_probe;\n");
        VerifyOptions options = VerifyOptions.of(List.of(schemaDir.resolve("adventureworks.sql"), schemaDir.resolve("probe.sql")),
                migrations).withLog(line -> {
                    if (line.contains("rows in")) {
                        System.out.println(line.trim());
                    }
                });

        // Alternated, twice each, so that the machine's load changing during the run shows.
        List<Long> withoutMs = new java.util.ArrayList<>();
        List<Long> withMs = new java.util.ArrayList<>();
        VerifyReport without = null;
        VerifyReport with = null;
        for (int run = 0; run < 2; run++) {
            without = verifier().verify(options.withDataRoundTrip(false));
            withoutMs.add(without.durationMs());
            with = verifier().verify(options);
            withMs.add(with.durationMs());
        }

        VerifyCheck data = with.check(VerifyCheck.DATA);
        System.out.println("adventureworks data round trip: " + data.status() + ", " + data.summary());
        with.notCheckedForData().forEach(t -> System.out.println("  not checked: " + t.table() + ": " + t.reason()));
        System.out.println("verify without the data round trip: " + withoutMs + " ms, with it: " + withMs + " ms");
        assertThat(data.status()).as(VerifyText.lines(with).toString()).isEqualTo("passed");
        assertThat(with.check(VerifyCheck.DRIFT).status()).isEqualTo(without.check(VerifyCheck.DRIFT).status());
        assertThat(data.summary()).doesNotStartWith("0 table(s)");
    }

    private static SchemaVerifier verifier() {
        TestServer s = TestPostgres.server();
        return new SchemaVerifier(ScratchDatabases.on(new DatabaseSettings(s.jdbcUrl(s.adminDatabase()), s.user(), s.password())),
                "the test server");
    }
}
