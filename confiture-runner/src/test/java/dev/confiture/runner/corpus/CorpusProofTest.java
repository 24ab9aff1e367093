package dev.confiture.runner.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.confiture.diff.DiffResult;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.runner.diff.DiffService;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.catalog.CatalogReader;
import dev.confiture.runner.shadow.ScratchDatabases;
import dev.confiture.runner.shadow.ShadowDiff;
import dev.confiture.runner.shadow.SqlScript;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;
import dev.confiture.testing.TestServer;

/**
 * The proof of issue 3: for every corpus pair (A, B), the shadow-mode diff's up migration takes a
 * database built from A to exactly B, and its down migration takes it back to A, as judged by an
 * independent check: normalised {@code pg_dump --schema-only} (see {@link SchemaDump}), which knows
 * nothing of Confiture's catalog reader. For each large schema: empty -> schema -> empty.
 *
 * <p>Runs when {@code CONFITURE_CORPUS} points at the corpus and the test server's major version
 * is one the local pg_dump can dump (pg_dump refuses newer servers: run it with
 * {@code CONFITURE_TEST_JDBC_URL} at the machine's PostgreSQL). Skipped cleanly otherwise.
 * The totals are a ratchet: they may only go up.
 */
class CorpusProofTest {

    /** The bar reached so far (ratchet): raise these when more pairs pass, never lower them. */
    private static final int MIN_PAIRS_UP = 34;
    private static final int MIN_PAIRS_DOWN = 33;
    private static final int MIN_SCHEMAS_UP = 4;
    private static final int MIN_SCHEMAS_DOWN = 4;

    /** {@code CONFITURE_CORPUS_MODE=offline} measures the offline mode (the DDL interpreter) instead; no ratchet then. */
    private static final boolean OFFLINE = "offline".equals(System.getenv("CONFITURE_CORPUS_MODE"));

    record Outcome(String name, boolean up, boolean down, String note) {
    }

    @Test
    void everyCorpusPairMigratesUpAndDown() throws Exception {
        String corpusDir = System.getenv("CONFITURE_CORPUS");
        assumeTrue(corpusDir != null && !corpusDir.isBlank(), "CONFITURE_CORPUS is not set: corpus proof skipped");
        Path corpus = Path.of(corpusDir);
        assumeTrue(Files.isDirectory(corpus.resolve("migra")), "CONFITURE_CORPUS does not point at the corpus: " + corpus);
        TestServer server = TestPostgres.server();
        int serverMajor;
        try (Connection c = server.connect(server.adminDatabase()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            serverMajor = rs.getInt(1);
        }
        int dumpMajor = SchemaDump.pgDumpMajor();
        assumeTrue(dumpMajor >= serverMajor, "pg_dump " + dumpMajor + " cannot dump the PostgreSQL " + serverMajor
                + " test server: set CONFITURE_TEST_JDBC_URL to a server pg_dump supports (the machine's PostgreSQL)");

        ShadowDiff shadow = new ShadowDiff(ScratchDatabases.on(
                new DatabaseSettings(server.jdbcUrl(server.adminDatabase()), server.user(), server.password())),
                new CatalogReader());
        List<Outcome> pairs = new ArrayList<>();
        for (String set : List.of("migra", "evolution")) {
            try (Stream<Path> dirs = Files.list(corpus.resolve(set))) {
                for (Path dir : dirs.sorted().filter(d -> selected(set + "/" + d.getFileName())).toList()) {
                    pairs.add(check(set + "/" + dir.getFileName(), server, shadow,
                            read(dir.resolve("a.sql")), read(dir.resolve("b.sql"))));
                }
            }
        }
        List<Outcome> schemas = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus.resolve("schemas"))) {
            for (Path f : files.sorted().filter(d -> selected("schemas/" + d.getFileName())).toList()) {
                schemas.add(check("schemas/" + f.getFileName(), server, shadow, "", read(f)));
            }
        }
        if (System.getenv("CONFITURE_CORPUS_ONLY") != null || OFFLINE) {
            System.out.println(report(pairs, schemas));
            return; // a developer's partial run: no totals to hold
        }
        long pairsUp = pairs.stream().filter(Outcome::up).count();
        long pairsDown = pairs.stream().filter(Outcome::down).count();
        long schemasUp = schemas.stream().filter(Outcome::up).count();
        long schemasDown = schemas.stream().filter(Outcome::down).count();
        StringBuilder table = new StringBuilder("\n%-40s %-5s %-5s %s\n".formatted("pair", "up", "down", "note"));
        for (Outcome o : concat(pairs, schemas)) {
            table.append("%-40s %-5s %-5s %s\n".formatted(o.name(), o.up() ? "pass" : "FAIL", o.down() ? "pass" : "FAIL",
                    o.note() == null ? "" : o.note()));
        }
        table.append("pairs: up %d/%d (%.0f%%), down %d/%d (%.0f%%); large schemas: up %d/%d, down %d/%d\n".formatted(
                pairsUp, pairs.size(), 100.0 * pairsUp / pairs.size(), pairsDown, pairs.size(),
                100.0 * pairsDown / pairs.size(), schemasUp, schemas.size(), schemasDown, schemas.size()));
        System.out.println(table);
        Files.writeString(Path.of("target", "corpus-proof.txt"), table);
        assertThat(pairsUp).as("pairs passing up" + table).isGreaterThanOrEqualTo(MIN_PAIRS_UP);
        assertThat(pairsDown).as("pairs passing down" + table).isGreaterThanOrEqualTo(MIN_PAIRS_DOWN);
        assertThat(schemasUp).as("large schemas up" + table).isGreaterThanOrEqualTo(MIN_SCHEMAS_UP);
        assertThat(schemasDown).as("large schemas down" + table).isGreaterThanOrEqualTo(MIN_SCHEMAS_DOWN);
    }

    /** {@code CONFITURE_CORPUS_ONLY=regex} runs a subset while developing (and then asserts nothing). */
    private static boolean selected(String name) {
        String only = System.getenv("CONFITURE_CORPUS_ONLY");
        return only == null || java.util.regex.Pattern.compile(only).matcher(name).find();
    }

    private static String report(List<Outcome> pairs, List<Outcome> schemas) {
        StringBuilder table = new StringBuilder();
        for (Outcome o : concat(pairs, schemas)) {
            table.append("%-40s %-5s %-5s %s\n".formatted(o.name(), o.up() ? "pass" : "FAIL", o.down() ? "pass" : "FAIL",
                    o.note() == null ? "" : o.note()));
        }
        return table.toString();
    }

    private static List<Outcome> concat(List<Outcome> a, List<Outcome> b) {
        List<Outcome> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Outcome check(String name, TestServer server, ShadowDiff shadow, String a, String b) {
        try (TestDatabase dbA = TestPostgres.newDatabase("proof_a"); TestDatabase dbB = TestPostgres.newDatabase("proof_b")) {
            dbA.execute(a.isBlank() ? "SELECT 1" : a);
            dbB.execute(b.isBlank() ? "SELECT 1" : b);
            String rawA = SchemaDump.raw(server, dbA.name());
            String rawB = SchemaDump.raw(server, dbB.name());
            List<String> dumpA = SchemaDump.normalise(rawA);
            List<String> dumpB = SchemaDump.normalise(rawB);
            DiffResult diff;
            try {
                List<SqlScript> from = List.of(SqlScript.text(name + "/a.sql", a));
                List<SqlScript> to = List.of(SqlScript.text(name + "/b.sql", b));
                diff = OFFLINE ? SchemaDiff.compare(DiffService.offline(from), DiffService.offline(to))
                        : shadow.diff(from, to);
            } catch (RuntimeException e) {
                return new Outcome(name, false, false, "diff failed: " + firstLine(e.getMessage()));
            }
            String upError = apply(dbA, diff.upSql());
            if (upError != null) {
                debug(name, "up", diff.upSql(), List.of(upError));
                return new Outcome(name, false, false, "up failed: " + upError);
            }
            List<String> notes = new ArrayList<>();
            List<String> upDifference = compare(server, dumpB, rawB, SchemaDump.dump(server, dbA.name()), notes, "up");
            String downError = apply(dbA, diff.downSql());
            List<String> downDifference = downError != null ? List.of("down failed: " + downError)
                    : compare(server, dumpA, rawA, SchemaDump.dump(server, dbA.name()), notes, "down");
            if (!upDifference.isEmpty()) {
                debug(name, "up", diff.upSql(), upDifference);
            }
            if (!downDifference.isEmpty()) {
                debug(name, "down", diff.downSql(), downDifference);
            }
            String note = !upDifference.isEmpty() ? "up differs: " + firstLine(upDifference.get(0))
                    : !downDifference.isEmpty() ? "down differs: " + firstLine(downDifference.get(0))
                    : notes.isEmpty() ? null : String.join("; ", notes);
            return new Outcome(name, upDifference.isEmpty(), upDifference.isEmpty() && downDifference.isEmpty(), note);
        } catch (RuntimeException e) {
            return new Outcome(name, false, false, "error: " + firstLine(e.getMessage()));
        }
    }

    /**
     * The expected dump against the actual one. When they differ, the expected side is taken once
     * through pg_dump and restore and compared again: PostgreSQL does not always print an expression
     * in a form that parses back to the same tree ({@code x IN ('a', 'b')} on a varchar column prints
     * as {@code ANY (ARRAY[...]::text[])}, which parses back with a cast per element), and a migration
     * can only carry what PostgreSQL prints, as pg_dump can. Such a pass is noted in the table.
     */
    private static List<String> compare(TestServer server, List<String> expected, String rawExpected, List<String> actual,
                                        List<String> notes, String direction) {
        List<String> difference = SchemaDump.difference(expected, actual, 12);
        if (difference.isEmpty()) {
            return difference;
        }
        try (TestDatabase restored = TestPostgres.newDatabase("proof_rt")) {
            try (Connection c = restored.connect()) {
                new dev.confiture.runner.shadow.ScriptApplier(c).apply(SqlScript.text("pg_dump", rawExpected));
            } catch (SQLException e) {
                return difference;
            }
            List<String> roundTrip = SchemaDump.difference(SchemaDump.dump(server, restored.name()), actual, 12);
            if (roundTrip.isEmpty()) {
                notes.add(direction + " equal to the expected schema after one pg_dump/restore round trip");
            }
            return roundTrip;
        } catch (RuntimeException e) {
            return difference;
        }
    }

    /** Runs a migration as the runner does: one transaction; the first error is returned, not thrown. */
    private static String apply(TestDatabase db, String sql) {
        if (sql.isBlank()) {
            return null;
        }
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(sql);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                return firstLine(e.getMessage());
            }
        } catch (SQLException e) {
            return firstLine(e.getMessage());
        }
        return null;
    }

    private static void debug(String name, String direction, String sql, List<String> difference) {
        try {
            Path dir = Path.of("target", "corpus-proof", name.replace('/', '_'));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(direction + ".sql"), sql);
            Files.writeString(dir.resolve(direction + ".difference.txt"), String.join("\n", difference));
        } catch (IOException ignored) {
            // debugging output only
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().split("\n")[0];
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
