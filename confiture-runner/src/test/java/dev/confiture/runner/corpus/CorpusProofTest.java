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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * nothing of Confiture's catalog reader. For each large schema: empty -> schema -> empty. Each pair
 * is judged in both modes, shadow (PostgreSQL reads each side) and offline (the DDL interpreter), and
 * both sets of passes are counted and held; {@link #everyCorpusFileInterpretsWithoutUnsupportedStatements}
 * holds validate's promise that the interpreter reads every corpus file.
 *
 * <p>Runs when {@code CONFITURE_CORPUS} points at the corpus and the test server's major version
 * is one the local pg_dump can dump (pg_dump refuses newer servers: run it with
 * {@code CONFITURE_TEST_JDBC_URL} at the machine's PostgreSQL). Skipped cleanly otherwise.
 * The totals are a ratchet: they may only go up.
 */
class CorpusProofTest {

    /** The bar reached so far (ratchet): raise these when more pairs pass, never lower them. */
    private static final int MIN_PAIRS_UP = 34;
    private static final int MIN_PAIRS_DOWN = 34;
    private static final int MIN_SCHEMAS_UP = 4;
    private static final int MIN_SCHEMAS_DOWN = 4;
    /** The same for offline mode (the DDL interpreter); where it stays below shadow, docs/diff.md names why. */
    private static final int MIN_OFFLINE_PAIRS_UP = 34;
    private static final int MIN_OFFLINE_PAIRS_DOWN = 34;
    private static final int MIN_OFFLINE_SCHEMAS_UP = 3;
    private static final int MIN_OFFLINE_SCHEMAS_DOWN = 3;

    /**
     * Checks run side by side: each waits on the server and on pg_dump most of the time (the
     * proof's own JVM used about 35 s of CPU in a 9-minute run), so two keep a 2-core machine busy.
     */
    private static final int CHECK_THREADS = 2;

    record Outcome(String name, boolean up, boolean down, String note) {
    }

    /** One pair (or large schema) judged in both modes, and how long judging it took (for the table). */
    record Judged(Outcome shadow, Outcome offline, long millis) {
        Judged(Outcome shadow, Outcome offline) {
            this(shadow, offline, 0);
        }

        Judged timed(long startNanos) {
            return new Judged(shadow, offline, (System.nanoTime() - startNanos) / 1_000_000);
        }
    }

    /**
     * validate's promise on the corpus: the DDL interpreter (strict, as validate and offline diff run it)
     * reads every corpus file with no statement it does not support.
     */
    @Test
    void everyCorpusFileInterpretsWithoutUnsupportedStatements() throws IOException {
        Path corpus = corpus();
        List<Path> files = new ArrayList<>();
        for (String set : List.of("migra", "evolution")) {
            try (Stream<Path> dirs = Files.list(corpus.resolve(set))) {
                for (Path dir : dirs.sorted().toList()) {
                    files.add(dir.resolve("a.sql"));
                    files.add(dir.resolve("b.sql"));
                }
            }
        }
        try (Stream<Path> schemas = Files.list(corpus.resolve("schemas"))) {
            files.addAll(schemas.sorted().toList());
        }
        List<String> refused = new ArrayList<>();
        for (Path f : files) {
            try {
                DiffService.offline(List.of(SqlScript.text(corpus.relativize(f).toString(), read(f))));
            } catch (RuntimeException e) {
                refused.add(corpus.relativize(f) + ": " + firstLine(e.getMessage()));
            }
        }
        System.out.println("[corpus] " + (files.size() - refused.size()) + " of " + files.size()
                + " corpus files interpreted with no unsupported statement");
        assertThat(refused).as("corpus files the interpreter refuses").isEmpty();
    }

    private static Path corpus() {
        String corpusDir = System.getenv("CONFITURE_CORPUS");
        assumeTrue(corpusDir != null && !corpusDir.isBlank(), "CONFITURE_CORPUS is not set: corpus proof skipped");
        Path corpus = Path.of(corpusDir);
        assumeTrue(Files.isDirectory(corpus.resolve("migra")), "CONFITURE_CORPUS does not point at the corpus: " + corpus);
        return corpus;
    }

    @Test
    void everyCorpusPairMigratesUpAndDown() throws Exception {
        Path corpus = corpus();
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

        List<Judged> pairs;
        List<Judged> schemas;
        try (DeferredDrops drops = new DeferredDrops()) {
            ShadowDiff shadow = new ShadowDiff(drops.deferring(ScratchDatabases.on(
                    new DatabaseSettings(server.jdbcUrl(server.adminDatabase()), server.user(), server.password()))),
                    new CatalogReader());
            ExecutorService checks = Executors.newFixedThreadPool(CHECK_THREADS);
            try {
                // The large schemas take longest: started first, they do not end the run alone.
                List<Future<Judged>> schemaChecks = new ArrayList<>();
                try (Stream<Path> files = Files.list(corpus.resolve("schemas"))) {
                    for (Path f : files.sorted().filter(d -> selected("schemas/" + d.getFileName())).toList()) {
                        String b = read(f);
                        schemaChecks.add(checks.submit(() -> check("schemas/" + f.getFileName(), server, shadow, drops, "", b)));
                    }
                }
                List<Future<Judged>> pairChecks = new ArrayList<>();
                for (String set : List.of("migra", "evolution")) {
                    try (Stream<Path> dirs = Files.list(corpus.resolve(set))) {
                        for (Path dir : dirs.sorted().filter(d -> selected(set + "/" + d.getFileName())).toList()) {
                            String name = set + "/" + dir.getFileName();
                            String a = read(dir.resolve("a.sql"));
                            String b = read(dir.resolve("b.sql"));
                            pairChecks.add(checks.submit(() -> check(name, server, shadow, drops, a, b)));
                        }
                    }
                }
                pairs = results(pairChecks);
                schemas = results(schemaChecks);
            } finally {
                checks.shutdownNow();
            }
        }
        List<Judged> all = new ArrayList<>(pairs);
        all.addAll(schemas);
        StringBuilder table = new StringBuilder("\n%-36s %-7s %-7s %-7s %-7s %6s %s\n".formatted("pair", "sh up", "sh down",
                "off up", "off dn", "s", "note (shadow | offline)"));
        for (Judged j : all) {
            table.append("%-36s %-7s %-7s %-7s %-7s %6.1f %s\n".formatted(j.shadow().name(), pass(j.shadow().up()),
                    pass(j.shadow().down()), pass(j.offline().up()), pass(j.offline().down()), j.millis() / 1000.0,
                    (j.shadow().note() == null ? "" : j.shadow().note()) + " | "
                            + (j.offline().note() == null ? "" : j.offline().note())));
        }
        Totals shadowTotals = Totals.of(pairs, schemas, Judged::shadow);
        Totals offlineTotals = Totals.of(pairs, schemas, Judged::offline);
        table.append("shadow:  ").append(shadowTotals).append('\n');
        table.append("offline: ").append(offlineTotals).append('\n');
        System.out.println(table);
        if (System.getenv("CONFITURE_CORPUS_ONLY") != null) {
            return; // a developer's partial run: no totals to hold
        }
        Files.writeString(Path.of("target", "corpus-proof.txt"), table);
        assertThat(shadowTotals.pairsUp).as("shadow pairs passing up" + table).isGreaterThanOrEqualTo(MIN_PAIRS_UP);
        assertThat(shadowTotals.pairsDown).as("shadow pairs passing down" + table).isGreaterThanOrEqualTo(MIN_PAIRS_DOWN);
        assertThat(shadowTotals.schemasUp).as("shadow large schemas up" + table).isGreaterThanOrEqualTo(MIN_SCHEMAS_UP);
        assertThat(shadowTotals.schemasDown).as("shadow large schemas down" + table)
                .isGreaterThanOrEqualTo(MIN_SCHEMAS_DOWN);
        assertThat(offlineTotals.pairsUp).as("offline pairs passing up" + table)
                .isGreaterThanOrEqualTo(MIN_OFFLINE_PAIRS_UP);
        assertThat(offlineTotals.pairsDown).as("offline pairs passing down" + table)
                .isGreaterThanOrEqualTo(MIN_OFFLINE_PAIRS_DOWN);
        assertThat(offlineTotals.schemasUp).as("offline large schemas up" + table)
                .isGreaterThanOrEqualTo(MIN_OFFLINE_SCHEMAS_UP);
        assertThat(offlineTotals.schemasDown).as("offline large schemas down" + table)
                .isGreaterThanOrEqualTo(MIN_OFFLINE_SCHEMAS_DOWN);
    }

    private static List<Judged> results(List<Future<Judged>> checks) throws InterruptedException, ExecutionException {
        List<Judged> judged = new ArrayList<>();
        for (Future<Judged> check : checks) {
            judged.add(check.get());
        }
        return judged;
    }

    /** Passes counted for one mode. */
    record Totals(int pairs, long pairsUp, long pairsDown, int schemas, long schemasUp, long schemasDown) {
        static Totals of(List<Judged> pairs, List<Judged> schemas, java.util.function.Function<Judged, Outcome> mode) {
            return new Totals(pairs.size(), pairs.stream().map(mode).filter(Outcome::up).count(),
                    pairs.stream().map(mode).filter(Outcome::down).count(), schemas.size(),
                    schemas.stream().map(mode).filter(Outcome::up).count(),
                    schemas.stream().map(mode).filter(Outcome::down).count());
        }

        @Override
        public String toString() {
            return "pairs up %d/%d (%.0f%%), down %d/%d (%.0f%%); large schemas up %d/%d, down %d/%d".formatted(pairsUp,
                    pairs, 100.0 * pairsUp / Math.max(1, pairs), pairsDown, pairs, 100.0 * pairsDown / Math.max(1, pairs),
                    schemasUp, schemas, schemasDown, schemas);
        }
    }

    private static String pass(boolean ok) {
        return ok ? "pass" : "FAIL";
    }

    /** {@code CONFITURE_CORPUS_ONLY=regex} runs a subset while developing (and then asserts nothing). */
    private static boolean selected(String name) {
        String only = System.getenv("CONFITURE_CORPUS_ONLY");
        return only == null || java.util.regex.Pattern.compile(only).matcher(name).find();
    }

    /**
     * One pair in both modes. A and B are built and dumped once; each mode's diff is applied to a
     * database built from A. When offline mode writes the very SQL shadow mode wrote, its outcome is
     * shadow's (the same statements on the same A), which spares a second build on most pairs.
     */
    private static Judged check(String name, TestServer server, ShadowDiff shadow, DeferredDrops drops, String a, String b) {
        long start = System.nanoTime();
        return judgeBothModes(name, server, shadow, drops, a, b).timed(start);
    }

    private static Judged judgeBothModes(String name, TestServer server, ShadowDiff shadow, DeferredDrops drops,
                                         String a, String b) {
        TestDatabase dbA = null;
        TestDatabase dbB = null;
        try {
            dbA = drops.newDatabase("proof_a");
            dbB = drops.newDatabase("proof_b");
            dbA.execute(a.isBlank() ? "SELECT 1" : a);
            dbB.execute(b.isBlank() ? "SELECT 1" : b);
            Expected expected = new Expected(SchemaDump.raw(server, dbA.name()), SchemaDump.raw(server, dbB.name()));
            List<SqlScript> from = List.of(SqlScript.text(name + "/a.sql", a));
            List<SqlScript> to = List.of(SqlScript.text(name + "/b.sql", b));
            DiffResult shadowDiff = null;
            Outcome shadowOutcome;
            try {
                shadowDiff = shadow.diff(from, to);
                shadowOutcome = judge(name, "shadow", shadowDiff, server, drops, dbA, expected);
            } catch (RuntimeException e) {
                shadowOutcome = new Outcome(name, false, false, "diff failed: " + firstLine(e.getMessage()));
            }
            DiffResult offlineDiff;
            try {
                // the files run as the test server's user, who owns what they create
                offlineDiff = SchemaDiff.compare(DiffService.offline(from, server.user()),
                        DiffService.offline(to, server.user()));
            } catch (RuntimeException e) {
                return new Judged(shadowOutcome, new Outcome(name, false, false, "diff failed: " + firstLine(e.getMessage())));
            }
            if (shadowDiff != null && offlineDiff.upSql().equals(shadowDiff.upSql())
                    && offlineDiff.downSql().equals(shadowDiff.downSql())) {
                return new Judged(shadowOutcome, new Outcome(name, shadowOutcome.up(), shadowOutcome.down(), "same SQL as shadow"));
            }
            TestDatabase dbOffline = drops.newDatabase("proof_o");
            try {
                dbOffline.execute(a.isBlank() ? "SELECT 1" : a);
                return new Judged(shadowOutcome, judge(name, "offline", offlineDiff, server, drops, dbOffline, expected));
            } finally {
                drops.release(dbOffline);
            }
        } catch (RuntimeException e) {
            Outcome error = new Outcome(name, false, false, "error: " + firstLine(e.getMessage()));
            return new Judged(error, error);
        } finally {
            drops.release(dbA);
            drops.release(dbB);
        }
    }

    /** The dumps of A and B as built from their files: what up and down must reach. */
    record Expected(String rawA, String rawB) {
        List<String> dumpA() {
            return SchemaDump.normalise(rawA);
        }

        List<String> dumpB() {
            return SchemaDump.normalise(rawB);
        }
    }

    /** Applies the diff's up SQL to {@code db} (built from A), compares with B; then down, compared with A. */
    private static Outcome judge(String name, String mode, DiffResult diff, TestServer server, DeferredDrops drops,
                                 TestDatabase db, Expected expected) {
        String label = name + " (" + mode + ")";
        String upError = apply(db, diff.upSql());
        if (upError != null) {
            debug(label, "up", diff.upSql(), List.of(upError));
            return new Outcome(name, false, false, "up failed: " + upError);
        }
        List<String> notes = new ArrayList<>();
        List<String> upDifference = compare(server, drops, expected.dumpB(), expected.rawB(),
                SchemaDump.dump(server, db.name()), notes, "up");
        String downError = apply(db, diff.downSql());
        List<String> downDifference = downError != null ? List.of("down failed: " + downError)
                : compare(server, drops, expected.dumpA(), expected.rawA(), SchemaDump.dump(server, db.name()), notes, "down");
        if (!upDifference.isEmpty()) {
            debug(label, "up", diff.upSql(), upDifference);
        }
        if (!downDifference.isEmpty()) {
            debug(label, "down", diff.downSql(), downDifference);
        }
        String note = !upDifference.isEmpty() ? "up differs: " + firstLine(upDifference.get(0))
                : !downDifference.isEmpty() ? "down differs: " + firstLine(downDifference.get(0))
                : notes.isEmpty() ? null : String.join("; ", notes);
        return new Outcome(name, upDifference.isEmpty(), upDifference.isEmpty() && downDifference.isEmpty(), note);
    }

    /**
     * The expected dump against the actual one. When they differ, the expected side is taken once
     * through pg_dump and restore and compared again: PostgreSQL does not always print an expression
     * in a form that parses back to the same tree ({@code x IN ('a', 'b')} on a varchar column prints
     * as {@code ANY (ARRAY[...]::text[])}, which parses back with a cast per element), and a migration
     * can only carry what PostgreSQL prints, as pg_dump can. Such a pass is noted in the table.
     */
    private static List<String> compare(TestServer server, DeferredDrops drops, List<String> expected, String rawExpected,
                                        List<String> actual, List<String> notes, String direction) {
        List<String> difference = SchemaDump.difference(expected, actual, 12);
        if (difference.isEmpty()) {
            return difference;
        }
        TestDatabase restored = null;
        try {
            restored = drops.newDatabase("proof_rt");
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
        } finally {
            drops.release(restored);
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
            Path dir = Path.of("target", "corpus-proof", name.replace('/', '_').replace(" (", "_").replace(")", ""));
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
