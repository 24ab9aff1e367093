package dev.confiture.runner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import dev.confiture.diff.DiffResult;
import dev.confiture.diff.SchemaDiff;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.model.schema.SchemaModel;
import dev.confiture.runner.catalog.CatalogReader;
import dev.confiture.runner.shadow.ScratchDatabases;
import dev.confiture.runner.shadow.ShadowDiff;
import dev.confiture.runner.shadow.SqlScript;

/**
 * The speed check of issue 3, run by {@code bench/diff-bench.sh}: diff a large schema against
 * itself with one table changed, in shadow mode (and offline when the DDL interpreter is on the
 * classpath), against the time {@code psql -1 -f} needs to load the schema, all in the same run.
 * Arguments: the schema file, a JDBC URL of a server where databases may be created (user in the URL).
 */
public final class DiffBench {

    public static void main(String[] args) throws Exception {
        Path schema = Path.of(args[0]);
        String url = args[1];
        String original = Files.readString(schema);
        String changed = original.replaceFirst("CREATE TABLE artist \\(", "CREATE TABLE artist (\n    bench_note TEXT,");
        if (changed.equals(original)) {
            changed = original + "\nCREATE TABLE bench_extra (id integer PRIMARY KEY);\n";
        }
        if (args.length > 2 && args[2].equals("offline-only")) {
            offline(original, changed, Double.NaN);
            return;
        }
        DatabaseSettings admin = settings(url);
        ScratchDatabases scratch = ScratchDatabases.on(admin);

        // baseline: psql -1 -f into a fresh database
        double load = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            DatabaseSettings db = scratch.create();
            try {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", schema.toString(),
                        "-d", libpqUrl(db.jdbcUrl(), admin)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("psql failed to load " + schema);
                }
                load = Math.min(load, seconds(t0));
            } finally {
                scratch.drop(db);
            }
        }

        // catalog read alone, on a loaded database
        double read = Double.MAX_VALUE;
        DatabaseSettings loaded = scratch.create();
        try {
            try (Connection c = dev.confiture.jdbc.Connections.connect(loaded); Statement st = c.createStatement()) {
                st.execute(original);
            }
            for (int i = 0; i < 5; i++) {
                try (Connection c = dev.confiture.jdbc.Connections.connect(loaded)) {
                    long t0 = System.nanoTime();
                    new CatalogReader().read(c);
                    read = Math.min(read, seconds(t0));
                }
            }
        } finally {
            scratch.drop(loaded);
        }

        ShadowDiff shadow = new ShadowDiff(scratch, new CatalogReader());
        List<SqlScript> from = List.of(SqlScript.text("a", original));
        List<SqlScript> to = List.of(SqlScript.text("b", changed));
        double oneSide = Double.MAX_VALUE;
        double diffOnly = Double.MAX_VALUE;
        DiffResult result = null;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            SchemaModel a = shadow.model(from);
            oneSide = Math.min(oneSide, seconds(t0));
            SchemaModel b = shadow.model(to);
            long t1 = System.nanoTime();
            result = SchemaDiff.compare(a, b);
            diffOnly = Math.min(diffOnly, seconds(t1));
        }
        // what confiture:diff runs: both sides at once, each in its own scratch database
        double shadowTime = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            result = shadow.diff(from, to);
            shadowTime = Math.min(shadowTime, seconds(t0));
        }

        System.out.printf("schema:                    %s%n", schema.getFileName());
        System.out.printf("psql -1 -f load (best of 3): %.3f s%n", load);
        System.out.printf("catalog read (best of 5):    %.3f s  (%.2f x load)%n", read, read / load);
        System.out.printf("one side: load+read (best of 3): %.3f s  (%.2f x load)%n", oneSide, oneSide / load);
        System.out.printf("model diff+plan (best of 3): %.3f s  (%.3f x load)%n", diffOnly, diffOnly / load);
        System.out.printf("shadow diff, both sides at once (best of 3): %.3f s  (%.2f x load; goal at most 1.5 x: %s)%n",
                shadowTime, shadowTime / load, shadowTime <= 1.5 * load ? "met" : "NOT met");
        System.out.printf("up statements: %d: %s%n", result.up().size(), result.up());
        offline(original, changed, load);
    }

    /** The offline mode: both sides through the DDL interpreter, no database; best of 5 after a warm-up. */
    private static void offline(String original, String changed, double load) {
        double best = Double.MAX_VALUE;
        DiffResult result = null;
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            try {
                SchemaModel a = dev.confiture.runner.diff.DiffService.offline(List.of(SqlScript.text("a", original)));
                SchemaModel b = dev.confiture.runner.diff.DiffService.offline(List.of(SqlScript.text("b", changed)));
                result = SchemaDiff.compare(a, b);
            } catch (RuntimeException e) {
                System.out.println("offline diff: the interpreter refused the schema: " + e.getMessage());
                return;
            }
            if (i > 0) {
                best = Math.min(best, seconds(t0));
            }
        }
        System.out.printf("offline parse+diff (warm, best of 5): %.3f s  (%.3f x load)%n", best, best / load);
        System.out.printf("offline up statements: %d: %s%n", result.up().size(),
                result.up().size() > 5 ? result.up().subList(0, 5) + " ..." : result.up());
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static DatabaseSettings settings(String url) throws Exception {
        Properties p = org.postgresql.Driver.parseURL(url, new Properties());
        String base = "jdbc:postgresql://" + p.getProperty("PGHOST") + ":" + p.getProperty("PGPORT") + "/"
                + p.getProperty("PGDBNAME");
        try (Connection c = DriverManager.getConnection(url)) {
            c.isValid(5);
        }
        return new DatabaseSettings(base, p.getProperty("user"), p.getProperty("password"));
    }

    private static String libpqUrl(String jdbcUrl, DatabaseSettings admin) {
        return jdbcUrl.substring("jdbc:".length()) + (admin.user() == null ? "" : "?user=" + admin.user());
    }
}
