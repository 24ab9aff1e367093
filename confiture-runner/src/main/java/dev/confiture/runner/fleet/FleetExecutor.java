package dev.confiture.runner.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.confiture.model.ConfitureException;
import dev.confiture.runner.MigrationFailure;

/**
 * Runs one goal on many targets, {@code parallel} at a time, each on its own connections (and so under
 * its own advisory lock, which the runner takes per tracking table). A failure never stops a target
 * that is already running; with {@code failFast} it stops the ones not yet started.
 */
public final class FleetExecutor {

    /** The goal on one target. Throwing fails that target only. */
    @FunctionalInterface
    public interface TargetAction {
        FleetOutcome run(FleetTarget target);
    }

    private FleetExecutor() {
    }

    public static FleetReport run(String goal, List<FleetTarget> targets, FleetOptions options, TargetAction action) {
        List<FleetTarget> canaries = options.canaries(targets);
        if (canaries.isEmpty()) {
            return runAll(goal, targets, options, action);
        }
        java.util.Map<String, FleetOutcome> byName = new java.util.HashMap<>();
        boolean canaryFailed = false;
        for (FleetTarget canary : canaries) {
            FleetOutcome o = canaryFailed ? FleetOutcome.notStarted(canary.name()) : runOne(canary, action);
            canaryFailed |= o.state() == FleetOutcome.State.FAILED;
            byName.put(canary.name(), o);
        }
        List<FleetTarget> rest = targets.stream().filter(t -> !canaries.contains(t)).toList();
        if (canaryFailed) {
            rest.forEach(t -> byName.put(t.name(), FleetOutcome.notStarted(t.name())));
        } else {
            runAll(goal, rest, options, action).outcomes().forEach(o -> byName.put(o.target(), o));
        }
        return new FleetReport(goal, targets.stream().map(t -> byName.get(t.name())).toList());
    }

    private static FleetReport runAll(String goal, List<FleetTarget> targets, FleetOptions options, TargetAction action) {
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
                    FleetOutcome outcome = runOne(target, action);
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

    private static FleetOutcome runOne(FleetTarget target, TargetAction action) {
        try {
            return action.run(target);
        } catch (MigrationFailure e) {
            return FleetOutcome.failed(target.name(), e.failure());
        } catch (RuntimeException e) {
            return FleetOutcome.failed(target.name(), e.getMessage());
        }
    }
}
