package dev.confiture.coordination;

import static dev.confiture.coordination.StoreFixture.intent;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.confiture.model.ConfitureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many agents at once, each on its own connection, released together by a latch. */
class ConcurrencyTest {

    private final StoreFixture fx = new StoreFixture();

    @AfterEach
    void drop() {
        fx.close();
    }

    private <T> List<Future<T>> race(int n, java.util.function.IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<T> c = task.apply(i);
            futures.add(pool.submit(() -> {
                go.await();
                return c.call();
            }));
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        return futures;
    }

    @Test
    void twentyConcurrentRegistrationsOfOneFeatureGetDistinctBranches() throws Exception {
        try (CoordinationService s = fx.initialised()) {
            List<CoordinationService> services = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                services.add(fx.service());
            }
            List<Future<IntentReport>> results = race(20, i -> () -> services.get(i).register(
                    intent("agent" + i, "user_profiles", "table_" + i, null)));
            List<String> branches = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<IntentReport> f : results) {
                branches.add(f.get().branch());
                ids.add(f.get().intentId());
            }
            services.forEach(CoordinationService::close);
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                expected.add(String.format("feature/user_profiles_%03d", i));
            }
            assertThat(branches).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(s.status(null, null).intents()).hasSize(20);
        }
    }

    @Test
    void concurrentRegistrationsOnOneTableEachSeeTheOthers() throws Exception {
        try (CoordinationService s = fx.initialised()) {
            List<CoordinationService> services = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                services.add(fx.service());
            }
            List<Future<IntentReport>> results = race(8, i -> () -> services.get(i).register(
                    intent("agent" + i, "f" + i, "users", null)));
            int conflictsSeen = 0;
            for (Future<IntentReport> f : results) {
                conflictsSeen += f.get().conflicts().size();
            }
            services.forEach(CoordinationService::close);
            // registrations are serialised: the k-th sees the k-1 before it, 0+1+...+7
            assertThat(conflictsSeen).isEqualTo(28);
            // and status shows every pair from both sides
            assertThat(s.status(null, null).intents()).allSatisfy(i -> assertThat(i.conflicts()).hasSize(7));
        }
    }

    @Test
    void concurrentTransitionsOfOneIntentHaveExactlyOneWinner() throws Exception {
        try (CoordinationService s = fx.initialised()) {
            for (int round = 0; round < 5; round++) {
                String id = s.register(intent("alice", "race", "t", null)).intentId();
                List<CoordinationService> services = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    services.add(fx.service());
                }
                List<Future<String>> results = race(6, i -> () -> {
                    try {
                        TransitionReport r = i % 2 == 0
                                ? services.get(i).complete(id, "agent" + i, "success", "done by " + i)
                                : services.get(i).abandon(id, "agent" + i, "dropped by " + i);
                        return "won:" + r.status();
                    } catch (ConfitureException e) {
                        return "lost:" + e.getMessage();
                    }
                });
                List<String> outcomes = new ArrayList<>();
                for (Future<String> f : results) {
                    outcomes.add(f.get());
                }
                services.forEach(CoordinationService::close);
                assertThat(outcomes.stream().filter(o -> o.startsWith("won:"))).hasSize(1);
                String finalState = outcomes.stream().filter(o -> o.startsWith("won:")).findFirst().orElseThrow().substring(4);
                assertThat(outcomes.stream().filter(o -> o.startsWith("lost:")))
                        .hasSize(5).allSatisfy(o -> assertThat(o).contains("is " + finalState + "; it cannot become"));
                assertThat(s.history(id)).hasSize(2);
            }
        }
    }

    @Test
    void concurrentInitsAreSafe() throws Exception {
        List<CoordinationService> services = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            services.add(fx.service());
        }
        List<Future<InitReport>> results = race(4, i -> () -> services.get(i).init());
        int applied = 0;
        for (Future<InitReport> f : results) {
            applied += f.get().appliedSteps().size();
        }
        services.forEach(CoordinationService::close);
        assertThat(applied).isEqualTo(StoreSchema.STEPS.size());
    }
}
