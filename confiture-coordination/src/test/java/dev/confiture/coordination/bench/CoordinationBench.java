package dev.confiture.coordination.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.confiture.coordination.CheckRequest;
import dev.confiture.coordination.CoordinationService;
import dev.confiture.coordination.IntentReport;
import dev.confiture.coordination.RegisterRequest;
import dev.confiture.model.config.DatabaseSettings;
import dev.confiture.sql.ddl.DdlInterpreter;
import dev.confiture.testing.TestDatabase;
import dev.confiture.testing.TestPostgres;

/**
 * Registers N intents (default 10,000) through the library, then times {@code check} against
 * them, and a plain {@code SELECT 1} on the same connection, run the way the check runs its one
 * read (one autocommit statement, one round trip), as the baseline, both measured in this run. A
 * {@code SELECT 1} transaction (the statement, then a COMMIT: two round trips), on a connection of its
 * own with the same settings, is timed beside them for comparison with earlier runs. Run by
 * bench/coordination-bench.sh; not a test (no timing assertions).
 */
public final class CoordinationBench {

    private static final int AGENTS = 500;
    private static final int TABLES = 2_000;

    public static void main(String[] args) throws Exception {
        int intents = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int checks = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 6_000;
        Random random = new Random(42);
        try (TestDatabase db = TestPostgres.newDatabase("bench");
             CoordinationService service = CoordinationService.open(new DatabaseSettings(db.jdbcUrl(), db.user(), db.password()));
             Connection other = db.connect()) {
            System.out.println("Store: " + db.server().describe() + ", database " + db.name());
            service.init();

            long t0 = System.nanoTime();
            List<String> ids = new ArrayList<>();
            long[] register = new long[intents];
            for (int i = 0; i < intents; i++) {
                long r0 = System.nanoTime();
                int a = random.nextInt(TABLES);
                int b = random.nextInt(TABLES);
                String sql = "ALTER TABLE t" + a + " ADD COLUMN c" + random.nextInt(20) + " text;"
                        + (i % 10 == 0 ? " CREATE FUNCTION app.f" + random.nextInt(200) + "(integer) RETURNS integer"
                        + " LANGUAGE sql AS $$ SELECT 1 $$;" : "");
                IntentReport r = service.register(new RegisterRequest("agent" + random.nextInt(AGENTS), "feature_" + (i % 1000),
                        "t" + a + ",t" + b, sql, "medium", "2"));
                register[i] = System.nanoTime() - r0;
                ids.add(r.intentId());
                if ((i + 1) % 2_000 == 0) {
                    System.out.printf(Locale.ROOT, "  registered %,d intents (%.1f s)%n", i + 1, (System.nanoTime() - t0) / 1e9);
                }
            }
            double registerSeconds = (System.nanoTime() - t0) / 1e9;
            // a third of them finished: 20% completed, 10% abandoned, the rest stay active
            for (int i = 0; i < ids.size(); i++) {
                if (i % 10 < 2) {
                    service.complete(ids.get(i), "bench", "success", null);
                } else if (i % 10 == 2) {
                    service.abandon(ids.get(i), "bench", "bench");
                }
            }
            System.out.printf(Locale.ROOT, "Registered %,d intents in %.1f s (%.2f ms each); %,d active%n", intents,
                    registerSeconds, registerSeconds * 1000 / intents, activeIntents(db));
            // The store as autovacuum leaves it after so many changes (3,000 intents finished): vacuumed and
            // analysed. Otherwise autovacuum decides, at a time of its own, whether it vacuums the store
            // during the measured checks (it competes with them for the CPU and makes the session plan its
            // statements again), and p99 measures that timing instead of the check.
            db.execute("VACUUM ANALYZE");
            int tenth = Math.max(1, intents / 10);
            report("register, first tenth", Arrays.copyOfRange(register, 0, tenth));
            report("register, last tenth", Arrays.copyOfRange(register, intents - tenth, intents));
            long[] commit = durableCommits(db, 1_000);
            report("baseline INSERT transaction", commit);
            System.out.printf(Locale.ROOT, "register, last tenth: mean %.2f ms (goal at most 2 ms: %s); %.1fx a durable"
                            + " INSERT transaction at p50 (the commit's flush to disk is the floor of any registration)%n",
                    mean(Arrays.copyOfRange(register, intents - tenth, intents)),
                    mean(Arrays.copyOfRange(register, intents - tenth, intents)) <= 2.0 ? "met" : "NOT met",
                    percentile(Arrays.copyOfRange(register, intents - tenth, intents), 50) / percentile(commit, 50));

            List<CheckRequest> warmUpRequests = checkRequests(random, warmUp);
            List<CheckRequest> requests = checkRequests(random, checks);
            long[] check = new long[checks];
            long[] ping = new long[checks];
            long[] pingTransaction = new long[checks];
            long[] parse = new long[checks];
            // the client's own CPU (user and system) per check: what the library itself costs, without the server's
            // time and the waits; steadier than wall time on a shared machine, though not steady (its median moved
            // from 0.07 to 0.10 ms between two runs of the same code on 2026-12-01)
            long[] clientCpu = new long[checks];
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long conflicts = 0;
            other.setAutoCommit(false);
            // Warm-up with requests of their own: plan cache, buffers, and the JIT. On 2 cores the C2
            // compiler reaches the check's code (reading the SQL, decoding, detecting) only after about
            // 4,000 checks: before that the check's median is 0.35 to 0.4 ms, after it 0.22 ms, on the
            // same store. Fewer rounds measure the compiler's progress, not the check.
            long w0 = System.nanoTime();
            for (CheckRequest r : warmUpRequests) {
                service.check(r);
                service.store().ping();
                selectOneTransaction(other);
            }
            System.out.printf(Locale.ROOT, "warm-up: %,d checks, %.1f s%n", warmUp, (System.nanoTime() - w0) / 1e9);
            String maintenanceBefore = maintenance(db);
            for (int i = 0; i < checks; i++) {
                long s = System.nanoTime();
                service.store().ping();
                ping[i] = System.nanoTime() - s;
                s = System.nanoTime();
                selectOneTransaction(other);
                pingTransaction[i] = System.nanoTime() - s;
                long c0 = cpu.getCurrentThreadCpuTime();
                s = System.nanoTime();
                conflicts += service.check(requests.get(i)).conflicts().size();
                check[i] = System.nanoTime() - s;
                clientCpu[i] = cpu.getCurrentThreadCpuTime() - c0;
                s = System.nanoTime();
                DdlInterpreter.touchedObjects(requests.get(i).schemaChanges());
                parse[i] = System.nanoTime() - s;
            }
            System.out.printf(Locale.ROOT, "%,d checks against %,d intents, %.1f conflicts per check on average%n", checks,
                    intents, conflicts / (double) checks);
            String maintenanceAfter = maintenance(db);
            System.out.println("autovacuum during the measured checks: " + (maintenanceBefore.equals(maintenanceAfter)
                    ? "none" : "yes (" + maintenanceBefore + " -> " + maintenanceAfter + "): p99 includes it"));
            report("SELECT 1 + COMMIT (2 trips)", pingTransaction);
            report("baseline SELECT 1 (as the check)", ping);
            report("coordinate-check (library)", check);
            report("  of which reading schemaChanges", parse);
            report("  client CPU per check", clientCpu);
            System.out.printf(Locale.ROOT, "ratio check/baseline: p50 %.1fx, p99 %.1fx%n",
                    percentile(check, 50) / percentile(ping, 50), percentile(check, 99) / percentile(ping, 99));
            System.out.printf(Locale.ROOT, "goal check p99 at most 2x the baseline's p99: %s%n",
                    percentile(check, 99) <= 2 * percentile(ping, 99) ? "met" : "NOT met");
            // issue 19 words its goal against the two-round-trip transaction: the same figures, that way
            System.out.printf(Locale.ROOT, "check p99 / SELECT 1 + COMMIT p99: %.1fx (issue 19: at most 2x: %s)%n",
                    percentile(check, 99) / percentile(pingTransaction, 99),
                    percentile(check, 99) <= 2 * percentile(pingTransaction, 99) ? "met" : "NOT met");
            long s0 = System.nanoTime();
            int listed = service.status(null, null).intents().size();
            System.out.printf(Locale.ROOT, "coordinate-status of the %,d active intents, conflicts computed: %.0f ms%n", listed,
                    (System.nanoTime() - s0) / 1e6);
            explain(db);
        }
    }

    /** Checks of three declared tables, a column added to a fourth and a function replaced, at random. */
    private static List<CheckRequest> checkRequests(Random random, int n) {
        List<CheckRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(new CheckRequest("checker", "t" + random.nextInt(TABLES) + ",t" + random.nextInt(TABLES)
                    + ",t" + random.nextInt(TABLES), "ALTER TABLE t" + random.nextInt(TABLES) + " ADD COLUMN c"
                    + random.nextInt(20) + " text; CREATE OR REPLACE FUNCTION app.f" + random.nextInt(200)
                    + "(integer) RETURNS integer LANGUAGE sql AS $$ SELECT 2 $$"));
        }
        return requests;
    }

    /** SELECT 1, then COMMIT: the transaction shape the check had before it became one autocommit statement. */
    private static void selectOneTransaction(Connection c) throws Exception {
        try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
        }
        c.commit();
    }

    /** INSERT and COMMIT of one row on a connection of its own: what a durable write costs on this server. */
    private static long[] durableCommits(TestDatabase db, int n) throws Exception {
        db.execute("CREATE TABLE bench_commit (id integer)");
        long[] nanos = new long[n];
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO bench_commit VALUES (?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                ps.setInt(1, i);
                ps.executeUpdate();
                c.commit();
                nanos[i] = System.nanoTime() - s;
            }
        }
        return nanos;
    }

    /**
     * Counted by a query, not by {@code coordinate-status}: listing 7,000 intents with their conflicts
     * makes the JVM grow its heap to gigabytes, and every check measured after it then allocates in
     * young memory the kernel has not yet handed over (a page fault per fresh page): on this machine
     * that took the check's median from 0.26 to 0.68 ms and a {@code SELECT 1}'s from 0.06 to 0.12 ms,
     * and it measures the previous call rather than the check. Status is timed after the checks.
     */
    private static long activeIntents(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM "
                + "confiture_coordination.intents WHERE status IN ('REGISTERED', 'IN_PROGRESS')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** How many times autovacuum vacuumed and analysed the store's tables so far. */
    private static String maintenance(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(autovacuum_count), 0)"
                + " || ' vacuums, ' || coalesce(sum(autoanalyze_count), 0) || ' analyses' FROM pg_stat_user_tables"
                + " WHERE schemaname = 'confiture_coordination'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1e6;
    }

    private static void report(String what, long[] nanos) {
        System.out.printf(Locale.ROOT, "%-32s p50 %7.3f ms   p99 %7.3f ms   max %7.3f ms%n", what, percentile(nanos, 50),
                percentile(nanos, 99), percentile(nanos, 100));
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    /**
     * The plan the check's statement runs with inside {@code overlapping_objects}: the generic plan,
     * sequential scans off, as the function's settings make it; to show it is answered by the indexes.
     */
    private static void explain(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("SET plan_cache_mode = force_generic_plan; SET enable_seqscan = off;"
                    + " PREPARE overlapping(text, text[], text[]) AS SELECT o.intent_id, o.agent_id, o.feature_name, o.branch,"
                    + " o.kind, o.identity, o.table_identity, o.action FROM confiture_coordination.intent_objects o"
                    + " WHERE o.active AND (o.agent_id <> $1 OR o.owner_role <> session_user)"
                    + " AND (o.table_identity = ANY ($2) OR o.identity = ANY ($3))"
                    + " ORDER BY o.registered_at, o.intent_id, o.kind, o.identity");
            System.out.println("Plan of the check query (the statement inside overlapping_objects):");
            try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE overlapping('checker',"
                    + " '{public.t1,public.t2,public.t3}', '{public.t1,public.t4.c1,app.f1(integer)}')")) {
                while (rs.next()) {
                    System.out.println("  " + rs.getString(1));
                }
            }
        }
    }

    private CoordinationBench() {
    }
}
