package dev.confiture.runner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.runner.MigrationRunner;
import dev.confiture.runner.RunnerConfig;
import dev.confiture.jdbc.Connections;
import dev.confiture.runner.report.StatusReport;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/**
 * {@code status} over N migrations on disk, all applied (recorded by baseline), timed in the
 * library, against two floors measured in the same run: reading the same files (list + read
 * every byte) and one connection with {@code SELECT 1}. Run by {@code bench/status-bench.sh}.
 */
public final class StatusBench {

    private StatusBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path dir = Files.createTempDirectory("confiture-status-bench");
        try (TestDatabase db = TestPostgres.newDatabase("bench")) {
            for (int i = 1; i <= count; i++) {
                String v = String.format("%05d", i);
                Files.writeString(dir.resolve(v + "_create_table_" + i + ".up.sql"),
                        "CREATE TABLE t" + i + " (\n  id bigint PRIMARY KEY,\n  name text NOT NULL,\n  created_at timestamptz DEFAULT now()\n);\n"
                                + "CREATE INDEX t" + i + "_name_idx ON t" + i + " (name);\n");
                Files.writeString(dir.resolve(v + "_create_table_" + i + ".down.sql"), "DROP TABLE t" + i + ";\n");
            }
            DatabaseSettings settings = new DatabaseSettings(db.jdbcUrl(), db.user(), db.password());
            MigrationRunner runner = new MigrationRunner(RunnerConfig.of(settings, dir), null);
            runner.baseline(null);

            List<Long> status = new ArrayList<>();
            List<Long> discovery = new ArrayList<>();
            List<Long> files = new ArrayList<>();
            List<Long> select1 = new ArrayList<>();
            StatusReport last = null;
            for (int r = 0; r < runs + 2; r++) { // the first two runs warm the JIT and caches
                long t0 = System.nanoTime();
                last = runner.status();
                long t1 = System.nanoTime();
                long bytes = readAll(dir);
                long t2 = System.nanoTime();
                selectOne(settings);
                long t3 = System.nanoTime();
                runner.discover();
                long t4 = System.nanoTime();
                if (r >= 2) {
                    discovery.add(t4 - t3);
                    status.add(t1 - t0);
                    files.add(t2 - t1);
                    select1.add(t3 - t2);
                }
                if (bytes == 0) {
                    throw new IllegalStateException("no bytes read");
                }
            }
            if (last.applied() != count || last.total() != count) {
                throw new IllegalStateException("expected " + count + " applied, got " + last.applied() + "/" + last.total());
            }
            double s = median(status);
            double f = median(files);
            double q = median(select1);
            System.out.printf("migrations on disk and applied : %d (server: %s)%n", count, TestPostgres.server().describe());
            System.out.printf("status (library, median of %d) : %8.1f ms%n", runs, s);
            System.out.printf("  of which discovery + checksums: %8.1f ms%n", median(discovery));
            System.out.printf("baseline: list + read the files: %8.1f ms   (status / files  = %.1fx)%n", f, s / f);
            System.out.printf("baseline: connect + SELECT 1   : %8.1f ms   (status / select = %.1fx)%n", q, s / q);
            System.out.printf("status beyond both baselines   : %8.1f ms%n", s - f - q);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long readAll(Path dir) throws IOException {
        long bytes = 0;
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.sorted().toList()) {
                bytes += Files.readAllBytes(p).length;
            }
        }
        return bytes;
    }

    private static void selectOne(DatabaseSettings settings) throws Exception {
        try (Connection c = Connections.open(settings); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
        }
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }
}
