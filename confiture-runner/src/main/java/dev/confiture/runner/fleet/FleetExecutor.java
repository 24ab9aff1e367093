package dev.confiture.runner.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.confiture.jdbc.ConnectionPools;
import dev.confiture.jdbc.ConnectionSource;
import dev.confiture.model.ConfitureException;
import dev.confiture.runner.MigrationFailure;

/**
 * Runs one goal on many targets, {@code parallel} at a time, each under its own advisory lock (which the
 * runner takes per tracking table) on a session lent by its database's pool. A failure never stops a target
 * that is already running; with {@code failFast} it stops the ones not yet started.
 */
public final class FleetExecutor {

    /** The goal on one target, connecting through {@code connections} (its database's pool). Throwing fails that target only. */
    @FunctionalInterface
    public interface TargetAction {
        FleetOutcome run(FleetTarget target, ConnectionSource connections);
    }

    private FleetExecutor() {
    }

    /** Runs {@code action} on the targets through one connection pool per database, under {@code options.maxConnections()}. */
    public static FleetReport run(String goal, List<FleetTarget> targets, FleetOptions options, TargetAction action) {
        try (ConnectionPools pools = new ConnectionPools(options.maxConnections())) {
            return run(goal, targets, options, action, pools);
        }
    }

    private static FleetReport run(String goal, List<FleetTarget> targets, FleetOptions options, TargetAction action,
                                   ConnectionPools pools) {
        List<FleetTarget> canaries = options.canaries(targets);
        if (canaries.isEmpty()) {
            return runAll(goal, targets, options, action, pools);
        }
        java.util.Map<String, FleetOutcome> byName = new java.util.HashMap<>();
        boolean canaryFailed = false;
        for (FleetTarget canary : canaries) {
            FleetOutcome o = canaryFailed ? FleetOutcome.notStarted(canary.name()) : runOne(canary, action, pools);
            canaryFailed |= o.state() == FleetOutcome.State.FAILED;
            byName.put(canary.name(), o);
        }
        List<FleetTarget> rest = targets.stream().filter(t -> !canaries.contains(t)).toList();
        if (canaryFailed) {
            rest.forEach(t -> byName.put(t.name(), FleetOutcome.notStarted(t.name())));
        } else {
            runAll(goal, rest, options, action, pools).outcomes().forEach(o -> byName.put(o.target(), o));
        }
        return new FleetReport(goal, targets.stream().map(t -> byName.get(t.name())).toList());
    }

    private static FleetReport runAll(String goal, List<FleetTarget> targets, FleetOptions options, TargetAction action,
                                      ConnectionPools pools) {
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<FleetOutcome>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallel(), Math.max(1, targets.size())), r -> {
            Thread t = new Thread(r, "confiture-fleet");
            t.setDaemon(true);
            return t;
        });
        try {
            for (FleetTarget target : targets) {
                futures.add(pool.submit(() -> {
                    if (stop.get()) {
                        return FleetOutcome.notStarted(target.name());
                    }
                    FleetOutcome outcome = runOne(target, action, pools);
                    if (outcome.state() == FleetOutcome.State.FAILED && options.failFast()) {
                        stop.set(true);
                    }
                    return outcome;
                }));
            }
            List<FleetOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    outcomes.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    outcomes.add(FleetOutcome.failed(targets.get(i).name(), String.valueOf(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConfitureException("FLEET_INTERRUPTED", "The fleet run was interrupted.", e);
                }
            }
            return new FleetReport(goal, outcomes);
        } finally {
            pool.shutdownNow();
        }
    }

    private static FleetOutcome runOne(FleetTarget target, TargetAction action, ConnectionPools pools) {
        try {
            return action.run(target, pools.source(target.database()));
        } catch (MigrationFailure e) {
            return FleetOutcome.failed(target.name(), e.failure());
        } catch (RuntimeException e) {
            return FleetOutcome.failed(target.name(), e.getMessage());
        }
    }
}
